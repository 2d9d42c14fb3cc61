// Helpers for the hand-worked metric fixtures.
import { loadExtract } from '../../src/load/loader.js';
import { computeMetrics, resolvePeriod, type MetricRow, type MetricTable } from '../../src/metrics/metrics.js';
import { dataQualityRows, type DqRow } from '../../src/load/accounting.js';
import { fixture, type FixtureTables } from '../helpers.js';

export async function run(t: FixtureTables, opts: { year?: number; asOf?: string } = {}): Promise<{ table: MetricTable; dq: DqRow[]; get: (key: string) => MetricRow | undefined }> {
  const x = await loadExtract(fixture(t));
  try {
    const table = await computeMetrics(x, await resolvePeriod(x, opts));
    const dq = await dataQualityRows(x.db);
    const byKey = new Map(table.metrics.map((r) => [[r.metric, r.form_type ?? r.site_group ?? r.interval, r.year, r.level, r.group].join(' '), r]));
    return { table, dq, get: (key) => byKey.get(key) };
  } finally {
    x.db.close();
  }
}

/** numerator/denominator of a row, or 'none' when the row is absent. */
export function frac(r: MetricRow | undefined): string {
  return r ? `${r.numerator}/${r.denominator}` : 'none';
}
