// Extract folder → DuckDB: raw tables, row validation in the contract's rule order, clean tables, row accounting.
//
//   1. registry.yaml → Config                      (config/config.ts)
//   2. locate one file per table                   (files.ts)
//   3. configuration → cfg_* tables                (the SQL stays static for every registry)
//   4. each table in turn, units, cases, forms, pathway_events (each refers to the ones before):
//      a plain CSV file read, typed and checked in one statement → ld_<table>   (csv.ts, validate.ts)
//      any other → src_<table>(line, columns…), all text, trimmed, '' → NULL, then checked
//      (source.ts, csv.ts); display names of units free of mojibake (mojibake.ts)
//      → chk_<table>, clean_<table> and the rejected rows in dq  (validate.ts)
//   5. cases → cohort (site group by ICD-10 prefix), row accounting
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import type { Config } from '../config/types.js';
import { Db } from '../db.js';
import type { DbResources } from '../db-resources.js';
import { SILENT, type Progress } from '../progress.js';
import type { DerivedStore } from '../derived.js';
import { TABLES, type Rule, type TableName } from './contract.js';
import { locateTables, type SourceFile } from './files.js';
import { loadConfigTables } from './config-tables.js';
import { checkDisplayNames } from './mojibake.js';
import type { ExtractWarning } from './plausibility.js';
import { readSource } from './source.js';
import { DQ_TABLE_SQL, checkStatement, emptyCleanTable, finishTable, prepareReferences, validateSource } from './validate.js';
import type { CheckedRead } from './csv.js';

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
  /** how each file was read: utf-8 (with byte-order mark, or plain ASCII), windows-1252 or parquet */
  readonly encodings: Readonly<Partial<Record<TableName, string>>>;
  readonly accounting: Readonly<Partial<Record<TableName, TableAccounting>>>;
  /** found while loading (a file not read, and why); the period's warnings are in plausibility.ts */
  readonly warnings: readonly ExtractWarning[];
  /** results earlier runs derived from the same files (the repeat-run cache); absent without it */
  readonly derived?: DerivedStore;
}

const ISO_FORMAT = '%Y-%m-%d';

/** Loads and validates an extract folder. Fatal problems throw InputError before anything is written. */
export async function loadExtract(dataDir: string, opts: DbResources = {}, progress: Progress = SILENT): Promise<LoadedExtract> {
  const files = await locateTables(dataDir);
  const configFile = join(dataDir, 'registry.yaml');
  const config = await loadConfig(configFile);
  const warnings: ExtractWarning[] = [];
  if (files.pathway_events && !config.pathway) {
    // Without roles every event would be rejected as unknown_code: not read at all is the honest result.
    warnings.push({ kind: 'pathway_not_read', file: files.pathway_events.name });
    files.pathway_events = null;
  }
  const db = await Db.open(opts);
  try {
    const ignoredColumns: Partial<Record<TableName, readonly string[]>> = {};
    const encodings: Partial<Record<TableName, string>> = {};
    await loadConfigTables(db, config);
    await db.run(DQ_TABLE_SQL);
    for (const table of TABLES) {
      const file = files[table];
      if (!file) {
        await db.run(emptyCleanTable(table));
        continue;
      }
      const dateFormat = file.format === 'parquet' ? ISO_FORMAT : config.csv.dateFormat;
      // The few units are read as text first: their display names are checked before anything else.
      const checked: CheckedRead | null = table === 'units' ? null : { statement: (rows) => checkStatement(table, rows, 'position'), params: { date_format: dateFormat } };
      if (checked) await prepareReferences(db, table);
      const size = (await stat(file.path)).size;
      const reading = progress.begin('read', `read ${file.name}`, { unit: 'bytes', total: size, table });
      const read = await readSource(db, file, config.csv, checked);
      ignoredColumns[table] = read.ignored;
      encodings[table] = read.encoding;
      if (table === 'units') await checkDisplayNames(db, file, read.encoding);
      reading.end(size);
      // A plain file's rows were checked while they were read; what is left are the passes of their own.
      const checking = progress.begin('check', `check ${table}`, { table });
      if (read.route === 'checked') await finishTable(db, table, 'position');
      else await validateSource(db, table, dateFormat);
      checking.end();
    }
    // Line numbers come from the order rows were read in; nothing after this depends on the physical
    // order of rows (every output is sorted explicitly), so let DuckDB work in parallel. (Copying the
    // tables elsewhere must keep it: the chk_* views of plain files take lines from rowid; cache/entry.ts.)
    await db.run('SET preserve_insertion_order = false');
    const step = progress.begin('check', 'cohort and row accounting');
    await db.file('cohort');
    const accounting = await accountRows(db, files);
    step.end();
    const present = TABLES.flatMap((t) => (files[t] ? [files[t]] : []));
    return { db, config, dataDir, configFile, files: present, ignoredColumns, encodings, accounting, warnings };
  } catch (e) {
    db.close();
    throw e;
  }
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
