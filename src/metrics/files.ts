// The metric table → files. In-house (metrics.md §7, under internal/, owner-only): metrics.json,
// metrics.csv, metrics.parquet, metrics.arrow and data-quality.csv. Published: metrics-published.csv
// and metrics-published.parquet, where withheld rows keep their keys and flags but no numbers.
import type { Vector } from 'apache-arrow';
import type { Db } from '../db.js';
import { dataQualityCsv, dataQualityRows } from '../load/accounting.js';
import { inHouse, toCsv, type Staging } from '../output.js';
import { METRIC_COLUMNS, type MetricRow, type MetricTable } from './table.js';
import { blankWithheld, type PublishedRow } from './published.js';

const BOM = '\uFEFF';

/** Pretty JSON with the keys in spec order; the same input gives the same bytes. */
export function metricsJson(t: MetricTable): string {
  return JSON.stringify(t, null, 2) + '\n';
}

export function metricsCsv(rows: readonly (MetricRow | PublishedRow)[]): string {
  return toCsv(METRIC_COLUMNS, rows.map((r) => METRIC_COLUMNS.map((c) => r[c])));
}

const STRING_COLS = ['metric', 'form_type', 'site_group', 'interval', 'level', 'group', 'achievement'] as const;
const INT_COLS = ['year', 'numerator', 'denominator'] as const;
const FLOAT_COLS = ['value', 'ci_low', 'ci_high', 'target', 'median_days'] as const;
const BOOL_COLS = ['met', 'suppressed', 'withheld'] as const;

function duckType(c: (typeof METRIC_COLUMNS)[number]): string {
  if ((INT_COLS as readonly string[]).includes(c)) return 'INTEGER';
  if ((FLOAT_COLS as readonly string[]).includes(c)) return 'DOUBLE';
  if ((BOOL_COLS as readonly string[]).includes(c)) return 'BOOLEAN';
  return 'VARCHAR';
}

/**
 * Arrow IPC file (Feather v2) for R's arrow::read_feather and Python's pyarrow.feather. Arrow is loaded
 * here, not when the program starts: it costs every command about 0.09 s to load.
 */
export async function metricsArrow(rows: readonly MetricRow[]): Promise<Uint8Array> {
  const { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } = await import('apache-arrow');
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

/** data-quality.csv (in-house: it shows rejected values, ids included). */
export async function stageDataQuality(db: Db, s: Staging): Promise<void> {
  const dq = await dataQualityRows(db);
  await s.write(inHouse('data-quality.csv'), dataQualityCsv(dq));
}

/** The in-house files, into internal/. Parquet is written by DuckDB from the CSV just staged. */
export async function stageInHouseFiles(db: Db, s: Staging, t: MetricTable): Promise<void> {
  await s.write(inHouse('metrics.json'), metricsJson(t));
  await s.write(inHouse('metrics.csv'), metricsCsv(t.metrics));
  await stageDataQuality(db, s);
  await s.write(inHouse('metrics.arrow'), await metricsArrow(t.metrics));
  await csvToParquet(db, s.path(inHouse('metrics.csv')), s.path(inHouse('metrics.parquet')));
}

/** The published metric files: every published row, withheld ones without numbers. */
export async function stagePublishedFiles(db: Db, s: Staging, published: readonly MetricRow[]): Promise<void> {
  // A byte-order mark, so that Excel reads the file as UTF-8 (DuckDB and R's readr skip it). The
  // in-house metrics.csv stays without one: check and the golden tests compare it byte for byte.
  await s.write('metrics-published.csv', BOM + metricsCsv(published.map(blankWithheld)));
  await csvToParquet(db, s.path('metrics-published.csv'), s.path('metrics-published.parquet'));
}

async function csvToParquet(db: Db, csv: string, parquet: string): Promise<void> {
  const columns = METRIC_COLUMNS.map((c) => `'${c}': '${duckType(c)}'`).join(', ');
  await db.run(
    `COPY (SELECT * FROM read_csv($csv, header = true, auto_detect = false, columns = {${columns}}, quote = '"', escape = '"'))
     TO $parquet (FORMAT parquet)`,
    { csv, parquet },
  );
}
