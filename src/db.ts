// A thin layer over @duckdb/node-api: one in-memory database per run, static SQL files, bound parameters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { SQL_DIR } from './paths.js';
import { onAbort } from './exit-cleanup.js';
import { makeSpillDir, removeSpillDir, resourceError, type DbResources } from './db-resources.js';

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

const sqlCache = new Map<string, string[]>();

/**
 * REGREPORT_TRACE=1 prints each statement's wall time and the process's CPU time (all threads) during
 * it to stderr, for tuning large registries; on a busy machine the CPU time is the steadier figure.
 */
const TRACE = process.env.REGREPORT_TRACE === '1';

async function traced<T>(sql: string, fn: () => Promise<T>): Promise<T> {
  if (!TRACE) return fn();
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await fn();
  } finally {
    const used = process.cpuUsage(cpu);
    const head = sql.replace(/--[^\n]*/g, '').replace(/\s+/g, ' ').trim().slice(0, 100);
    const ms = (x: number) => x.toFixed(0).padStart(6);
    process.stderr.write(`[trace] ${ms(performance.now() - start)} ms ${ms((used.user + used.system) / 1000)} ms cpu  ${head}\n`);
  }
}

/** The statements of `sql/<name>.sql`, split at `;` that ends a line. The files hold no user values. */
export function sqlFile(name: string): string[] {
  let stmts = sqlCache.get(name);
  if (!stmts) {
    const text = readFileSync(join(SQL_DIR, `${name}.sql`), 'utf8');
    stmts = text
      .split(/;[ \t]*(?:\r?\n|$)/)
      .map((s) => s.trim())
      .filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
    sqlCache.set(name, stmts);
  }
  return stmts;
}

/** Only the parameters a statement names, since DuckDB refuses unused ones. */
function paramsFor(sql: string, params: Params | undefined): Params | undefined {
  if (!params) return undefined;
  const out: Params = {};
  let any = false;
  for (const m of sql.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const key = m[1]!;
    if (!(key in params)) throw new Error(`SQL parameter $${key} has no value`);
    out[key] = params[key]!;
    any = true;
  }
  return any ? out : undefined;
}

export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    private readonly resources: DbResources,
    private readonly spillDir: string,
    private readonly unregister: () => void,
  ) {}

  static async open(resources: DbResources = {}): Promise<Db> {
    const spillDir = makeSpillDir(resources.tempDir);
    // Spilled pages hold patient rows: removed on SIGINT/SIGTERM too, not only at close.
    const unregister = onAbort(() => removeSpillDir(spillDir));
    const options: Record<string, string> = { temp_directory: spillDir };
    if (resources.threads) options.threads = String(resources.threads);
    if (resources.memoryLimit) options.memory_limit = resources.memoryLimit;
    try {
      const instance = await DuckDBInstance.create(':memory:', options);
      return new Db(instance, await instance.connect(), resources, spillDir, unregister);
    } catch (e) {
      unregister();
      removeSpillDir(spillDir);
      throw e;
    }
  }

  /** Runs one statement; out-of-memory and disk-full become bad input naming the resource options. */
  private async guarded<T>(sql: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await traced(sql, fn);
    } catch (e) {
      throw resourceError(e, this.resources, this.spillDir) ?? e;
    }
  }

  async run(sql: string, params?: Params): Promise<void> {
    const p = paramsFor(sql, params);
    await this.guarded(sql, () => (p ? this.conn.run(sql, p) : this.conn.run(sql)));
  }

  /** Rows as JSON-safe objects: BIGINT, DATE and DECIMAL come back as strings. */
  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const p = paramsFor(sql, params);
    const reader = await this.guarded(sql, () => (p ? this.conn.runAndReadAll(sql, p) : this.conn.runAndReadAll(sql)));
    return reader.getRowObjectsJson() as T[];
  }

  /** Runs every statement of a sql/ file; returns the rows of the last one. */
  async file<T = Row>(name: string, params?: Params): Promise<T[]> {
    const stmts = sqlFile(name);
    for (const s of stmts.slice(0, -1)) await this.run(s, params);
    const last = stmts[stmts.length - 1];
    return last === undefined ? [] : this.all<T>(last, params);
  }

  /** Inserts small configuration rows with bound values. */
  async insert(table: string, rows: readonly (readonly DuckDBValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const width = rows[0]!.length;
    const placeholders = Array.from({ length: width }, (_, i) => `$${i + 1}`).join(', ');
    const sql = `INSERT INTO ${table} VALUES (${placeholders})`;
    // Guarded like every statement: with a tiny --memory-limit even these few rows can run out of memory.
    const prepared = await this.guarded(sql, () => this.conn.prepare(sql));
    for (const row of rows) {
      prepared.bind([...row]);
      await this.guarded(sql, () => prepared.run());
    }
  }

  close(): void {
    try {
      this.conn.closeSync();
      this.instance.closeSync();
    } finally {
      this.unregister();
      removeSpillDir(this.spillDir);
    }
  }
}
