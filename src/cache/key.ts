// The cache key: everything that decides what loadExtract leaves behind. Any difference gives another
// key, so a cached extract is only ever used for the very bytes it was loaded from.
//   - the SHA-256 and size of registry.yaml and of every table file, under its name (the name says
//     which table and which format it is read as)
//   - regreport's version and the cache format
//   - the code that loads: the load/, config/ and cache/ modules and the SQL files, hashed as they are
//     on disk, so a changed rule never meets rows checked by the old one (also between releases)
//   - DuckDB's version (its CSV reader and its file format)
// Nothing else reaches the loader: the resource options (--threads, --memory-limit, --temp-dir) change
// how fast, not what, and no environment variable is read while loading.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version as duckdbVersion } from '@duckdb/node-api';
import { SQL_DIR, VERSION } from '../paths.js';

/** Raised whenever what the cache file holds, or how it is laid out, changes. */
export const CACHE_FORMAT = 1;

export interface KeyedInput {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

const codeHashes = new Map<string, string>();

/** SHA-256 over the names and bytes of the files in these folders (src/*.ts in tests, dist/*.js in use). */
function folderHash(dirs: readonly string[]): string {
  const id = dirs.join('\0');
  let hash = codeHashes.get(id);
  if (hash !== undefined) return hash;
  const h = createHash('sha256');
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((n) => /\.(js|ts|sql)$/.test(n)).sort()) {
      h.update(`${name}\0`).update(readFileSync(join(dir, name))).update('\0');
    }
  }
  hash = h.digest('hex');
  codeHashes.set(id, hash);
  return hash;
}

const here = (d: string) => fileURLToPath(new URL(d, import.meta.url));

/** The code the load runs: the load/, config/ and cache/ modules and the SQL files. */
export function loaderCodeHash(): string {
  return folderHash([here('../load/'), here('../config/'), here('./'), SQL_DIR]);
}

/**
 * The code that derives results from a loaded extract (derived.ts): the loader's and the metrics/
 * modules, so a changed metric never reuses a result of the old one while the entry stays valid.
 */
export function derivedCodeHash(): string {
  return createHash('sha256').update(`${loaderCodeHash()}\0${folderHash([here('../metrics/')])}`).digest('hex');
}

/** What regreport itself brings to the key. */
export interface BuildId {
  readonly regreport: string;
  readonly duckdb: string;
  readonly code: string;
}

export function currentBuild(): BuildId {
  return { regreport: VERSION, duckdb: duckdbVersion(), code: loaderCodeHash() };
}

/** The key's parts, readable (kept in the cache file, shown by `cache list`). */
export function cacheKeyParts(inputs: readonly KeyedInput[], build: BuildId = currentBuild()): Record<string, unknown> {
  return {
    format: CACHE_FORMAT,
    ...build,
    inputs: [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((i) => ({ name: i.name, sha256: i.sha256, bytes: i.bytes })),
  };
}

export function cacheKey(inputs: readonly KeyedInput[], build: BuildId = currentBuild()): string {
  return createHash('sha256').update(JSON.stringify(cacheKeyParts(inputs, build))).digest('hex');
}
