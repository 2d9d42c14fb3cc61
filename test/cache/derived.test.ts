// Derived results kept beside the cache entry: used only for the entry, code and key they were made
// for, owner-only, and gone with the entry they belong to.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivedStore } from '../../src/cache/derived-store.js';
import { entryPath } from '../../src/cache/entry.js';
import { derived } from '../../src/derived.js';
import { CASES_HEADER, cli, fixture, FORMS_HEADER, tempDir } from '../helpers.js';

function privateDir(): string {
  const dir = join(tempDir(), 'cache');
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

const derivedFiles = (dir: string) => readdirSync(dir).filter((n) => n.includes('.derived-')).sort();

describe('the store', () => {
  it('gives back what was kept, for the same entry and key only', () => {
    const entry = join(privateDir(), '0123456789abcdef.duckdb');
    const store = derivedStore(entry, 'key-1');
    const value = { rows: [{ numerator: 3, value: 0.1 + 0.2, target: null, met: false }], label: 'Helse Sør-Øst' };
    store.put('metrics 2024', value);
    expect(store.get('metrics 2024')).toEqual(value);
    expect(store.get('metrics 2023')).toBeUndefined();
    expect(derivedStore(entry, 'key-2').get('metrics 2024')).toBeUndefined();
    const [file] = derivedFiles(join(entry, '..'));
    expect(statSync(join(entry, '..', file!)).mode & 0o777).toBe(0o600);
  });

  it('a file that names another key is not used', () => {
    const entry = join(privateDir(), '0123456789abcdef.duckdb');
    derivedStore(entry, 'key-1').put('a', 1);
    const file = join(entry, '..', derivedFiles(join(entry, '..'))[0]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"key":"a"', '"key":"b"'));
    expect(derivedStore(entry, 'key-1').get('a')).toBeUndefined();
    writeFileSync(file, 'half a fi');
    expect(derivedStore(entry, 'key-1').get('a')).toBeUndefined();
  });

  it('keeps nothing that JSON would not give back as it was', async () => {
    const entry = join(privateDir(), '0123456789abcdef.duckdb');
    const store = derivedStore(entry, 'key-1');
    store.put('nan', { value: Number.NaN });
    store.put('infinite', [Number.POSITIVE_INFINITY]);
    expect(readdirSync(join(entry, '..'))).toEqual([]);
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    expect(await derived(store, 'n', compute)).toBe(1);
    expect(await derived(store, 'n', compute)).toBe(1);
    expect(await derived(undefined, 'n', compute)).toBe(2);
  });
});

describe('with the commands', () => {
  const cases = [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', 'B,PB,2024-04-01,C40,,M,60,R2,L2,', 'C,PC,2023-04-01,C40,,M,60,R2,L2,'];
  const forms = [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,,', 'f2,B,registration,L2,2024-05-01,,,'];

  it('a period asked for again reuses its results; a changed extract drops them all', async () => {
    const data = fixture({ cases, forms });
    const dir = privateDir();
    const run = async (...more: string[]) => {
      const out = tempDir();
      const r = await cli('metrics', '--data', data, '--out', out, '--cache-dir', dir, '--quiet', ...more);
      expect(r.code).toBe(0);
      return readFileSync(join(out, 'internal', 'metrics.json'), 'utf8');
    };
    const plain = tempDir();
    expect((await cli('metrics', '--data', data, '--out', plain, '--no-cache', '--quiet')).code).toBe(0);
    const first = await run();
    // the metric table, the warnings of the period, the negative intervals as of the cut-off
    const kept = derivedFiles(dir);
    expect(kept).toHaveLength(3);
    expect(kept.every((n) => n.startsWith(entryPath(dir, data).slice(dir.length + 1)))).toBe(true);
    const again = await run();
    expect(again).toBe(first);
    expect(again).toBe(readFileSync(join(plain, 'internal', 'metrics.json'), 'utf8'));
    expect(derivedFiles(dir)).toEqual(kept);

    const before = await run('--year', '2023');
    expect((JSON.parse(before) as { year: number }).year).toBe(2023);
    expect(derivedFiles(dir)).toHaveLength(5); // the same cut-off: its negative intervals are shared

    writeFileSync(join(data, 'forms.csv'), [...forms, 'f3,C,registration,L2,2023-05-01,,,'].join('\n') + '\n');
    const changed = await run('--year', '2023');
    expect(changed).not.toBe(before);
    expect(derivedFiles(dir)).toHaveLength(3);
    expect(derivedFiles(dir).some((n) => kept.includes(n))).toBe(false);
  });
});
