// What each command prints by default (not on a terminal), under --quiet and under --json; the live
// display on a terminal when the run stops on bad input; the closing line's time.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER, cli, fixture, tempDir } from '../helpers.js';

const cases = [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', 'B,PB,2024-04-01,C40,,M,60,R2,L2,', 'C,PC,2023-07-01,C40,,F,70,R1,L1,'];
const forms = [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,,', 'f2,B,registration,L2,2024-06-01,,,', 'f3,C,registration,L1,2023-08-01,,,'];
/** A bad row in forms.csv: the run stops while reading it, after units.csv and cases.csv. */
const raggedForms = [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,,', 'f2,B'];

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b/;
const LOG_LINE = /^\[ *\d+\.\d s\] \S.*$/;

// These tests decide the display themselves: the environment they run in must not.
const saved = { CI: process.env.CI, TERM: process.env.TERM, NO_COLOR: process.env.NO_COLOR };
beforeEach(() => {
  delete process.env.CI;
  delete process.env.NO_COLOR;
  process.env.TERM = 'xterm';
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('default output when stderr is not a terminal', () => {
  it('stdout as before; stderr one plain line per step, without escape codes', async () => {
    const out = join(tempDir(), 'm');
    const r = await cli('metrics', '--data', fixture({ cases, forms }), '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Testregister: units\.csv \(utf-8, plain ASCII\)/);
    expect(r.err).not.toMatch(ESCAPE);
    const lines = r.err.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(LOG_LINE);
    expect(lines.map((l) => l.replace(/^\[[^\]]*\] /, '').replace(/:.*/, ''))).toEqual([
      'start', 'read units.csv', 'check units', 'read cases.csv', 'check cases', 'read forms.csv', 'check forms', 'cohort and row accounting', 'write the repeat-run cache', 'metrics', 'metric files',
    ]);
  });

  it('with CI set, also on a terminal', async () => {
    process.env.CI = 'true';
    const err = new FakeTty();
    const code = await main(['validate', '--data', fixture({ cases, forms })], { out: new FakeTty() as unknown as NodeJS.WritableStream, err: err as unknown as NodeJS.WritableStream });
    expect(code).toBe(0);
    expect(err.text).not.toMatch(ESCAPE);
    expect(err.text.trimEnd().split('\n').every((l) => LOG_LINE.test(l))).toBe(true);
  });
});

describe('--quiet', () => {
  it('prints nothing when all is well', async () => {
    const r = await cli('metrics', '--data', fixture({ cases, forms }), '--out', join(tempDir(), 'm'), '--quiet');
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });

  it('prints the warnings, which change what the numbers mean, on stderr', async () => {
    const yaml = BASE_YAML.replace('    - { id: soft_tissue, icd10: [C47, C49] }\n', '    - { id: soft_tissue, icd10: [C47, C49] }\n    - { id: retroperitoneal, icd10: [C48] }\n');
    const r = await cli('validate', '--data', fixture({ yaml, cases, forms }), '--quiet');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe("warning: site group 'retroperitoneal' (icd10 C48) matches no case\n");
  });

  it('prints the error alone', async () => {
    const r = await cli('validate', '--data', fixture({ cases, forms: raggedForms }), '--quiet');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^regreport validate: .*forms\.csv:3: cannot parse the file: the row has 2 fields, the header has 8\n {2}\S.*\n$/);
  });

  it('check: the text comparison only when something moved', async () => {
    const dir = fixture({ cases, forms });
    const base = join(tempDir(), 'base');
    expect((await cli('metrics', '--data', dir, '--out', base, '--quiet')).code).toBe(0);
    const baseline = join(base, 'internal/metrics.json');
    expect(await cli('check', '--data', dir, '--baseline', baseline, '--quiet')).toEqual({ code: 0, out: '', err: '' });
    const junit = await cli('check', '--data', dir, '--baseline', baseline, '--quiet', '--format', 'junit');
    expect(junit.out).toMatch(/^<\?xml/);
    const moved = await cli('check', '--data', fixture({ cases, forms: forms.slice(0, 3) }), '--baseline', baseline, '--quiet');
    expect(moved.code).toBe(1);
    expect(moved.out).toMatch(/changed/);
    expect(moved.err).toBe('');
  });
});

describe('--json', () => {
  it('stdout is one JSON document with the documented fields; the sizes are the files’', async () => {
    const out = join(tempDir(), 'm');
    const r = await cli('metrics', '--data', fixture({ cases, forms }), '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, unknown> & { files: { path: string; bytes: number }[]; timings: { total_seconds: number; stages: Record<string, number>; steps: { stage: string; step: string; seconds: number }[] } };
    expect(Object.keys(doc)).toEqual(['version', 'tool', 'command', 'status', 'exit_code', 'error', 'registry', 'period', 'inputs', 'accounting', 'ignored_columns', 'warnings', 'out', 'files', 'result', 'timings']);
    expect(doc).toMatchObject({ version: 1, command: 'metrics', status: 'ok', exit_code: 0, error: null, registry: 'Testregister', period: { year: 2024, as_of: '2025-03-31' }, out });
    expect(doc.accounting).toEqual({
      units: { read: 4, used: 4, rejected: 0, rules: {} },
      cases: { read: 3, used: 3, rejected: 0, out_of_scope: 0, rules: {} },
      forms: { read: 3, used: 3, rejected: 0, rules: {} },
    });
    expect((doc.inputs as { file: string; encoding: string }[]).map((i) => [i.file, i.encoding])).toEqual([
      ['registry.yaml', 'utf-8'], ['units.csv', 'utf-8, plain ASCII'], ['cases.csv', 'utf-8, plain ASCII'], ['forms.csv', 'utf-8, plain ASCII'],
    ]);
    expect(doc.files.map((f) => f.path)).toContain('internal/metrics.json');
    for (const f of doc.files) expect(f.bytes, f.path).toBe(statSync(join(out, f.path)).size);
    expect(doc.result).toMatchObject({ metric_rows: expect.any(Number) as number, published_rows: expect.any(Number) as number });
    expect(Object.keys(doc.timings.stages)).toEqual(['start', 'read', 'check', 'metrics', 'files']);
    expect(doc.timings.steps.map((s) => s.step)).toContain('read cases.csv');
    // Each table's rows and time (worked by hand in progress.test.ts).
    expect(Object.keys((doc.timings as unknown as { tables: object }).tables)).toEqual(['units', 'cases', 'forms']);
    expect(doc.timings.total_seconds).toBeGreaterThanOrEqual(Math.max(...Object.values(doc.timings.stages)));
    // The progress log stays on stderr.
    expect(r.err.trimEnd().split('\n').every((l) => LOG_LINE.test(l))).toBe(true);
  });

  it('bad input: the error as JSON on stdout, exit 2, and the message on stderr', async () => {
    const r = await cli('validate', '--data', fixture({ cases, forms: raggedForms }), '--json');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { status: string; exit_code: number; error: Record<string, unknown>; accounting: unknown };
    expect(doc.status).toBe('bad_input');
    expect(doc.exit_code).toBe(2);
    expect(doc.error).toMatchObject({ kind: 'bad_input', line: 3, message: 'cannot parse the file: the row has 2 fields, the header has 8' });
    expect(String(doc.error.file)).toMatch(/forms\.csv$/);
    expect(r.err).toMatch(/regreport validate: .*forms\.csv:3: cannot parse the file/);
  });

  it('warnings with their fields in snake case and the message as printed', async () => {
    const yaml = BASE_YAML.replace('    - { id: soft_tissue, icd10: [C47, C49] }\n', '    - { id: soft_tissue, icd10: [C47, C49] }\n    - { id: retroperitoneal, icd10: [C48] }\n');
    const r = await cli('validate', '--data', fixture({ yaml, cases, forms }), '--json');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { warnings: unknown }).warnings).toEqual([
      { kind: 'empty_site_group', site_group: 'retroperitoneal', icd10: ['C48'], message: "site group 'retroperitoneal' (icd10 C48) matches no case" },
    ]);
  });

  it('a usage error too', async () => {
    const r = await cli('metrics', '--bogus', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ command: 'metrics', status: 'bad_input', exit_code: 2, error: { message: "Unknown option '--bogus'" } });
  });

  it('check: what moved, with status changed and exit 1', async () => {
    const dir = fixture({ cases, forms });
    const base = join(tempDir(), 'base');
    expect((await cli('metrics', '--data', dir, '--out', base, '--quiet')).code).toBe(0);
    const r = await cli('check', '--data', fixture({ cases, forms: forms.slice(0, 3) }), '--baseline', join(base, 'internal/metrics.json'), '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { status: string; result: { moved: boolean; extract_changes: { field: string; old: unknown; new: unknown }[] } };
    expect(doc.status).toBe('changed');
    expect(doc.result.moved).toBe(true);
    expect(doc.result.extract_changes).toContainEqual({ field: 'forms.read', old: 3, new: 2 });
  });

  it('build: the reports and the prints their tables of contents took', async () => {
    const r = await cli('build', '--data', fixture({ cases, forms }), '--out', join(tempDir(), 'b'), '--scope', 'national', '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { result: { reports: number; prints: { measured: number; printed: number } } };
    // One report, no finished report to take its pages from: a quick print finds them, then one full print
    // (a second one only if printing the numbers moved a section).
    expect(doc.result.reports).toBe(1);
    expect(doc.result.prints.measured).toBe(1);
    expect(doc.result.prints.printed).toBeGreaterThanOrEqual(1);
    expect(doc.result.prints.printed).toBeLessThanOrEqual(2);
  }, 60_000);

  it('sample: the files written with their sizes and the rows per table', async () => {
    const out = join(tempDir(), 's');
    const r = await cli('sample', '--profile', 'se', '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { files: { path: string; bytes: number }[]; result: { rows: Record<string, number> } };
    expect(doc.files.map((f) => f.path)).toEqual(['registry.yaml', 'units.csv', 'cases.csv', 'forms.csv', 'pathway_events.csv']);
    expect(doc.files[1]!.bytes).toBe(readFileSync(join(out, 'units.csv')).length);
    expect(doc.result.rows.cases).toBeGreaterThan(0);
  });
});

/** A terminal stream as far as the CLI looks: isTTY, columns and write. */
class FakeTty {
  readonly isTTY = true;
  readonly columns = 100;
  text = '';
  write(chunk: string | Uint8Array): boolean {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }
}

describe('on a terminal', () => {
  it('the live lines are erased before the error, which stands alone below the finished steps', async () => {
    const err = new FakeTty();
    const code = await main(['validate', '--data', fixture({ cases, forms: raggedForms })], { out: new FakeTty() as unknown as NodeJS.WritableStream, err: err as unknown as NodeJS.WritableStream });
    expect(code).toBe(2);
    expect(err.text).toMatch(ESCAPE);
    // Everything after the last erase: the finished steps' lines and the message, no spinner.
    const lastErase = err.text.lastIndexOf('\u001b[J');
    const after = err.text.slice(lastErase + 3);
    expect(after).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(after).toMatch(/regreport validate: .*forms\.csv:3: cannot parse the file.*\n {2}\S.*\n$/);
    expect(err.text).toMatch(/✓.* read cases\.csv: /);
    expect(err.text).not.toMatch(/✓.* read forms\.csv/);
  });

  it("build's closing line gives the whole run's time, start-up included", async () => {
    const out = new FakeTty();
    const sink = { write: () => true } as unknown as NodeJS.WritableStream;
    // A run that started 100 s ago, on the clock main() is given.
    const code = await main(['build', '--data', fixture({ cases, forms }), '--out', join(tempDir(), 'b'), '--scope', 'national'], { out: out as unknown as NodeJS.WritableStream, err: sink }, performance.now() - 100_000);
    expect(code).toBe(0);
    expect(out.text).toMatch(/^1 report\(s\) in 1\d\d\.\d s → /m);
  }, 60_000);
});
