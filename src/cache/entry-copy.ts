// The run's tables and views → the entry's database file, in a form that does not depend on the order
// the rows land in. The chk_* view of a plain CSV file numbers its lines by rowid, the row's place in
// ld_* (load/validate.ts); DuckDB's threads may write a copy's rows in another order, and keeping the
// order (preserve_insertion_order) cost about 5 s CPU at national scale. So those tables are copied
// with the line as a column of their own, read from rowid on the source side, and their views read it.
import type { Db } from '../db.js';
import { BLANK } from '../load/csv.js';

/** chk_<table> of a plain file: its line is the row's place in ld_<table> (validate.ts, finishTable). */
const byPosition = (view: { name: string; sql: string }) => view.name.startsWith('chk_') && /\browid\b/i.test(view.sql);

interface Plan {
  /** the tables to copy: name → the SELECT that gives their rows */
  readonly tables: ReadonlyMap<string, string>;
  /** the views to create in the target, those the others read first */
  readonly views: readonly string[];
}

/** What to copy, from the catalog of the run's `memory` database. */
export async function copyPlan(db: Db): Promise<Plan> {
  const tables = await db.all<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory' AND schema_name = 'main' AND NOT temporary ORDER BY table_name",
  );
  const views = await db.all<{ name: string; sql: string }>(
    "SELECT view_name AS name, sql FROM duckdb_views() WHERE database_name = 'memory' AND schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY view_name",
  );
  const select = new Map(tables.map((t) => [t.name, `SELECT * FROM memory.main.${t.name}`]));
  const chk: string[] = [];
  const rest: string[] = [];
  for (const v of views) {
    const table = `ld_${v.name.slice('chk_'.length)}`;
    if (byPosition(v) && select.has(table)) {
      // The same rows and columns as the view over rowid: the line first, blank lines left out.
      select.set(table, `SELECT (rowid + 2)::BIGINT AS line, * FROM memory.main.${table}`);
      chk.push(`CREATE VIEW ${v.name} AS SELECT * FROM ${table} WHERE fail IS DISTINCT FROM ${BLANK}`);
    } else {
      (v.name.startsWith('chk_') ? chk : rest).push(v.sql);
    }
  }
  // clean_* and the others read chk_*: those first.
  return { tables: select, views: [...chk, ...rest] };
}

/** Copies every table and view of `memory` into the attached database `target`. */
export async function copyDatabase(db: Db, target: string): Promise<void> {
  const plan = await copyPlan(db);
  for (const [name, rows] of plan.tables) await db.run(`CREATE TABLE ${target}.main.${name} AS ${rows}`);
  // A view's names are looked up where it is created: in the target, as when the entry is attached.
  // A view that reads another view not made yet waits for the next pass.
  await db.run(`USE ${target}`);
  try {
    let pending = [...plan.views];
    while (pending.length > 0) {
      const failed: { sql: string; error: unknown }[] = [];
      for (const sql of pending) await db.run(sql).catch((error: unknown) => failed.push({ sql, error }));
      if (failed.length === pending.length) throw failed[0]!.error;
      pending = failed.map((f) => f.sql);
    }
  } finally {
    await db.run('USE memory');
  }
}
