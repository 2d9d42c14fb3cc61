// One cache entry per extract folder: `<id>.duckdb`, a DuckDB database with every table loadExtract
// left (chk_*, clean_* views, dq, cfg_*, cohort …) and a `regreport_cache` table with the key and the
// load's metadata (row accounting, encodings, ignored columns, warnings). Written into a temporary
// file in the same folder and renamed over the old entry when whole, so a crash or a failed load
// never leaves an entry that a later run would use; a run reading the old entry keeps reading it.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/types.js';
import type { DerivedStore } from '../derived.js';
import { Db } from '../db.js';
import type { DbResources } from '../db-resources.js';
import { onAbort } from '../exit-cleanup.js';
import type { TableName } from '../load/contract.js';
import type { SourceFile } from '../load/files.js';
import type { LoadedExtract } from '../load/loader.js';
import { pidAlive } from '../pid.js';
import { removeDerived } from './derived-store.js';
import { copyDatabase } from './entry-copy.js';
import { tryLock } from './entry-lock.js';
import { folderNames } from './location.js';

/** What the cache file says about itself and about the load. */
export interface EntryMeta {
  readonly key: string;
  readonly keyParts: Record<string, unknown>;
  readonly extract: string;
  readonly created: string;
  readonly tables: readonly TableName[];
  readonly ignoredColumns: LoadedExtract['ignoredColumns'];
  readonly encodings: LoadedExtract['encodings'];
  readonly accounting: LoadedExtract['accounting'];
  readonly warnings: LoadedExtract['warnings'];
}

const META_TABLE = 'regreport_cache';
/** The name the entry is attached under; the run's own tables stay in DuckDB's `memory` catalog. */
const ALIAS = 'regreport_cache';
/**
 * Tables later stages change (pathway_intervals.sql replaces dq's negative_interval rows): copied
 * into memory on a hit, as the entry is opened read-only. Every other table is read where it lies.
 */
const CHANGED_LATER = ['dq'];

const ENTRY_NAME = /^[0-9a-f]{16}\.duckdb$/;
/** a temporary entry, or a derived result's temporary file; group 2 is the writer's pid */
const TEMP_NAME = /^([0-9a-f]{16})\.duckdb(?:\.derived-[0-9a-f]{16}\.json)?\.tmp-(\d+)-[0-9a-z]+(\.wal)?$/;

/** The entry of an extract folder: one per folder, so a new load replaces the old one. */
export function entryPath(cacheDir: string, dataDir: string): string {
  return join(cacheDir, `${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}.duckdb`);
}

export function isEntryName(name: string): boolean {
  return ENTRY_NAME.test(name);
}

/** Temporary files of runs that no longer run (killed mid-write): never used, removed. */
export function removeStaleTemps(cacheDir: string): void {
  for (const n of folderNames(cacheDir)) {
    const m = TEMP_NAME.exec(n);
    if (m && !pidAlive(Number(m[2]))) rmSync(join(cacheDir, n), { force: true });
  }
}

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

/**
 * Writes the loaded extract as the folder's entry. Returns false when another run is writing it.
 * Call it right after the load, before later stages add their own tables.
 */
export async function storeEntry(x: LoadedExtract, path: string, meta: Omit<EntryMeta, 'tables' | 'ignoredColumns' | 'encodings' | 'accounting' | 'warnings'>): Promise<boolean> {
  const release = tryLock(`${path}.lock`);
  if (!release) return false;
  const temp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const removeTemp = () => {
    rmSync(temp, { force: true });
    rmSync(`${temp}.wal`, { force: true });
  };
  const unregister = onAbort(() => {
    removeTemp();
    release();
  });
  let attached = false;
  try {
    removeStaleTemps(join(path, '..'));
    await x.db.run(`ATTACH ${quote(temp)} AS regreport_cache_new`);
    attached = true;
    await copyDatabase(x.db, 'regreport_cache_new');
    const full: EntryMeta = {
      ...meta,
      tables: x.files.map((f) => f.table),
      ignoredColumns: x.ignoredColumns,
      encodings: x.encodings,
      accounting: x.accounting,
      warnings: x.warnings,
    };
    await x.db.run(`CREATE TABLE regreport_cache_new.${META_TABLE} (key VARCHAR, meta VARCHAR)`);
    await x.db.run(`INSERT INTO regreport_cache_new.${META_TABLE} VALUES ($key, $meta)`, { key: full.key, meta: JSON.stringify(full) });
    // DETACH checkpoints: afterwards the file alone is the whole database (no .wal beside it).
    await x.db.run('DETACH regreport_cache_new');
    attached = false;
    chmodSync(temp, 0o600);
    renameSync(temp, path);
    removeDerived(path);
    return true;
  } catch (e) {
    if (attached) await x.db.run('DETACH regreport_cache_new').catch(() => undefined);
    removeTemp();
    throw e;
  } finally {
    unregister();
    release();
  }
}

/** An entry opened read-only in a fresh database, and what it says about itself. */
export interface OpenEntry {
  readonly db: Db;
  readonly meta: EntryMeta;
}

/** Opens the entry if there is one that this regreport can read; null otherwise (never an error). */
export async function openEntry(path: string, resources: DbResources): Promise<OpenEntry | null> {
  if (!existsSync(path)) return null;
  const db = await Db.open(resources);
  try {
    await db.run(`ATTACH ${quote(path)} AS ${ALIAS} (READ_ONLY)`);
    const [row] = await db.all<{ meta: string }>(`SELECT meta FROM ${ALIAS}.${META_TABLE}`);
    if (!row) throw new Error('no metadata');
    return { db, meta: JSON.parse(row.meta) as EntryMeta };
  } catch {
    // Another version's file, or damaged: treated as absent, and replaced by this run's load.
    db.close();
    return null;
  }
}

/** Makes an opened entry the run's extract: the cached tables answer to their plain names. */
export async function useEntry(
  entry: OpenEntry,
  where: { config: Config; dataDir: string; configFile: string; files: Readonly<Record<TableName, SourceFile | null>>; derived: DerivedStore },
): Promise<LoadedExtract> {
  const { db, meta } = entry;
  // New tables go to `memory`; a name not found there is looked up in the entry.
  await db.run(`SET search_path = 'memory.main,${ALIAS}.main'`);
  for (const t of CHANGED_LATER) await db.run(`CREATE TABLE memory.main.${t} AS SELECT * FROM ${ALIAS}.main.${t}`);
  // As after a load (loader.ts): nothing from here on depends on the physical order of rows.
  await db.run('SET preserve_insertion_order = false');
  const files = meta.tables.map((t) => where.files[t]).filter((f): f is SourceFile => f !== null && f !== undefined);
  return {
    db,
    config: where.config,
    dataDir: where.dataDir,
    configFile: where.configFile,
    files,
    ignoredColumns: meta.ignoredColumns,
    encodings: meta.encodings,
    accounting: meta.accounting,
    warnings: meta.warnings,
    derived: where.derived,
  };
}
