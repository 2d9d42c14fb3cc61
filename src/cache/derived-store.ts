// Where derived results (derived.ts) are kept: one small JSON file per result beside the extract's
// entry, `<id>.duckdb.derived-<16 hex>.json`, owner-only like the entry, since a metric table holds
// the small cells that publishing withholds and the negative intervals name pathways. The name hashes
// the entry's key, the deriving code and the result's key; the file repeats all three and is used only
// when they match, so a result is never taken for another extract, another version or another period.
// Written into a temporary file and renamed, so a reader sees a whole file or none.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DerivedStore } from '../derived.js';
import { derivedCodeHash } from './key.js';
import { folderNames } from './location.js';

/** `<entry>.derived-<16 hex>.json`, and its temporary twin while being written */
export const DERIVED_SUFFIX = /\.derived-[0-9a-f]{16}\.json(\.tmp-\d+-[0-9a-z]+)?$/;

interface Kept {
  readonly entry: string;
  readonly code: string;
  readonly key: string;
  readonly value: unknown;
}

/** JSON that reads back as the very value: no NaN, no Infinity, no undefined in arrays. */
function exactJson(value: unknown): string | null {
  try {
    return JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('not finite');
      if (Array.isArray(v) && v.includes(undefined)) throw new Error('undefined in an array');
      return v;
    });
  } catch {
    return null;
  }
}

/** The store of the entry at `entryFile`, whose key is `entryKey`. */
export function derivedStore(entryFile: string, entryKey: string): DerivedStore {
  const code = derivedCodeHash();
  const fileOf = (key: string) =>
    `${entryFile}.derived-${createHash('sha256').update(JSON.stringify([entryKey, code, key])).digest('hex').slice(0, 16)}.json`;
  return {
    get<T>(key: string): T | undefined {
      try {
        const kept = JSON.parse(readFileSync(fileOf(key), 'utf8')) as Kept;
        return kept.entry === entryKey && kept.code === code && kept.key === key ? (kept.value as T) : undefined;
      } catch {
        return undefined; // none yet, or unreadable: computed again
      }
    },
    put(key: string, value: unknown): void {
      const json = exactJson({ entry: entryKey, code, key, value });
      if (json === null) return;
      const file = fileOf(key);
      const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
      try {
        writeFileSync(temp, json, { mode: 0o600, flag: 'wx' });
        renameSync(temp, file);
      } catch {
        // A full disk only makes the next run slower.
        rmSync(temp, { force: true });
      }
    },
  };
}

/** Removes every derived result of the entry (its rows were replaced, so they belong to no entry). */
export function removeDerived(entryFile: string): void {
  const dir = dirname(entryFile);
  const prefix = `${basename(entryFile)}.derived-`;
  for (const n of folderNames(dir)) if (n.startsWith(prefix) && DERIVED_SUFFIX.test(n)) rmSync(join(dir, n), { force: true });
}
