// Loaded extract + period → the metric table of metrics.md §4: counts from sql/, then interval,
// target, met and suppression in one place, sorted as the spec orders them.
import { listValue } from '@duckdb/node-api';
import { InputError } from '../errors.js';
import type { Config } from '../config/types.js';
import { TABLES, type TableName } from '../load/contract.js';
import type { LoadedExtract } from '../load/loader.js';
import { clopperPearson } from './binomial.js';
import { disclose } from './disclosure.js';
import { pooledGroup } from './published.js';
import { compareMetricRows, type Achievement, type Level, type MetricName, type MetricRow, type MetricTable, type TableCounts } from './table.js';

export { METRIC_COLUMNS, compareMetricRows } from './table.js';
export type { Achievement, Level, MetricName, MetricRow, MetricTable, TableCounts } from './table.js';

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

/** dq's negative_interval rows as of a cut-off: the line of the event and the pathway id. */
interface NegativeIntervals {
  readonly lines: readonly string[];
  readonly ids: readonly string[];
}

const negativesKey = (period: Period) => `negative intervals as of ${period.asOf}`;
const metricsKey = (period: Period) => `metrics ${JSON.stringify(period)}`;

/** Builds the milestones and intervals of the period, which list the negative intervals in dq. */
async function buildPathways(x: LoadedExtract, period: Period): Promise<void> {
  await x.db.file('pathway_milestones', { as_of: period.asOf });
  await x.db.file('pathway_intervals');
  if (!x.derived) return;
  const rows = await x.db.all<{ line: string; id: string }>("SELECT line, id FROM dq WHERE rule = 'negative_interval'");
  x.derived.put(negativesKey(period), { lines: rows.map((r) => r.line), ids: rows.map((r) => r.id) } satisfies NegativeIntervals);
}

/**
 * Lists the period's negative intervals in dq (as pathway_intervals.sql does), taken from an earlier
 * run on the same extract when the repeat-run cache has them. Idempotent.
 */
export async function preparePathways(x: LoadedExtract, period: Period): Promise<void> {
  const kept = x.derived?.get<NegativeIntervals>(negativesKey(period));
  if (kept === undefined) return buildPathways(x, period);
  await x.db.run("DELETE FROM dq WHERE rule = 'negative_interval'");
  if (kept.lines.length === 0) return;
  await x.db.run(
    "INSERT INTO dq SELECT 'pathway_events', line, id, 'event_date', id, 'negative_interval', 3 " +
      'FROM (SELECT unnest($lines::BIGINT[]) AS line, unnest($ids::VARCHAR[]) AS id)',
    { lines: listValue([...kept.lines]), ids: listValue([...kept.ids]) },
  );
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

/** The target and the optional moderate goal level of an indicator in a year. */
function levelsFor(config: Config, metric: MetricName, year: number, period: Period): { target: number | null; moderate: number | null } {
  switch (metric) {
    case 'coverage':
      return year === period.year
        ? { target: config.coverage.targetCurrentYear, moderate: config.coverage.moderateCurrentYear }
        : { target: config.coverage.targetPreviousYear, moderate: config.coverage.moderatePreviousYear };
    case 'centralisation':
      return { target: config.centralisation.target, moderate: config.centralisation.moderate };
    case 'pathway_time':
      return { target: config.pathway?.complianceTarget ?? null, moderate: config.pathway?.complianceModerate ?? null };
  }
}

/** high at or above the target; moderate at or above the moderate level, if there is one; else low. */
export function achievementOf(value: number, target: number | null, moderate: number | null): Achievement | null {
  if (target === null) return null;
  if (value >= target) return 'high';
  return moderate !== null && value >= moderate ? 'moderate' : 'low';
}

function toRow(config: Config, period: Period, metric: MetricName, r: CountRow): MetricRow {
  const numerator = Number(r.numerator);
  const denominator = Number(r.denominator);
  const value = numerator / denominator;
  const [ci_low, ci_high] = clopperPearson(numerator, denominator);
  const { target, moderate } = levelsFor(config, metric, Number(r.year), period);
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
    withheld: false, // set for the whole table at once, by complementary suppression
    achievement: achievementOf(value, target, moderate),
  };
}

/** The in-house metric table and the rows that may be published (withheld ones still flagged). */
export interface MetricResult {
  readonly table: MetricTable;
  readonly published: readonly MetricRow[];
}

/** Runs every metric's SQL and assembles the metric table. */
export async function computeMetrics(x: LoadedExtract, period: Period): Promise<MetricTable> {
  return (await computeMetricResult(x, period)).table;
}

/**
 * The small units of each region summed into one row (publication.small_units: pool). A median is
 * not a sum, so a pooled pathway row has no median_days.
 */
function poolSmallUnits(x: LoadedExtract, period: Period, rows: readonly MetricRow[], unitRegion: ReadonlyMap<string, string>): MetricRow[] {
  const pools = new Map<string, { row: MetricRow; region: string; numerator: number; denominator: number }>();
  for (const r of rows) {
    if (r.level !== 'unit' || !r.suppressed) continue;
    const region = unitRegion.get(r.group)!;
    const key = [r.metric, r.form_type, r.site_group, r.interval, r.year, region].join('\u0000');
    const p = pools.get(key) ?? { row: r, region, numerator: 0, denominator: 0 };
    p.numerator += r.numerator;
    p.denominator += r.denominator;
    pools.set(key, p);
  }
  return [...pools.values()].map((p) =>
    toRow(x.config, period, p.row.metric, {
      ...(p.row.form_type !== null ? { form_type: p.row.form_type } : {}),
      ...(p.row.site_group !== null ? { site_group: p.row.site_group } : {}),
      ...(p.row.interval !== null ? { interval: p.row.interval } : {}),
      year: p.row.year,
      level: 'unit',
      group: pooledGroup(p.region),
      numerator: String(p.numerator),
      denominator: String(p.denominator),
      median_days: null,
    }),
  );
}

/** The metric table, with `withheld` decided over the rows as they will be published. */
export async function computeMetricResult(x: LoadedExtract, period: Period): Promise<MetricResult> {
  const kept = x.derived?.get<MetricResult>(metricsKey(period));
  if (kept !== undefined) {
    await preparePathways(x, period); // data quality lists them, whatever else the run does
    return kept;
  }
  await buildPathways(x, period);
  const result = await metricResultOf(x, period);
  x.derived?.put(metricsKey(period), result);
  return result;
}

async function metricResultOf(x: LoadedExtract, period: Period): Promise<MetricResult> {
  const params = { first_year: period.firstYear, year: period.year, as_of: period.asOf };
  const rows: MetricRow[] = [];
  for (const r of await x.db.file<CountRow>('coverage', params)) rows.push(toRow(x.config, period, 'coverage', r));
  for (const r of await x.db.file<CountRow>('centralisation', params)) rows.push(toRow(x.config, period, 'centralisation', r));
  if (x.config.pathway) {
    for (const r of await x.db.file<CountRow>('pathway_time', params)) rows.push(toRow(x.config, period, 'pathway_time', r));
  }
  rows.sort(compareMetricRows);
  const units = await x.db.all<{ unit_code: string; region_code: string }>('SELECT unit_code, region_code FROM clean_units');
  const unitRegion = new Map(units.map((u) => [u.unit_code, u.region_code]));
  const pooled = x.config.publication.smallUnits === 'pool' ? poolSmallUnits(x, period, rows, unitRegion) : null;
  const { inHouse, published } = disclose(rows, unitRegion, pooled);
  const tables: Partial<Record<TableName, TableCounts>> = {};
  for (const t of TABLES) {
    const a = x.accounting[t];
    if (!a) continue;
    tables[t] =
      a.out_of_scope === undefined
        ? { read: a.read, used: a.used, rejected: a.rejected }
        : { read: a.read, used: a.used, rejected: a.rejected, out_of_scope: a.out_of_scope };
  }
  return { table: { registry: x.config.name, year: period.year, as_of: period.asOf, tables, metrics: inHouse }, published };
}
