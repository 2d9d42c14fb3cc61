// Extract folder → DuckDB: raw tables, row validation in the contract's rule order, clean tables, row accounting.
//
//   1. registry.yaml → Config                      (config/config.ts)
//   2. locate one file per table                   (files.ts)
//   3. each file → src_<table>(line, columns…)     all text, trimmed, '' → NULL
//   4. configuration → cfg_* tables                (the SQL stays static for every registry)
//   5. validate units, cases, forms, pathway_events in that order (each refers to the ones before)
//      → clean_<table> and the rejected rows in dq
//   6. cases → cohort (site group by ICD-10 prefix), row accounting
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { loadConfig } from '../config/config.js';
import type { Config, CsvDialect } from '../config/types.js';
import { Db } from '../db.js';
import type { DbResources } from '../db-resources.js';
import { CONTRACT, TABLES, type ColumnKind, type ColumnSpec, type Rule, type TableName } from './contract.js';
import { blankLineOffsets, countLines, locateTables, readCsvHeader, type LineCount, type SourceFile } from './files.js';
import { loadConfigTables } from './config-tables.js';

export interface TableAccounting {
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
  /** cases only */
  readonly out_of_scope?: number;
  /** rejected rows per rule */
  readonly rules: Readonly<Partial<Record<Rule, number>>>;
}

export interface LoadedExtract {
  readonly db: Db;
  readonly config: Config;
  readonly dataDir: string;
  readonly configFile: string;
  readonly files: readonly SourceFile[];
  readonly ignoredColumns: Readonly<Partial<Record<TableName, readonly string[]>>>;
  readonly accounting: Readonly<Partial<Record<TableName, TableAccounting>>>;
}

const ISO_FORMAT = '%Y-%m-%d';

/** Loads and validates an extract folder. Fatal problems throw InputError before anything is written. */
export async function loadExtract(dataDir: string, opts: DbResources = {}): Promise<LoadedExtract> {
  const files = await locateTables(dataDir);
  const configFile = join(dataDir, 'registry.yaml');
  const config = await loadConfig(configFile);
  const db = await Db.open(opts);
  try {
    const ignoredColumns: Partial<Record<TableName, string[]>> = {};
    const dateFormats: Partial<Record<TableName, string>> = {};
    for (const table of TABLES) {
      const file = files[table];
      if (!file) continue;
      ignoredColumns[table] = await readSource(db, file, config.csv);
      dateFormats[table] = file.format === 'parquet' ? ISO_FORMAT : config.csv.dateFormat;
    }
    // Line numbers come from the raw tables' insertion order; nothing after this depends on the
    // physical order of rows (every output is sorted explicitly), so let DuckDB work in parallel.
    await db.run('SET preserve_insertion_order = false');
    await loadConfigTables(db, config);
    await db.run(
      'CREATE TABLE dq ("table" VARCHAR, line BIGINT, "column" VARCHAR, value VARCHAR, rule VARCHAR, table_ord INTEGER)',
    );
    for (const table of TABLES) {
      if (files[table]) await validateTable(db, table, dateFormats[table]!);
      else await db.run(emptyCleanTable(table));
    }
    await db.file('cohort');
    const accounting = await accountRows(db, files);
    const present = TABLES.flatMap((t) => (files[t] ? [files[t]] : []));
    return { db, config, dataDir, configFile, files: present, ignoredColumns, accounting };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Reads one file into src_<table>; returns the names of the columns it ignores. */
async function readSource(db: Db, file: SourceFile, dialect: CsvDialect): Promise<string[]> {
  const spec = CONTRACT[file.table];
  let header: string[];
  let types: string[] = [];
  let counting: Promise<LineCount> | null = null;
  if (file.format === 'parquet') {
    try {
      const cols = await db.all<{ column_name: string; column_type: string }>(
        'DESCRIBE SELECT * FROM read_parquet($path)',
        { path: file.path },
      );
      header = cols.map((c) => c.column_name.trim());
      types = cols.map((c) => c.column_type);
    } catch (e) {
      throw new InputError(`cannot read the Parquet file: ${firstLine(e)}`, {
        file: file.path,
        hint: 'export the table again as Parquet, or as CSV',
      });
    }
  } else {
    // Counted while DuckDB parses the file; for .csv.gz this is also the integrity check.
    counting = countLines(file);
    counting.catch(() => undefined); // awaited below; a failure there is the error to report
    header = await readCsvHeader(file, dialect);
  }

  const position = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.toLowerCase();
    const known = spec.columns.some((c) => c.name === key);
    if (known && position.has(key)) {
      throw new InputError(`the column '${key}' appears twice in the header`, {
        file: file.path,
        line: 1,
        column: i + 1,
        hint: 'keep one column of that name',
      });
    }
    if (!position.has(key)) position.set(key, i);
  });
  for (const c of spec.columns) {
    if (c.required !== 'no' && !position.has(c.name)) {
      throw new InputError(`required column '${c.name}' is missing`, {
        file: file.path,
        line: 1,
        hint: `the header has: ${header.join(', ') || '(nothing)'}; the ${file.table} table needs ${spec.columns
          .filter((x) => x.required !== 'no')
          .map((x) => x.name)
          .join(', ')}${file.format === 'parquet' ? '' : ` (delimiter '${dialect.delimiter}' as set in registry.yaml csv.delimiter)`}`,
      });
    }
  }
  const ignored = header.filter((h) => !spec.columns.some((c) => c.name === h.toLowerCase()));

  // Only identifiers the program made (c0, c1, … and the contract's names) are written into SQL;
  // paths and dialect settings are bound.
  const raw = `raw_${file.table}`;
  if (file.format === 'parquet') {
    const select = spec.columns.map((c) => {
      const i = position.get(c.name);
      if (i === undefined) return `NULL::VARCHAR AS ${c.name}`;
      const isTime = /^TIMESTAMP/.test(types[i] ?? '');
      const v = isTime ? `strftime(#${i + 1}, '%Y-%m-%d')` : `CAST(#${i + 1} AS VARCHAR)`;
      return `nullif(trim(${v}), '') AS ${c.name}`;
    });
    try {
      await db.run(
        `CREATE TABLE ${raw} AS SELECT (file_row_number + 1)::BIGINT AS line, ${select.join(', ')}
         FROM read_parquet($path, file_row_number = true)`,
        { path: file.path },
      );
      await db.run(`CREATE VIEW src_${file.table} AS SELECT * FROM ${raw}`);
    } catch (e) {
      throw new InputError(`cannot read the Parquet file: ${firstLine(e)}`, { file: file.path });
    }
    return ignored;
  }

  const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  try {
    await db.run(
      `CREATE TABLE ${raw} AS SELECT * FROM read_csv($path, header = true, auto_detect = false,
         columns = {${columns}}, delim = $delim, quote = '"', escape = '"', encoding = $encoding,
         compression = $compression, strict_mode = true)`,
      {
        path: file.path,
        delim: dialect.delimiter,
        encoding: dialect.encoding,
        compression: file.format === 'csv.gz' ? 'gzip' : 'none',
      },
    );
  } catch (e) {
    await counting; // a damaged gzip file is the better explanation, if that is what it is
    if (e instanceof InputError) throw e; // out of memory or disk: not the file's fault
    throw csvError(e, file, dialect);
  }
  const lines = await counting!;
  // line = the record's first line in the file: the header is line 1; line breaks inside quoted
  // values of earlier records count, and so do blank lines, which the CSV reader skips.
  const used = spec.columns.map((c) => position.get(c.name));
  const [stats] = await db.all<{ records: string }>(`SELECT count(*) AS records FROM ${raw}`);
  const records = Number(stats?.records ?? 0);
  const physical = lines.newlines + (lines.endsWithNewline ? 0 : 1);
  const parts = ['rowid + 2'];
  let from = raw;
  // One line per record (the usual case) needs no more; otherwise find where the extra lines are.
  if (physical > 1 + records) {
    const allCols = header.map((_, i) => `coalesce(c${i}, '')`).join(' || ');
    const newlinesIn = `length(${allCols}) - length(replace(${allCols}, chr(10), ''))`;
    const [inside] = await db.all<{ n: string | null }>(`SELECT sum(${newlinesIn}) AS n FROM ${raw}`);
    if (Number(inside?.n ?? 0) > 0) parts.push(`coalesce(sum(${newlinesIn}) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)`);
    const offsets = physical > 1 + records + Number(inside?.n ?? 0) ? await blankLineOffsets(file) : [];
    if (offsets.length) {
      await db.run(`CREATE OR REPLACE TEMP TABLE blanks_${file.table} (record BIGINT, blanks BIGINT)`);
      await db.insert(`blanks_${file.table}`, offsets.map((o) => [o.record, o.blanks]));
      from = `${raw} ASOF LEFT JOIN (SELECT record, sum(blanks) OVER (ORDER BY record) AS cum FROM blanks_${file.table}) b ON ${raw}.rowid >= b.record`;
      parts.push('coalesce(b.cum, 0)');
    }
  }
  const lineExpr = `(${parts.join(' + ')})::BIGINT`;
  // Values are trimmed of surrounding spaces (fixed-width exports pad codes). Most files have none,
  // so one cheap scan finds the columns that need it and only those pay for trim().
  const present = used.filter((i): i is number => i !== undefined);
  const padded = new Set<number>();
  if (present.length && records > 0) {
    const probes = present.map((i) => `bool_or(c${i} LIKE ' %' OR c${i} LIKE '% ') AS p${i}`).join(', ');
    const [flags] = await db.all<Record<string, boolean | null>>(`SELECT ${probes} FROM ${raw}`);
    for (const i of present) if (flags?.[`p${i}`]) padded.add(i);
  }
  const select = spec.columns.map((c, k) => {
    const i = used[k];
    if (i === undefined) return `NULL::VARCHAR AS ${c.name}`;
    return padded.has(i) ? `nullif(trim(c${i}), '') AS ${c.name}` : `nullif(c${i}, '') AS ${c.name}`;
  });
  // A view: read once, while the rules are checked.
  await db.run(`CREATE VIEW src_${file.table} AS SELECT ${lineExpr} AS line, ${select.join(', ')} FROM ${from}`);
  return ignored;
}

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e)
    .split('\n')[0]!
    .replace(/^[A-Za-z ]+ Error: /, '');
}

/** DuckDB's CSV error → file, line and the reason in one sentence, with what to do. */
function csvError(e: unknown, file: SourceFile, dialect: CsvDialect): InputError {
  const msg = String((e as Error).message ?? e);
  const lineMatch = /CSV Error on Line: (\d+)/.exec(msg);
  const lines = msg.split('\n').map((l) => l.trim());
  const origIdx = lines.findIndex((l) => l.startsWith('Original Line:'));
  let reason = lines.slice(origIdx + 1).find((l) => l !== '' && !/^Possible/.test(l) && !l.startsWith('*')) ?? firstLine(e);
  let hint = `check the delimiter ('${dialect.delimiter}') and quoting on that line; csv settings are in registry.yaml`;
  if (/unicode|utf-8/i.test(msg)) {
    reason = `the text is not valid ${dialect.encoding.toUpperCase()}`;
    hint = 'Nordic exports are often Latin-1: set csv: { encoding: latin-1 } in registry.yaml, or save the file as UTF-8';
  } else if (/Expected Number of Columns/i.test(reason)) {
    hint = `every row must have as many ${dialect.delimiter === ';' ? 'semicolon' : 'delimiter'}-separated fields as the header; quote values that contain '${dialect.delimiter}'`;
  } else if (/unterminated quote/i.test(reason)) {
    hint = 'a quoted value is not closed: a value that contains " must be written as "" inside quotes';
  }
  const where: { file: string; line?: number; hint: string } = { file: file.path, hint };
  if (lineMatch) where.line = Number(lineMatch[1]);
  return new InputError(`cannot parse the file: ${reason}`, where);
}

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
        sql: `${c.name} IS NOT NULL AND NOT coalesce(regexp_full_match(${c.name}, '[0-9]{1,3}') AND try_cast(${c.name} AS INTEGER) <= 120, false)`,
      });
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

/** Typed columns of a clean table. */
function typedColumn(c: ColumnSpec): string {
  if (c.kind.type === 'date') return `${parsed(c.name)} AS ${c.name}`;
  if (c.kind.type === 'age') return `try_cast(${c.name} AS INTEGER) AS ${c.name}`;
  return c.name;
}

function emptyCleanTable(table: TableName): string {
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
async function validateTable(db: Db, table: TableName, dateFormat: string): Promise<void> {
  const { early, dupColumn, late } = checksFor(table);
  const checks = [...early, ...(dupColumn ? [{ rule: 'duplicate_id' as Rule, column: dupColumn, sql: '' }] : []), ...late];
  const dupIdx = dupColumn ? early.length : -1;
  const caseOf = (list: Check[], offset: number) =>
    list.length ? `CASE ${list.map((c, i) => `WHEN ${c.sql} THEN ${i + offset}`).join(' ')} END` : 'NULL::INTEGER';
  const cols = CONTRACT[table].columns;
  const joins = late.map((c, i) => `LEFT JOIN (${c.known}) j${i} ON j${i}.k = s.${c.column}`).join('\n       ');
  // Only ids that occur more than once can be duplicates; the first valid row of each is kept.
  const repeated = dupColumn
    ? `, repeated AS (SELECT ${dupColumn} AS id FROM a GROUP BY ${dupColumn} HAVING count(*) > 1),
     first_ok AS (
       SELECT a.${dupColumn} AS id, min(a.line) AS first_ok
       FROM a JOIN repeated r ON r.id = a.${dupColumn}
       WHERE early IS NULL AND late IS NULL
       GROUP BY a.${dupColumn}
     )`
    : '';
  const dates = cols.filter((c) => c.kind.type === 'date').map((c) => c.name);
  const dedup = dupColumn ? `LEFT JOIN first_ok b ON b.id = a.${dupColumn}` : '';
  const dupCase = dupColumn ? `CASE WHEN b.first_ok < a.line THEN ${dupIdx} END` : 'NULL::INTEGER';
  // For a rejected row, the text of the column that broke the rule (by its position in the table).
  const positions = checks.map((c) => cols.findIndex((x) => x.name === c.column) + 1);
  // One pass: the checks, the verdict, and the typed columns of the rows that pass.
  await db.run(
    `CREATE TABLE chk_${table} AS
     WITH a AS (
       SELECT s.*, ${caseOf(early, 0)} AS early, ${caseOf(late, early.length + (dupColumn ? 1 : 0))} AS late
       FROM (SELECT *${dates.map((c) => `, try_strptime(${c}, $date_format)::DATE AS ${parsed(c)}`).join('')} FROM src_${table}) s
       ${joins}
     )${repeated},
     judged AS (SELECT a.*, coalesce(early, ${dupCase}, late) AS fail FROM a ${dedup})
     SELECT line, ${cols.map(typedColumn).join(', ')}, fail,
            CASE WHEN fail IS NOT NULL THEN [${cols.map((c) => c.name).join(', ')}][[${positions.join(', ')}][fail + 1]] END AS fail_value
     FROM judged`,
    { date_format: dateFormat },
  );
  const meta = checks.map((c, i) => `(${i}, '${c.rule}', '${c.column}')`).join(', ');
  await db.run(
    `INSERT INTO dq SELECT '${table}', k.line, m.col, k.fail_value, m.rule, ${TABLES.indexOf(table)}
     FROM chk_${table} k JOIN (VALUES ${meta}) m(idx, rule, col) ON m.idx = k.fail`,
  );
  await db.run(`CREATE VIEW clean_${table} AS SELECT line, ${cols.map((c) => c.name).join(', ')} FROM chk_${table} WHERE fail IS NULL`);
  // The raw text is no longer needed: free it before the next table loads.
  await db.run(`DROP VIEW src_${table}`);
  await db.run(`DROP TABLE IF EXISTS raw_${table}`);
}

async function accountRows(db: Db, files: Record<TableName, SourceFile | null>): Promise<Partial<Record<TableName, TableAccounting>>> {
  const out: Partial<Record<TableName, TableAccounting>> = {};
  const ruleRows = await db.all<{ table: string; rule: Rule; n: string }>(
    `SELECT "table", rule, count(*) AS n FROM dq GROUP BY ALL ORDER BY ALL`,
  );
  for (const table of TABLES) {
    if (!files[table]) continue;
    const [row] = await db.all<{ read: string; used: string }>(
      `SELECT (SELECT count(*) FROM chk_${table}) AS read, (SELECT count(*) FROM clean_${table}) AS used`,
    );
    const rules: Partial<Record<Rule, number>> = {};
    let rejected = 0;
    for (const r of ruleRows.filter((x) => x.table === table)) {
      rules[r.rule] = Number(r.n);
      rejected += Number(r.n);
    }
    const read = Number(row!.read);
    const valid = Number(row!.used);
    if (table === 'cases') {
      const [scope] = await db.all<{ n: string }>('SELECT (SELECT count(*) FROM clean_cases) - (SELECT count(*) FROM cohort) AS n');
      const outOfScope = Number(scope!.n);
      out[table] = { read, used: valid - outOfScope, rejected, out_of_scope: outOfScope, rules };
    } else {
      out[table] = { read, used: valid, rejected, rules };
    }
  }
  return out;
}
