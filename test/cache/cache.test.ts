// The repeat-run cache: used only for the very bytes it was loaded from, written whole or not at all,
// private, and invisible in what the commands write.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cacheKey, currentBuild } from '../../src/cache/key.js';
import { entryPath, storeEntry } from '../../src/cache/entry.js';
import { DEFAULT_CACHE_NAME } from '../../src/cache/location.js';
import { fingerprintInputs } from '../../src/load/inputs.js';
import { loadExtract } from '../../src/load/loader.js';
import { CASES_HEADER, cli, fixture, FORMS_HEADER, tempDir, withoutProgress } from '../helpers.js';

const cases = [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', 'B,PB,2024-04-01,C40,,M,60,R2,L2,', 'C,PC,2024-04-01,C40,,X,60,R2,L2,'];
const forms = [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,,', 'f2,B,registration,L2,2024-05-01,,,'];

/** A private cache folder (as the user would make it) and the entry of `data` in it. */
function cacheFor(data: string): { dir: string; entry: string } {
  const dir = join(tempDir(), 'cache');
  mkdirSync(dir, { mode: 0o700 });
  return { dir, entry: entryPath(dir, data) };
}

/** The cache folder's files but the derived results (derived.test.ts looks at those). */
const withoutDerived = (dir: string) => readdirSync(dir).filter((n) => !n.includes('.derived-')).sort();

/** The entry's inode: a hit leaves the file alone, a miss renames a new one into place. */
const inode = (path: string) => statSync(path).ino;

const tablesOf = (json: string) => (JSON.parse(json) as { tables: Record<string, unknown> }).tables;

async function metrics(data: string, cacheDir: string, ...more: string[]) {
  const out = tempDir();
  const r = await cli('metrics', '--data', data, '--out', out, '--cache-dir', cacheDir, ...more);
  // Nothing on stderr but the progress log: no note that the cache could not be written.
  expect(withoutProgress(r.err)).toBe('');
  expect(r.code).toBe(0);
  return { ...r, out, json: readFileSync(join(out, 'internal', 'metrics.json'), 'utf8') };
}

describe('hit and miss', () => {
  it('the same files hit; one changed byte (same size), a changed registry.yaml miss', async () => {
    const data = fixture({ cases, forms });
    const { dir, entry } = cacheFor(data);
    const first = await metrics(data, dir);
    const written = inode(entry);
    const again = await metrics(data, dir);
    expect(inode(entry)).toBe(written);
    expect(again.json).toBe(first.json);
    expect(again.out === first.out).toBe(false);

    // Case C's sex X (rejected) becomes F (used): same size, so only the hash can tell.
    const path = join(data, 'cases.csv');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('60,R2,L2,\n'.replace('60', 'X,60'), 'F,60,R2,L2,\n'));
    expect(statSync(path).size).toBe(text.length);
    const changed = await metrics(data, dir);
    expect(inode(entry)).not.toBe(written);
    expect(tablesOf(changed.json).cases).toEqual({ read: 3, used: 3, rejected: 0, out_of_scope: 0 });
    expect(tablesOf(first.json).cases).toEqual({ read: 3, used: 2, rejected: 1, out_of_scope: 0 });

    const beforeYaml = inode(entry);
    writeFileSync(join(data, 'registry.yaml'), readFileSync(join(data, 'registry.yaml'), 'utf8') + '# edited\n');
    await metrics(data, dir);
    expect(inode(entry)).not.toBe(beforeYaml);
    const settled = inode(entry);
    await metrics(data, dir);
    expect(inode(entry)).toBe(settled);
  });

  it('an entry written by another regreport version is not used, and is replaced', async () => {
    const data = fixture({ cases, forms });
    const { dir, entry } = cacheFor(data);
    const names = ['registry.yaml', 'units.csv', 'cases.csv', 'forms.csv'];
    const hashing = await fingerprintInputs(names.map((name) => ({ name, path: join(data, name) })));
    const x = await loadExtract(data);
    const inputs = await hashing.verify();
    const other = { ...currentBuild(), regreport: '0.0.1' };
    expect(cacheKey(inputs, other)).not.toBe(cacheKey(inputs));
    await storeEntry(x, entry, { key: cacheKey(inputs, other), keyParts: {}, extract: data, created: new Date().toISOString() });
    x.db.close();
    const old = inode(entry);
    await metrics(data, dir);
    expect(inode(entry)).not.toBe(old);
    const current = inode(entry);
    await metrics(data, dir);
    expect(inode(entry)).toBe(current);
  });

  it('--no-cache neither reads nor writes an entry', async () => {
    const data = fixture({ cases, forms });
    const r = await cli('validate', '--data', data, '--no-cache');
    expect(r.code).toBe(0);
    expect(existsSync(join(data, DEFAULT_CACHE_NAME))).toBe(false);
    expect((await cli('validate', '--data', data, '--no-cache', '--cache-dir', tempDir())).err).toContain('give --cache-dir or --no-cache, not both');
  });
});

describe('written whole or not at all', () => {
  it('a load that fails leaves no entry and no temporary file', async () => {
    const data = fixture({ cases: [CASES_HEADER.replace(',diagnosis_date', ''), 'A,PA,C49.2,,F,50,R1,L1,'], forms });
    const { dir } = cacheFor(data);
    const r = await cli('metrics', '--data', data, '--out', tempDir(), '--cache-dir', dir);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a killed writer's temporary file is never used and is removed by the next write", async () => {
    const data = fixture({ cases, forms });
    const { dir, entry } = cacheFor(data);
    // pid 4194304 is above Linux's largest pid: no such process runs.
    const leftover = `${entry}.tmp-4194304-abc123`;
    writeFileSync(leftover, 'half a database');
    writeFileSync(`${entry}.lock`, '4194304');
    await metrics(data, dir);
    expect(withoutDerived(dir)).toEqual([entry.slice(dir.length + 1)]);
  });

  it('two runs at once on the same extract leave one sound entry', async () => {
    const data = fixture({ cases, forms });
    const { dir, entry } = cacheFor(data);
    const run = (out: string) =>
      promisify(execFile)('node', ['bin/regreport.js', 'metrics', '--data', data, '--out', out, '--cache-dir', dir]);
    const [a, b] = [tempDir(), tempDir()];
    await Promise.all([run(a), run(b)]);
    expect(withoutDerived(dir)).toEqual([entry.slice(dir.length + 1)]);
    const hit = await metrics(data, dir);
    expect(hit.json).toBe(readFileSync(join(a, 'internal', 'metrics.json'), 'utf8'));
    expect(hit.json).toBe(readFileSync(join(b, 'internal', 'metrics.json'), 'utf8'));
  });
});

describe('private', () => {
  it('the default folder is .regreport-cache in the extract folder, 0700, its entry 0600', async () => {
    const data = fixture({ cases, forms });
    const testCache = process.env.REGREPORT_CACHE_DIR; // vitest.config.ts's, kept from every other test
    delete process.env.REGREPORT_CACHE_DIR;
    try {
      expect((await cli('validate', '--data', data)).code).toBe(0);
    } finally {
      process.env.REGREPORT_CACHE_DIR = testCache;
    }
    const folder = join(data, DEFAULT_CACHE_NAME);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(entryPath(folder, data)).mode & 0o777).toBe(0o600);
  });

  it('a --cache-dir others can read is refused before anything is loaded (exit 2)', async () => {
    const data = fixture({ cases, forms });
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const r = await cli('validate', '--data', data, '--cache-dir', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`the cache folder cannot be used: ${dir} can be read by others (mode 755, it must be 700)`);
    expect(r.err).toContain('chmod 700 DIR');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never inside --out, whose files may be published', async () => {
    const data = fixture({ cases, forms });
    const out = tempDir();
    const r = await cli('metrics', '--data', data, '--out', out, '--cache-dir', join(out, 'cache'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`the cache folder cannot be used: ${join(out, 'cache')} is inside the output folder ${out}, whose files may be published`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a default folder that cannot be made: the run goes on without the cache and says so', async () => {
    const data = fixture({ cases, forms });
    writeFileSync(join(data, DEFAULT_CACHE_NAME), 'not a folder');
    const env = { ...process.env };
    delete env.REGREPORT_CACHE_DIR;
    const r = await promisify(execFile)('node', ['bin/regreport.js', 'validate', '--data', data], { env });
    expect(r.stderr).toMatch(/^note: no repeat-run cache: cannot make .*\.regreport-cache \(EEXIST\); give --cache-dir DIR/);
    expect(r.stdout).toContain('rows read, used and rejected');
  });
});

describe('the same files out, cached or not', () => {
  for (const sample of ['no-sarcoma', 'se-sarcoma']) {
    it(`${sample}: metrics, data-quality and published files byte-identical`, async () => {
      const data = join(tempDir(), sample);
      cpSync(join('sample-data', sample), data, { recursive: true });
      const { dir, entry } = cacheFor(data);
      const plain = tempDir();
      expect((await cli('metrics', '--data', data, '--out', plain, '--no-cache')).code).toBe(0);
      await metrics(data, dir);
      const written = inode(entry);
      const hit = await metrics(data, dir);
      expect(inode(entry)).toBe(written);
      const files = ['metrics-published.csv', 'metrics-published.parquet', 'internal/metrics.json', 'internal/metrics.csv', 'internal/data-quality.csv'];
      for (const f of files) expect(readFileSync(join(hit.out, f)), f).toEqual(readFileSync(join(plain, f)));
      // validate's summary (accounting, first row per rule) and its data-quality.csv too
      const [v1, v2] = [tempDir(), tempDir()];
      const a = await cli('validate', '--data', data, '--out', v1, '--no-cache');
      const b = await cli('validate', '--data', data, '--out', v2, '--cache-dir', dir);
      expect(b.out.replace(v2, v1)).toBe(a.out);
      expect(readFileSync(join(v2, 'internal', 'data-quality.csv'))).toEqual(readFileSync(join(v1, 'internal', 'data-quality.csv')));
      expect(inode(entry)).toBe(written);
    });
  }

  it('line numbers survive the copy into the entry, however many threads write it', async () => {
    // The chk_* views number a plain file's lines by the row's place in its table; a copy that let
    // DuckDB's threads reorder rows moved negative intervals to other lines (seen at 8 threads).
    const data = join(tempDir(), 'scaled');
    expect((await cli('sample', '--profile', 'no', '--seed', '3', '--scale', '12', '--out', data, '--quiet')).code).toBe(0);
    const { dir } = cacheFor(data);
    const plain = tempDir();
    expect((await cli('metrics', '--data', data, '--out', plain, '--no-cache', '--as-of', '2024-06-30', '--quiet')).code).toBe(0);
    await metrics(data, dir, '--threads', '8', '--quiet');
    // Another cut-off: nothing derived for it yet, so the intervals are measured on the cached rows.
    const hit = await metrics(data, dir, '--as-of', '2024-06-30', '--quiet');
    const dq = (out: string) => readFileSync(join(out, 'internal', 'data-quality.csv'), 'utf8');
    expect(dq(plain)).toContain(',negative_interval\n');
    expect(dq(hit.out)).toBe(dq(plain));
  }, 60_000);
});

describe('regreport cache', () => {
  it('list names the extract; clear removes its entry, and --data limits both to that extract', async () => {
    const [one, two] = [fixture({ cases, forms }), fixture({ cases, forms })];
    const { dir } = cacheFor(one);
    await metrics(one, dir);
    await metrics(two, dir);
    const list = await cli('cache', 'list', '--cache-dir', dir);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`^${dir}: 2 entries, `));
    expect(list.out).toContain(`  ${entryPath(dir, one)} `);
    expect(list.out).toContain(` ${one} (written `);
    expect(list.out).toContain(` ${two} (written `);
    const cleared = await cli('cache', 'clear', '--cache-dir', dir, '--data', one);
    // the entry and its derived results (the metric table and the warnings of the period, the negative intervals)
    expect(cleared.out).toMatch(/^removed 4 file\(s\), /);
    expect(readdirSync(dir).every((n) => n.startsWith(entryPath(dir, two).slice(dir.length + 1)))).toBe(true);
    await cli('cache', 'clear', '--cache-dir', dir);
    expect(readdirSync(dir)).toEqual([]);
    const usage = await cli('cache', 'tidy', '--cache-dir', dir);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('regreport cache needs one of: list, clear');
  });

  it('clear never removes a file the cache did not name', async () => {
    const dir = join(tempDir(), 'mine');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'thesis.docx'), 'x');
    writeFileSync(join(dir, 'extract.duckdb'), 'x');
    expect((await cli('cache', 'clear', '--cache-dir', dir)).out).toMatch(/^removed 0 file/);
    expect(readdirSync(dir).sort()).toEqual(['extract.duckdb', 'thesis.docx']);
  });
});
