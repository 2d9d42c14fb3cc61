// The metric table as it may be published (metrics.md §5–7): withheld rows keep their keys and flags
// but lose every number, so that nothing printed or published downstream can show them.
import type { Achievement, MetricRow, MetricTable } from './table.js';

/** A metric row as published: the numbers of a withheld row are null. */
export interface PublishedRow extends Omit<MetricRow, 'numerator' | 'denominator' | 'value' | 'ci_low' | 'ci_high' | 'met' | 'median_days' | 'achievement'> {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly met: boolean | null;
  readonly median_days: number | null;
  readonly achievement: Achievement | null;
}

export interface PublishedTable extends Omit<MetricTable, 'metrics'> {
  readonly metrics: readonly PublishedRow[];
}

/** Group code of the pooled row of a region's small units (publication.small_units: pool). */
export const POOLED_PREFIX = 'other:';

export function pooledGroup(region: string): string {
  return `${POOLED_PREFIX}${region}`;
}

/** The region whose small units a pooled group holds, or null for any other group. */
export function pooledRegion(group: string): string | null {
  return group.startsWith(POOLED_PREFIX) ? group.slice(POOLED_PREFIX.length) : null;
}

/** A published row whose numbers may be shown. */
export type ShownRow = PublishedRow & { readonly numerator: number; readonly denominator: number; readonly value: number; readonly ci_low: number; readonly ci_high: number };

export function isShown(r: PublishedRow | undefined): r is ShownRow {
  return r !== undefined && !r.withheld && r.value !== null && r.numerator !== null && r.denominator !== null && r.ci_low !== null && r.ci_high !== null;
}

export function blankWithheld(r: MetricRow): PublishedRow {
  if (!r.withheld) return r;
  return { ...r, numerator: null, denominator: null, value: null, ci_low: null, ci_high: null, met: null, median_days: null, achievement: null };
}

/** The published table: the published rows (pooled rows included), withheld numbers blank. */
export function publishedTable(t: MetricTable, published: readonly MetricRow[]): PublishedTable {
  return { registry: t.registry, year: t.year, as_of: t.as_of, tables: t.tables, metrics: published.map(blankWithheld) };
}
