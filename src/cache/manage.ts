// `regreport cache list` and `cache clear`: what the cache folder holds, and removing it. Only files
// named as the cache names them are touched, so --cache-dir pointed at a wrong folder removes nothing
// else.
import { rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { entryPath, isEntryName, type EntryMeta } from './entry.js';
import { DEFAULT_CACHE_NAME, folderNames } from './location.js';

export interface ListedEntry {
  readonly file: string;
  readonly bytes: number;
  readonly modified: Date;
  /** null when the file cannot be read by this regreport (another version, damaged): never used */
  readonly meta: Pick<EntryMeta, 'extract' | 'created' | 'keyParts'> | null;
}

/** Everything of the cache's: entries, their locks, derived results, temporary files of unfinished writes. */
const OWN_FILE = /^[0-9a-f]{16}\.duckdb(\.lock|\.wal|\.tmp-\d+-[0-9a-z]+(\.wal)?|\.derived-[0-9a-f]{16}\.json(\.tmp-\d+-[0-9a-z]+)?)?$/;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // removed meanwhile
  }
}

async function readMeta(path: string): Promise<ListedEntry['meta']> {
  try {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    try {
      const conn = await instance.connect();
      const rows = (await conn.runAndReadAll('SELECT meta FROM regreport_cache')).getRowObjectsJson() as { meta: string }[];
      conn.closeSync();
      const meta = JSON.parse(rows[0]!.meta) as EntryMeta;
      return { extract: meta.extract, created: meta.created, keyParts: meta.keyParts };
    } finally {
      instance.closeSync();
    }
  } catch {
    return null;
  }
}

/** The entries in a cache folder (or only the one of `dataDir`), oldest first. */
export async function listEntries(dir: string, dataDir?: string): Promise<ListedEntry[]> {
  const only = dataDir === undefined ? null : basename(entryPath(dir, dataDir));
  const out: ListedEntry[] = [];
  const all = folderNames(dir);
  for (const n of all.filter((n) => isEntryName(n) && (only === null || n === only))) {
    const file = join(dir, n);
    const st = statSync(file);
    // The entry's derived results (metric tables of the periods asked for) count as its size.
    const derivedBytes = all
      .filter((d) => d.startsWith(`${n}.derived-`))
      .reduce((sum, d) => sum + sizeOf(join(dir, d)), 0);
    out.push({ file, bytes: st.size + derivedBytes, modified: st.mtime, meta: await readMeta(file) });
  }
  return out.sort((a, b) => a.modified.getTime() - b.modified.getTime());
}

/** Removes the cache's files (or those of `dataDir`'s entry); the default folder goes too when empty. */
export function clearEntries(dir: string, dataDir?: string): { files: number; bytes: number } {
  const only = dataDir === undefined ? null : basename(entryPath(dir, dataDir));
  let files = 0;
  let bytes = 0;
  for (const n of folderNames(dir).filter((n) => OWN_FILE.test(n) && (only === null || n.startsWith(only)))) {
    try {
      bytes += statSync(join(dir, n)).size;
      rmSync(join(dir, n), { force: true });
      files++;
    } catch {
      // removed meanwhile
    }
  }
  if (basename(dir) === DEFAULT_CACHE_NAME && folderNames(dir).length === 0) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty after all, or gone
    }
  }
  return { files, bytes };
}
