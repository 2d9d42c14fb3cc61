// The metric table → metrics.json, metrics.csv, metrics.parquet, metrics.arrow and data-quality.csv.
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { Db } from '../db.js';
import { dataQualityRows, DQ_HEADER } from '../load/accounting.js';
import { toCsv, type Staging } from '../output.js';
import { METRIC_COLUMNS, type MetricRow, type MetricTable } from './metrics.js';

/** Pretty JSON with the keys in spec order; the same input gives the same bytes. */
export function metricsJson(t: MetricTable): string {
  return JSON.stringify(t, null, 2) + '\n';
}

export function metricsCsv(rows: readonly MetricRow[]): string {
  return toCsv(METRIC_COLUMNS, rows.map((r) => METRIC_COLUMNS.map((c) => r[c])));
}

const STRING_COLS = ['metric', 'form_type', 'site_group', 'interval', 'level', 'group'] as const;
const INT_COLS = ['year', 'numerator', 'denominator'] as const;
const FLOAT_COLS = ['value', 'ci_low', 'ci_high', 'target', 'median_days'] as const;
const BOOL_COLS = ['met', 'suppressed'] as const;

function duckType(c: (typeof METRIC_COLUMNS)[number]): string {
  if ((INT_COLS as readonly string[]).includes(c)) return 'INTEGER';
  if ((FLOAT_COLS as readonly string[]).includes(c)) return 'DOUBLE';
  if ((BOOL_COLS as readonly string[]).includes(c)) return 'BOOLEAN';
  return 'VARCHAR';
}

/** Arrow IPC file (Feather v2) for R's arrow::read_feather and Python's pyarrow.feather. */
export function metricsArrow(rows: readonly MetricRow[]): Uint8Array {
  const cols: Record<string, Vector> = {};
  for (const c of METRIC_COLUMNS) {
    const values = rows.map((r) => r[c]);
    if ((STRING_COLS as readonly string[]).includes(c)) cols[c] = vectorFromArray(values as (string | null)[], new Utf8());
    else if ((INT_COLS as readonly string[]).includes(c)) cols[c] = vectorFromArray(values as number[], new Int32());
    else if ((FLOAT_COLS as readonly string[]).includes(c)) cols[c] = vectorFromArray(values as (number | null)[], new Float64());
    else cols[c] = vectorFromArray(values as (boolean | null)[], new Bool());
  }
  return tableToIPC(new Table(cols), 'file');
}

/** Writes the five files into a staging folder. Parquet is written by DuckDB from the CSV just staged. */
export async function stageMetricFiles(db: Db, s: Staging, t: MetricTable): Promise<void> {
  await s.write('metrics.json', metricsJson(t));
  await s.write('metrics.csv', metricsCsv(t.metrics));
  const dq = await dataQualityRows(db);
  await s.write('data-quality.csv', toCsv(DQ_HEADER, dq.map((r) => [r.table, r.line, r.column, r.value, r.rule])));
  await s.write('metrics.arrow', metricsArrow(t.metrics));
  const columns = METRIC_COLUMNS.map((c) => `'${c}': '${duckType(c)}'`).join(', ');
  await db.run(
    `COPY (SELECT * FROM read_csv($csv, header = true, auto_detect = false, columns = {${columns}}, quote = '"', escape = '"'))
     TO $parquet (FORMAT parquet)`,
    { csv: s.path('metrics.csv'), parquet: s.path('metrics.parquet') },
  );
}
