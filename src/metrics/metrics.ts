// Loaded extract + period → the metric table of metrics.md §4: counts from sql/, then interval,
// target, met and suppression in one place, sorted as the spec orders them.
import { InputError } from '../errors.js';
import type { Config } from '../config/types.js';
import { TABLES, type TableName } from '../load/contract.js';
import type { LoadedExtract } from '../load/loader.js';
import { clopperPearson } from './binomial.js';

export const METRIC_COLUMNS = [
  'metric', 'form_type', 'site_group', 'interval', 'year', 'level', 'group', 'numerator', 'denominator',
  'value', 'ci_low', 'ci_high', 'target', 'met', 'median_days', 'suppressed',
] as const;

export type MetricName = 'coverage' | 'centralisation' | 'pathway_time';
export type Level = 'national' | 'region' | 'unit';

export interface MetricRow {
  readonly metric: MetricName;
  readonly form_type: string | null;
  readonly site_group: string | null;
  readonly interval: string | null;
  readonly year: number;
  readonly level: Level;
  readonly group: string;
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly target: number | null;
  readonly met: boolean | null;
  readonly median_days: number | null;
  readonly suppressed: boolean;
}

export interface TableCounts {
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
  readonly out_of_scope?: number;
}

export interface MetricTable {
  readonly registry: string;
  readonly year: number;
  readonly as_of: string;
  readonly tables: Readonly<Partial<Record<TableName, TableCounts>>>;
  readonly metrics: readonly MetricRow[];
}

/** The report year Y, the cut-off T and the first trend year. */
export interface Period {
  readonly year: number;
  readonly asOf: string;
  readonly firstYear: number;
}

/**
 * T: --as-of, else as_of, else the latest registered_date in the (valid) forms.
 * Y: --year, else report_year, else the last calendar year that has ended on or before T.
 */
export async function resolvePeriod(x: LoadedExtract, opts: { year?: number | undefined; asOf?: string | undefined }): Promise<Period> {
  let asOf = opts.asOf ?? x.config.asOf;
  if (asOf === null) {
    const [row] = await x.db.all<{ d: string | null }>('SELECT max(registered_date)::VARCHAR AS d FROM clean_forms');
    if (!row?.d) {
      throw new InputError('no cut-off date: registry.yaml has no as_of and forms has no valid registered_date', {
        file: x.configFile,
        hint: 'set as_of: YYYY-MM-DD in registry.yaml or pass --as-of',
      });
    }
    asOf = row.d;
  }
  const next = new Date(`${asOf}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const year = opts.year ?? x.config.reportYear ?? next.getUTCFullYear() - 1;
  return { year, asOf, firstYear: year - x.config.coverage.trendYears + 1 };
}

/** Milestones and intervals for the period; lists negative intervals in dq. Idempotent. */
export async function preparePathways(x: LoadedExtract, period: Period): Promise<void> {
  await x.db.file('pathway_milestones', { as_of: period.asOf });
  await x.db.file('pathway_intervals');
}

interface CountRow {
  form_type?: string;
  site_group?: string;
  interval?: string;
  year: number;
  level: Level;
  group: string;
  numerator: string;
  denominator: string;
  median_days?: number | null;
}

const LEVEL_ORDER: Record<Level, number> = { national: 0, region: 1, unit: 2 };

function cmpNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** metrics.md §4 order: metric, form_type, site_group, interval, year, level, group; nulls first. */
export function compareMetricRows(a: MetricRow, b: MetricRow): number {
  return (
    cmpNullable(a.metric, b.metric) ||
    cmpNullable(a.form_type, b.form_type) ||
    cmpNullable(a.site_group, b.site_group) ||
    cmpNullable(a.interval, b.interval) ||
    a.year - b.year ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    cmpNullable(a.group, b.group)
  );
}

function targetFor(config: Config, metric: MetricName, year: number, period: Period): number | null {
  switch (metric) {
    case 'coverage':
      return year === period.year ? config.coverage.targetCurrentYear : config.coverage.targetPreviousYear;
    case 'centralisation':
      return config.centralisation.target;
    case 'pathway_time':
      return config.pathway?.complianceTarget ?? null;
  }
}

function toRow(config: Config, period: Period, metric: MetricName, r: CountRow): MetricRow {
  const numerator = Number(r.numerator);
  const denominator = Number(r.denominator);
  const value = numerator / denominator;
  const [ci_low, ci_high] = clopperPearson(numerator, denominator);
  const target = targetFor(config, metric, Number(r.year), period);
  return {
    metric,
    form_type: r.form_type ?? null,
    site_group: r.site_group ?? null,
    interval: r.interval ?? null,
    year: Number(r.year),
    level: r.level,
    group: r.group,
    numerator,
    denominator,
    value,
    ci_low,
    ci_high,
    target,
    met: target === null ? null : value >= target,
    median_days: metric === 'pathway_time' ? (r.median_days ?? null) : null,
    suppressed: denominator < config.publication.minCell,
  };
}

/** Runs every metric's SQL and assembles the metric table. */
export async function computeMetrics(x: LoadedExtract, period: Period): Promise<MetricTable> {
  const params = { first_year: period.firstYear, year: period.year, as_of: period.asOf };
  await preparePathways(x, period);
  const rows: MetricRow[] = [];
  for (const r of await x.db.file<CountRow>('coverage', params)) rows.push(toRow(x.config, period, 'coverage', r));
  for (const r of await x.db.file<CountRow>('centralisation', params)) rows.push(toRow(x.config, period, 'centralisation', r));
  if (x.config.pathway) {
    for (const r of await x.db.file<CountRow>('pathway_time', params)) rows.push(toRow(x.config, period, 'pathway_time', r));
  }
  rows.sort(compareMetricRows);
  const tables: Partial<Record<TableName, TableCounts>> = {};
  for (const t of TABLES) {
    const a = x.accounting[t];
    if (!a) continue;
    tables[t] =
      a.out_of_scope === undefined
        ? { read: a.read, used: a.used, rejected: a.rejected }
        : { read: a.read, used: a.used, rejected: a.rejected, out_of_scope: a.out_of_scope };
  }
  return { registry: x.config.name, year: period.year, as_of: period.asOf, tables, metrics: rows };
}
