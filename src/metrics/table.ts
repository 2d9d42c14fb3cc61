// The metric table of metrics.md §4: its row type, column order and row order.
import type { TableName } from '../load/contract.js';

export const METRIC_COLUMNS = [
  'metric', 'form_type', 'site_group', 'interval', 'year', 'level', 'group', 'numerator', 'denominator',
  'value', 'ci_low', 'ci_high', 'target', 'met', 'median_days', 'suppressed',
  'withheld', 'achievement',
] as const;

/** Goal level (måloppnåelse / måluppfyllelse), metrics.md §4. */
export type Achievement = 'high' | 'moderate' | 'low';

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
  /** Primary suppression: denominator < publication.min_cell. */
  readonly suppressed: boolean;
  /** Suppressed, or hidden by complementary suppression: the published output shows none of its numbers. */
  readonly withheld: boolean;
  readonly achievement: Achievement | null;
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

