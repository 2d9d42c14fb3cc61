// The three-year comparison of units (the standard indicator figure of Nordic registries): per unit the
// report year and the two years before, units sorted by the report year, the region and national rows
// among them. Only rows of the published table; a withheld year has no value, only its mark.
import { isShown } from '../metrics/published.js';
import type { MetricRow, View } from './view.js';

export type CompareKind = 'unit' | 'region' | 'national';

export interface CompareYear {
  readonly year: number;
  /** null: withheld, or no row (nothing to count) */
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** why a row without numbers has none */
  readonly mark: 'suppressed' | 'complementary' | 'none' | null;
}

export interface CompareRow {
  readonly code: string;
  readonly name: string;
  readonly kind: CompareKind;
  /** report year first, then the year before, then two years before */
  readonly years: readonly [CompareYear, CompareYear, CompareYear];
}

export type Indicator = { readonly metric: 'coverage'; readonly formType: string } | { readonly metric: 'pathway_time'; readonly interval: string };

function yearOf(r: MetricRow | undefined, year: number): CompareYear {
  if (!r) return { year, value: null, numerator: null, denominator: null, mark: 'none' };
  if (!isShown(r)) return { year, value: null, numerator: null, denominator: null, mark: r.suppressed ? 'suppressed' : 'complementary' };
  return { year, value: r.value, numerator: r.numerator, denominator: r.denominator, mark: null };
}

/**
 * The rows of the comparison for one indicator: every unit of the scope with a row in any of the three
 * years (pooled small units included), the scope's region (regional report) and the nation. Sorted by
 * the report year's value, highest first; rows without a value for the report year last, by name.
 */
export function threeYearRows(v: View, ind: Indicator): CompareRow[] {
  const Y = v.Y;
  const get = (year: number, level: string, group: string) =>
    ind.metric === 'coverage' ? v.cov(ind.formType, year, level, group) : v.pt(ind.interval, year, level, group);
  const row = (code: string, name: string, kind: CompareKind, level: string, group: string): CompareRow | null => {
    const rs = [Y, Y - 1, Y - 2].map((y) => get(y, level, group));
    if (rs.every((r) => r === undefined)) return null;
    return { code, name, kind, years: [yearOf(rs[0], Y), yearOf(rs[1], Y - 1), yearOf(rs[2], Y - 2)] };
  };
  const rows: CompareRow[] = [];
  for (const u of v.unitsInScope) {
    const r = row(u.code, u.name, 'unit', 'unit', u.code);
    if (r) rows.push(r);
  }
  if (v.regionCode) {
    const r = row(v.regionCode, v.regionName ?? v.regionCode, 'region', 'region', v.regionCode);
    if (r) rows.push(r);
  }
  const nat = row('ALL', v.s.national, 'national', 'national', 'ALL');
  if (nat) rows.push(nat);
  const current = (r: CompareRow) => r.years[0].value;
  return rows.sort((a, b) => {
    const va = current(a);
    const vb = current(b);
    if (va !== null && vb !== null && va !== vb) return vb - va;
    if ((va === null) !== (vb === null)) return va === null ? 1 : -1;
    return a.name.localeCompare(b.name, v.lang);
  });
}

