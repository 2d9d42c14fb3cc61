// Row validation of one table in the contract's rule order: src_<table> → chk_<table> (verdict per row),
// clean_<table> (the rows that pass, typed) and the rejected rows in dq.
import type { Db } from '../db.js';
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

interface Check {
  readonly rule: Rule;
  readonly column: string;
  readonly sql: string;
  /** for reference rules: the set of known values, joined by hash rather than looked up per row */
  readonly known?: string;
}

/** The contract's row rules for one table as SQL conditions, in the order they are applied. */
function checksFor(table: TableName): { early: Check[]; dupColumn: string | null; late: Check[] } {
  const cols = CONTRACT[table].columns;
  const early: Check[] = [];
  const late: Check[] = [];
  const of = (pred: (c: ColumnSpec) => boolean) => cols.filter(pred);
  for (const c of of((c) => c.required !== 'no')) {
    const sql = c.required === 'yes' ? `${c.name} IS NULL` : `form_type = 'treatment' AND ${c.name} IS NULL`;
    early.push({ rule: 'missing_value', column: c.name, sql });
  }
  for (const c of of((c) => c.kind.type === 'date')) {
    early.push({ rule: 'bad_date', column: c.name, sql: `s.${c.name} IS NOT NULL AND s.${parsed(c.name)} IS NULL` });
  }
  for (const c of cols) {
    if (c.kind.type === 'enum') {
      const set = c.kind.values.map((v) => `'${v}'`).join(', ');
      early.push({ rule: 'bad_value', column: c.name, sql: `${c.name} IS NOT NULL AND ${c.name} NOT IN (${set})` });
    } else if (c.kind.type === 'age') {
      early.push({
        rule: 'bad_value',
        column: c.name,
        sql: `${c.name} IS NOT NULL AND NOT coalesce(regexp_full_match(${c.name}, '0*[0-9]{1,3}') AND try_cast(${c.name} AS INTEGER) <= 120, false)`,
      });
    } else if (c.kind.type === 'orgnr') {
      // A Norwegian organisation number (Enhetsregisteret): nine digits.
      early.push({ rule: 'bad_value', column: c.name, sql: `${c.name} IS NOT NULL AND NOT regexp_full_match(${c.name}, '[0-9]{9}')` });
    }
  }
  const id = cols.find((c) => c.kind.type === 'id');
  const reference: [ColumnKind['type'], Rule, string][] = [
    ['unit', 'unknown_unit', 'SELECT DISTINCT unit_code AS k FROM clean_units'],
    ['region', 'unknown_region', 'SELECT DISTINCT region_code AS k FROM clean_units'],
    ['case', 'unknown_case', 'SELECT case_id AS k FROM clean_cases'], // unique: duplicates are rejected
    ['code', 'unknown_code', 'SELECT DISTINCT code AS k FROM cfg_codes'],
  ];
  for (const [type, rule, known] of reference) {
    for (const c of of((c) => c.kind.type === type)) {
      const j = `j${late.length}`;
      late.push({ rule, column: c.name, sql: `s.${c.name} IS NOT NULL AND ${j}.k IS NULL`, known });
    }
  }
  return { early, dupColumn: id?.name ?? null, late };
}

/** The column holding a date column's parsed value (parsed once, used by the check and the clean row). */
function parsed(name: string): string {
  return `${name}__date`;
}

/**
 * A date in the configured format with a four-digit year. DuckDB's %Y also takes 1–3 digits, so
 * '05.01.24' would be the year 24: a date before the year 1000 is no date of a living registry.
 */
function parsedDates(dates: readonly string[], table: TableName): string {
  if (dates.length === 0) return `src_${table}`;
  const raw = dates.map((c) => `try_strptime(${c}, $date_format)::DATE AS ${c}__raw`).join(', ');
  const checked = dates.map((c) => `CASE WHEN year(${c}__raw) BETWEEN 1000 AND 9999 THEN ${c}__raw END AS ${parsed(c)}`).join(', ');
  return `(SELECT * EXCLUDE (${dates.map((c) => `${c}__raw`).join(', ')}), ${checked} FROM (SELECT *, ${raw} FROM src_${table}))`;
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

/**
 * Applies the rules in order; a row is rejected for the first it breaks. duplicate_id compares with
 * earlier rows that are not rejected for any rule, so it sits between the value rules and the
 * reference rules: a row is a duplicate when an earlier row with the same id passes every rule.
 */
export async function validateTable(db: Db, table: TableName, dateFormat: string): Promise<void> {
  const { early, dupColumn, late } = checksFor(table);
  const checks = [...early, ...(dupColumn ? [{ rule: 'duplicate_id' as Rule, column: dupColumn, sql: '' }] : []), ...late];
  // The index of duplicate_id lies between the early (value) and the late (reference) rules' indices.
  const dupIdx = early.length;
  const caseOf = (list: Check[], offset: number) =>
    list.length ? `CASE ${list.map((c, i) => `WHEN ${c.sql} THEN ${i + offset}`).join(' ')} END` : 'NULL::INTEGER';
  const cols = CONTRACT[table].columns;
  const joins = late.map((c, i) => `LEFT JOIN (${c.known}) j${i} ON j${i}.k = s.${c.column}`).join('\n       ');
  const dates = cols.filter((c) => c.kind.type === 'date').map((c) => c.name);
  // For a rejected row, the text of the column that broke the rule (by its position in the table).
  const positions = checks.map((c) => cols.findIndex((x) => x.name === c.column) + 1);
  // One pass: the checks, the verdict but for duplicate_id, and the typed columns of the rows that pass.
  await db.run(
    `CREATE TABLE chk_${table} AS
     WITH judged AS (
       SELECT s.*, coalesce(${caseOf(early, 0)}, ${caseOf(late, early.length + (dupColumn ? 1 : 0))}) AS fail
       FROM ${parsedDates(dates, table)} s
       ${joins}
     )
     SELECT line, ${cols.map(typedColumn).join(', ')}, fail,
            CASE WHEN fail IS NOT NULL THEN [${cols.map((c) => c.name).join(', ')}][[${positions.join(', ')}][fail + 1]] END AS fail_value
     FROM judged`,
    { date_format: dateFormat },
  );
  if (dupColumn) await markDuplicates(db, table, dupColumn, dupIdx);
  const meta = checks.map((c, i) => `(${i}, '${c.rule}', '${c.column}')`).join(', ');
  await db.run(
    `INSERT INTO dq SELECT '${table}', k.line, k.${ID_COLUMN[table]}, m.col, k.fail_value, m.rule, ${TABLES.indexOf(table)}
     FROM chk_${table} k JOIN (VALUES ${meta}) m(idx, rule, col) ON m.idx = k.fail`,
  );
  await db.run(`CREATE VIEW clean_${table} AS SELECT line, ${cols.map((c) => c.name).join(', ')} FROM chk_${table} WHERE fail IS NULL`);
  // The raw text is no longer needed: free it before the next table loads.
  await db.run(`DROP VIEW src_${table}`);
  await db.run(`DROP TABLE IF EXISTS raw_${table}`);
}

/**
 * duplicate_id as a second, small pass: only ids that occur more than once can be duplicates, and
 * of those, a row not rejected by a value rule (fail is NULL, or a reference rule's index above
 * dupIdx) is a duplicate when an earlier row with the same id passes every rule. Kept out of the
 * checking statement, which would otherwise hold all its rows at once to group them by id.
 */
async function markDuplicates(db: Db, table: TableName, id: string, dupIdx: number): Promise<void> {
  await db.run(
    `UPDATE chk_${table} SET fail = ${dupIdx}, fail_value = ${id}
     WHERE line IN (
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
