// loadExtract behind the repeat-run cache. Every run hashes every input file; the hashes, with the
// version and the loading code, are the key (key.ts). A hit opens the cached tables instead of
// reading and checking the CSV again; a miss loads as always and then writes the entry.
//
// The guarantee of the uncached load holds on both paths: the hashes printed in the colophon are of
// the bytes whose rows are counted. On a miss the files are hashed while DuckDB reads them and proven
// unchanged afterwards (inputs.ts), and the entry is keyed by those hashes; on a hit they are hashed
// first, proven unchanged while hashing, and match the hashes the entry was loaded from.
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { loadConfig } from '../config/config.js';
import type { DbResources } from '../db-resources.js';
import { TABLES, type TableName } from '../load/contract.js';
import type { SourceFile } from '../load/files.js';
import { fingerprintInputs, type InputFingerprint } from '../load/inputs.js';
import { loadExtract, type LoadedExtract } from '../load/loader.js';
import { cacheKey, cacheKeyParts, type KeyedInput } from './key.js';
import { derivedStore } from './derived-store.js';
import { entryPath, openEntry, storeEntry, useEntry, type OpenEntry } from './entry.js';
import { cacheDirError, chooseCacheDir, prepareCacheDir } from './location.js';
import { SILENT, type Progress } from '../progress.js';

export interface CacheOptions {
  readonly noCache?: boolean;
  readonly cacheDir?: string | undefined;
  /** the command's output folder: its files may be published, so the cache is never inside it */
  readonly outDir?: string | undefined;
}

export interface CachedLoad {
  readonly x: LoadedExtract;
  readonly inputs: readonly InputFingerprint[];
  /** 'hit': the cached tables; 'stored': loaded and cached; 'loaded': loaded, not cached */
  readonly cache: 'hit' | 'stored' | 'loaded';
}

/** The folder of the cache, made if missing; null when off, or when the default folder cannot be used. */
function cacheFolder(dataDir: string, opts: CacheOptions, note: (s: string) => void): string | null {
  const choice = chooseCacheDir({ ...opts, dataDir });
  if (choice.dir === null) return null;
  const out = opts.outDir;
  const inOut = out !== undefined && (choice.dir === out || choice.dir.startsWith(out + sep));
  const problem = inOut ? `${choice.dir} is inside the output folder ${out}, whose files may be published` : prepareCacheDir(choice.dir);
  if (problem === null) return choice.dir;
  if (choice.explicit) throw cacheDirError(problem);
  note(`no repeat-run cache: ${problem}; give --cache-dir DIR (a private folder) to keep one, or --no-cache`);
  return null;
}

/** Could the entry be of these files? Sizes first, so that a changed extract is not hashed twice. */
function sameSizes(entry: OpenEntry, files: readonly { name: string; path: string }[]): boolean {
  const cached = (entry.meta.keyParts as { inputs?: KeyedInput[] }).inputs ?? [];
  if (cached.length !== files.length) return false;
  return files.every((f) => {
    try {
      return cached.some((c) => c.name === f.name && c.bytes === statSync(f.path).size);
    } catch {
      return false;
    }
  });
}

export async function loadExtractCached(
  dataDir: string,
  tables: Readonly<Record<TableName, SourceFile | null>>,
  resources: DbResources,
  opts: CacheOptions,
  note: (s: string) => void,
  progress: Progress = SILENT,
): Promise<CachedLoad> {
  const configFile = join(dataDir, 'registry.yaml');
  const files = [{ name: 'registry.yaml', path: configFile }, ...TABLES.flatMap((t) => (tables[t] ? [tables[t]] : []))];
  const folder = cacheFolder(dataDir, opts, note);
  const path = folder === null ? null : entryPath(folder, dataDir);
  const hashing = await fingerprintInputs(files);
  const entry = path === null ? null : await openEntry(path, resources);
  if (entry && sameSizes(entry, files)) {
    try {
      const config = await loadConfig(configFile); // read between the first stat and verify()
      const inputs = await hashing.verify();
      if (entry.meta.key === cacheKey(inputs)) {
        const step = progress.begin('read', 'the checked extract from the repeat-run cache');
        const x = await useEntry(entry, { config, dataDir, configFile, files: tables, derived: derivedStore(path!, entry.meta.key) });
        step.end();
        return { x, inputs, cache: 'hit' };
      }
    } catch (e) {
      entry.db.close();
      throw e;
    }
  }
  entry?.db.close();
  const x = await loadExtract(dataDir, resources, progress);
  try {
    const inputs = await hashing.verify();
    if (path === null) return { x, inputs, cache: 'loaded' };
    const key = cacheKey(inputs);
    try {
      const step = progress.begin('files', 'write the repeat-run cache');
      const stored = await storeEntry(x, path, { key, keyParts: cacheKeyParts(inputs), extract: dataDir, created: new Date().toISOString() });
      step.end();
      return stored ? { x: { ...x, derived: derivedStore(path, key) }, inputs, cache: 'stored' } : { x, inputs, cache: 'loaded' };
    } catch (e) {
      // The run itself is sound; only the next one will be slower.
      note(`the repeat-run cache was not written: ${(e as Error).message.split('\n')[0]}`);
      return { x, inputs, cache: 'loaded' };
    }
  } catch (e) {
    x.db.close();
    throw e;
  }
}
