// Row validation of one table in the contract's rule order: its rows, checked in one statement (straight
// from the CSV reader, or from src_<table>) → ld_<table>; the view chk_<table> (verdict per row, with its
// line), clean_<table> (the rows that pass, typed) and the rejected rows in dq.
import type { Db } from '../db.js';
import { BLANK } from './csv.js';
import { CONTRACT, TABLES, type ColumnKind, type ColumnSpec, type Rule, type TableName } from './contract.js';

/** The column that identifies a record in data-quality.csv, so the fix can be made in the source system. */
export const ID_COLUMN: Readonly<Record<TableName, string>> = {
  units: 'unit_code',
  cases: 'case_id',
  forms: 'form_id',
  pathway_events: 'pathway_id',
};

export const DQ_TABLE_SQL =
  'CREATE TABLE dq ("table" VARCHAR, line BIGINT, id VARCHAR, "column" VARCHAR, value VARCHAR, rule VARCHAR, table_ord INTEGER)';

/**
 * Where a row's line comes from: `line`, a column of src_<table>; or `position`, the row's place in
 * ld_<table> (rowid), which a statement without joins keeps in file order; there the rows of nothing
 * but empty values (`blank` in the source) stay in their places with the verdict BLANK.
 */
export type LineSource = 'line' | 'position';

/** How a rule is checked: in the checking statement, or in a pass over the checked table afterwards. */
type Pass = 'inline' | 'duplicates' | 'cases';

interface Check {
  readonly rule: Rule;
  readonly column: string;
  readonly sql: string;
  readonly pass: Pass;
}

/**
 * The reference sets that stay small (units, regions, pathway codes), as lists held in variables: a
 * lookup per row keeps the statement free of joins, which would put the rows out of file order. The
 * cases, a set as large as the forms, are looked up afterwards in one anti-join.
 */
const SMALL_SETS: Partial<Record<ColumnKind['type'], { rule: Rule; variable: string; values: string }>> = {
  unit: { rule: 'unknown_unit', variable: 'known_unit', values: 'SELECT list(DISTINCT unit_code) FROM clean_units' },
  region: { rule: 'unknown_region', variable: 'known_region', values: 'SELECT list(DISTINCT region_code) FROM clean_units' },
  code: { rule: 'unknown_code', variable: 'known_code', values: 'SELECT list(DISTINCT code) FROM cfg_codes' },
};

/** The contract's row rules for one table, in the order they are applied (a row is rejected for the first it breaks). */
function checksFor(table: TableName): Check[] {
  const cols = CONTRACT[table].columns;
  const checks: Check[] = [];
  const of = (pred: (c: ColumnSpec) => boolean) => cols.filter(pred);
  const inline = (rule: Rule, column: string, sql: string) => checks.push({ rule, column, sql, pass: 'inline' });
  for (const c of of((c) => c.required !== 'no')) {
    inline('missing_value', c.name, c.required === 'yes' ? `${c.name} IS NULL` : `form_type = 'treatment' AND ${c.name} IS NULL`);
  }
  for (const c of of((c) => c.kind.type === 'date')) {
    inline('bad_date', c.name, `s.${c.name} IS NOT NULL AND s.${parsed(c.name)} IS NULL`);
  }
  for (const c of cols) {
    if (c.kind.type === 'enum') {
      const set = c.kind.values.map((v) => `'${v}'`).join(', ');
      inline('bad_value', c.name, `${c.name} IS NOT NULL AND ${c.name} NOT IN (${set})`);
    } else if (c.kind.type === 'age') {
      inline('bad_value', c.name, `${c.name} IS NOT NULL AND NOT coalesce(regexp_full_match(${c.name}, '0*[0-9]{1,3}') AND try_cast(${c.name} AS INTEGER) <= 120, false)`);
    } else if (c.kind.type === 'orgnr') {
      // A Norwegian organisation number (Enhetsregisteret): nine digits.
      inline('bad_value', c.name, `${c.name} IS NOT NULL AND NOT regexp_full_match(${c.name}, '[0-9]{9}')`);
    }
  }
  // duplicate_id sits between the value rules and the reference rules: a row is a duplicate when an
  // earlier row with the same id passes every rule.
  const id = cols.find((c) => c.kind.type === 'id');
  if (id) checks.push({ rule: 'duplicate_id', column: id.name, sql: '', pass: 'duplicates' });
  for (const type of ['unit', 'region', 'case', 'code'] as const) {
    for (const c of of((c) => c.kind.type === type)) {
      const set = SMALL_SETS[type];
      if (set) inline(set.rule, c.name, `s.${c.name} IS NOT NULL AND NOT list_contains(getvariable('${set.variable}'), s.${c.name})`);
      else checks.push({ rule: 'unknown_case', column: c.name, sql: '', pass: 'cases' });
    }
  }
  return checks;
}

/** The column holding a date column's parsed value (parsed once, used by the check and the clean row). */
function parsed(name: string): string {
  return `${name}__date`;
}

/**
 * A date in the configured format with a four-digit year. DuckDB's %Y also takes 1–3 digits, so
 * '05.01.24' would be the year 24: a date before the year 1000 is no date of a living registry.
 */
function parsedDates(dates: readonly string[], source: string): string {
  if (dates.length === 0) return source;
  const raw = dates.map((c) => `try_strptime(${c}, $date_format)::DATE AS ${c}__raw`).join(', ');
  const checked = dates.map((c) => `CASE WHEN year(${c}__raw) BETWEEN 1000 AND 9999 THEN ${c}__raw END AS ${parsed(c)}`).join(', ');
  return `(SELECT * EXCLUDE (${dates.map((c) => `${c}__raw`).join(', ')}), ${checked} FROM (SELECT *, ${raw} FROM ${source}))`;
}

/** Typed columns of a clean table. */
function typedColumn(c: ColumnSpec): string {
  if (c.kind.type === 'date') return `${parsed(c.name)} AS ${c.name}`;
  if (c.kind.type === 'age') return `try_cast(${c.name} AS INTEGER) AS ${c.name}`;
  return c.name;
}

export function emptyCleanTable(table: TableName): string {
  const cols = CONTRACT[table].columns.map((c) => {
    const type = c.kind.type === 'date' ? 'DATE' : c.kind.type === 'age' ? 'INTEGER' : 'VARCHAR';
    return `${c.name} ${type}`;
  });
  return `CREATE TABLE clean_${table} (line BIGINT, ${cols.join(', ')})`;
}

/** Holds the small reference sets the table's rows are checked against; run before its checking statement. */
export async function prepareReferences(db: Db, table: TableName): Promise<void> {
  const kinds = new Set(CONTRACT[table].columns.map((c) => c.kind.type));
  for (const [type, set] of Object.entries(SMALL_SETS)) {
    if (kinds.has(type as ColumnKind['type'])) await db.run(`SET VARIABLE ${set.variable} = (SELECT coalesce((${set.values}), []::VARCHAR[]))`);
  }
}

/**
 * The statement that checks every row of `source` (the contract's columns as text, '' already NULL,
 * and `line` or `blank` as `lines` says) and writes ld_<table>: the line (if given), the typed
 * columns, the index of the first rule broken but for the follow-up passes' rules (or BLANK), and
 * the broken rule's value.
 * No joins: run over the CSV reader, it keeps the file's order. Needs prepareReferences first and the
 * parameter $date_format when the table has dates.
 */
export function checkStatement(table: TableName, source: string, lines: LineSource): string {
  const checks = checksFor(table);
  const cols = CONTRACT[table].columns;
  const verdict = `CASE ${checks.flatMap((c, i) => (c.pass === 'inline' ? [`WHEN ${c.sql} THEN ${i}`] : [])).join(' ')} END`;
  const dates = cols.filter((c) => c.kind.type === 'date').map((c) => c.name);
  // For a rejected row, the text of the column that broke the rule (by its position in the table).
  const positions = checks.map((c) => cols.findIndex((x) => x.name === c.column) + 1);
  return `CREATE OR REPLACE TABLE ld_${table} AS
     WITH judged AS (SELECT s.*, ${lines === 'line' ? verdict : `CASE WHEN blank THEN ${BLANK} ELSE ${verdict} END`} AS fail FROM ${parsedDates(dates, source)} s)
     SELECT ${lines === 'line' ? 'line, ' : ''}${cols.map(typedColumn).join(', ')}, fail,
            CASE WHEN fail >= 0 THEN [${cols.map((c) => c.name).join(', ')}][[${positions.join(', ')}][fail + 1]] END AS fail_value
     FROM judged`;
}

/** Checks src_<table> (the careful route of csv.ts, and Parquet) into ld_<table>, then finishes the table. */
export async function validateSource(db: Db, table: TableName, dateFormat: string): Promise<void> {
  await prepareReferences(db, table);
  await db.run(checkStatement(table, `src_${table}`, 'line'), { date_format: dateFormat });
  await finishTable(db, table, 'line');
}

/**
 * After the checking statement: the unknown cases and the duplicate ids in passes of their own, the
 * rejected rows into dq, the views chk_<table> and clean_<table>; frees the raw text.
 */
export async function finishTable(db: Db, table: TableName, lines: LineSource): Promise<void> {
  const checks = checksFor(table);
  const cols = CONTRACT[table].columns;
  await db.run(
    lines === 'line'
      ? `CREATE VIEW chk_${table} AS SELECT * FROM ld_${table}`
      : `CREATE VIEW chk_${table} AS SELECT (rowid + 2)::BIGINT AS line, * FROM ld_${table} WHERE fail IS DISTINCT FROM ${BLANK}`,
  );
  const lineOf = lines === 'line' ? 'line' : '(rowid + 2)';
  // unknown_case before duplicate_id: a duplicate is a row after one that passes every rule.
  for (const [i, c] of checks.entries()) {
    if (c.pass === 'cases') await markUnknownCases(db, table, lineOf, c.column, i);
  }
  const dupIdx = checks.findIndex((c) => c.pass === 'duplicates');
  if (dupIdx !== -1) await markDuplicates(db, table, lineOf, checks[dupIdx]!.column, dupIdx);
  const meta = checks.map((c, i) => `(${i}, '${c.rule}', '${c.column}')`).join(', ');
  await db.run(
    `INSERT INTO dq SELECT '${table}', k.line, k.${ID_COLUMN[table]}, m.col, k.fail_value, m.rule, ${TABLES.indexOf(table)}
     FROM chk_${table} k JOIN (VALUES ${meta}) m(idx, rule, col) ON m.idx = k.fail`,
  );
  await db.run(`CREATE VIEW clean_${table} AS SELECT line, ${cols.map((c) => c.name).join(', ')} FROM chk_${table} WHERE fail IS NULL`);
  // The raw text is no longer needed: free it before the next table loads.
  await db.run(`DROP VIEW IF EXISTS src_${table}`);
  await db.run(`DROP TABLE IF EXISTS raw_${table}`);
}

/**
 * unknown_case: a case id that no valid case has, for a row not already rejected by an earlier rule.
 * One anti-join over the table against the valid cases.
 */
async function markUnknownCases(db: Db, table: TableName, lineOf: string, column: string, idx: number): Promise<void> {
  await db.run(
    `UPDATE ld_${table} SET fail = ${idx}, fail_value = ${column}
     WHERE ${lineOf} IN (
       SELECT k.line FROM chk_${table} k ANTI JOIN clean_cases c ON c.case_id = k.${column}
       WHERE k.${column} IS NOT NULL AND (k.fail IS NULL OR k.fail > ${idx})
     )`,
  );
}

/**
 * duplicate_id as a second, small pass: only ids that occur more than once can be duplicates, and
 * of those, a row not rejected by a value rule (fail is NULL, or a reference rule's index above
 * dupIdx) is a duplicate when an earlier row with the same id passes every rule. Kept out of the
 * checking statement, which would otherwise hold all its rows at once to group them by id.
 */
async function markDuplicates(db: Db, table: TableName, lineOf: string, id: string, dupIdx: number): Promise<void> {
  await db.run(
    `UPDATE ld_${table} SET fail = ${dupIdx}, fail_value = ${id}
     WHERE ${lineOf} IN (
       WITH repeated AS (
         SELECT line, ${id} AS id, fail FROM chk_${table}
         WHERE ${id} IN (SELECT ${id} FROM chk_${table} GROUP BY ${id} HAVING count(*) > 1)
       ),
       first_ok AS (SELECT id, min(line) AS first_ok FROM repeated WHERE fail IS NULL GROUP BY id)
       SELECT r.line FROM repeated r JOIN first_ok b ON b.id = r.id
       WHERE b.first_ok < r.line AND (r.fail IS NULL OR r.fail > ${dupIdx})
     )`,
  );
}
