// regreport check: exit codes, the diff in three formats, tolerance, added and removed rows.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricTable } from '../../src/metrics/metrics.js';
import { cli, tempDir } from '../helpers.js';

const SAMPLE = 'sample-data/se-sarcoma';
const GOLDEN = 'test/golden/se-sarcoma/metrics.json';

function baselineWith(edit: (t: { -readonly [K in keyof MetricTable]: MetricTable[K] } & { metrics: Record<string, unknown>[] }) => void): string {
  const t = JSON.parse(readFileSync(GOLDEN, 'utf8')) as MetricTable & { metrics: Record<string, unknown>[] };
  edit(t);
  const path = join(tempDir(), 'baseline.json');
  writeFileSync(path, JSON.stringify(t));
  return path;
}

const nationalCoverage = (t: { metrics: Record<string, unknown>[] }) =>
  t.metrics.find((r) => r.metric === 'coverage' && r.form_type === 'registration' && r.year === 2024 && r.level === 'national')!;

describe('regreport check', () => {
  it('a moved number: exit 1 and a readable diff', async () => {
    const path = baselineWith((t) => {
      const r = nationalCoverage(t);
      r.numerator = (r.numerator as number) + 1;
    });
    const r = await cli('check', '--data', SAMPLE, '--baseline', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^1 changed, 0 added, 0 removed, \d+ unchanged/);
    expect(r.out).toMatch(/~ coverage registration 2024 national ALL\n\s+numerator: (\d+) → (\d+) -1/);
  });

  it('a moved withheld flag fails like a moved number: it changes what is published', async () => {
    const path = baselineWith((t) => {
      const r = (t.metrics as Record<string, unknown>[]).find((m) => m.level === 'unit' && m.withheld === false)!;
      r.withheld = true;
    });
    const r = await cli('check', '--data', SAMPLE, '--baseline', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/withheld: true → false/);
  });

  it('markdown and junit formats', async () => {
    const path = baselineWith((t) => {
      t.metrics.splice(0, 1);
      (t.tables as Record<string, unknown>).cases = { ...t.tables.cases!, read: 1 };
    });
    const md = await cli('check', '--data', SAMPLE, '--baseline', path, '--format', 'markdown');
    expect(md.code).toBe(1);
    expect(md.out).toMatch(/^### regreport check: metrics moved/);
    expect(md.out).toMatch(/\| \(extract\) \| cases\.read \| 1 \| \d+ \| \+\d+ \|/);
    expect(md.out).toMatch(/\| centralisation ALL 2015 national ALL \| \(added\) \|/);
    const junit = await cli('check', '--data', SAMPLE, '--baseline', path, '--format', 'junit');
    expect(junit.code).toBe(1);
    expect(junit.out).toMatch(/<testsuite name="regreport check" tests="\d+" failures="2" errors="0">/);
    expect(junit.out).toMatch(/<testcase classname="regreport.centralisation" name="centralisation ALL 2015 national ALL"><failure message="added: /);
  });

  it('a removed row', async () => {
    const path = baselineWith((t) => {
      t.metrics.push({ ...nationalCoverage(t), group: 'GONE', level: 'unit' });
    });
    const r = await cli('check', '--data', SAMPLE, '--baseline', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^- coverage registration 2024 unit GONE: \d+\/\d+ = /m);
  });

  it('tolerance: a change below it passes, above it fails', async () => {
    const path = baselineWith((t) => {
      const r = nationalCoverage(t);
      r.value = (r.value as number) + 1e-12;
    });
    expect((await cli('check', '--data', SAMPLE, '--baseline', path)).code).toBe(1);
    expect((await cli('check', '--data', SAMPLE, '--baseline', path, '--tolerance', '1e-9')).code).toBe(0);
  });

  it('bad arguments exit 2', async () => {
    expect((await cli('check', '--data', SAMPLE, '--baseline', '/nonexistent.json')).code).toBe(2);
    expect((await cli('check', '--data', SAMPLE, '--baseline', GOLDEN, '--format', 'html')).code).toBe(2);
    expect((await cli('check', '--data', SAMPLE, '--baseline', GOLDEN, '--tolerance', '-1')).code).toBe(2);
    const notJson = join(tempDir(), 'x.json');
    writeFileSync(notJson, 'nope');
    expect((await cli('check', '--data', SAMPLE, '--baseline', notJson)).code).toBe(2);
  });
});

describe('regreport metrics', () => {
  it('writes the published and the in-house files; the same input gives byte-identical metrics.json', async () => {
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    const ra = await cli('metrics', '--data', SAMPLE, '--out', a);
    expect(ra.code, ra.err).toBe(0);
    expect(ra.out).toMatch(/coverage \(national\)\n\s+registration 2023\s+\d+\.\d %/);
    await cli('metrics', '--data', SAMPLE, '--out', b);
    expect(readFileSync(join(a, 'internal/metrics.json')).equals(readFileSync(join(b, 'internal/metrics.json')))).toBe(true);
    for (const f of ['metrics.csv', 'metrics.parquet', 'metrics.arrow', 'data-quality.csv']) {
      expect(readFileSync(join(a, 'internal', f)).length).toBeGreaterThan(100);
      expect(statSync(join(a, 'internal', f)).mode & 0o777, f).toBe(0o600);
    }
    expect(statSync(join(a, 'internal')).mode & 0o777).toBe(0o700);
    expect(readdirSync(a).sort()).toEqual(['internal', 'metrics-published.csv', 'metrics-published.parquet']);
  });

  it('metrics.parquet and metrics.arrow hold the same rows as metrics.csv', async () => {
    const out = join(tempDir(), 'm');
    await cli('metrics', '--data', SAMPLE, '--out', out);
    const { tableFromIPC } = await import('apache-arrow');
    const arrow = tableFromIPC(readFileSync(join(out, 'internal/metrics.arrow')));
    const json = JSON.parse(readFileSync(join(out, 'internal/metrics.json'), 'utf8')) as MetricTable;
    expect(arrow.numRows).toBe(json.metrics.length);
    expect(arrow.get(5)!.toJSON()).toEqual(json.metrics[5]);
    const { Db } = await import('../../src/db.js');
    const db = await Db.open();
    const rows = await db.all<Record<string, unknown>>('SELECT * FROM read_parquet($p) LIMIT 1 OFFSET 5', { p: join(out, 'internal/metrics.parquet') });
    db.close();
    expect(rows[0]).toEqual({ ...json.metrics[5], year: json.metrics[5]!.year });
  });
});
