// Patient characteristics (cases of the report year by site group, sex and age band, national and per
// region) and completeness of key variables per unit, computed in SQL from the extract and protected like
// the metric table: counts below publication.min_cell are withheld, and in each breakdown, a two-way
// table (national = sum of regions; total = sum of categories), complementary cells are withheld with the
// same rule and exact check as the metric table (metrics/disclosure.ts).
import type { Config } from '../config/types.js';
import type { Db } from '../db.js';
import { withholdFamily, type Relation } from '../metrics/disclosure.js';

export type Dimension = 'site_group' | 'sex' | 'age_band';
export const DIMENSIONS: readonly Dimension[] = ['site_group', 'sex', 'age_band'];
export const AGE_BANDS = ['0-39', '40-59', '60-69', '70-79', '80+', 'unknown'] as const;
export const SEXES = ['F', 'M', 'unknown'] as const;
export const TOTAL = 'TOTAL';

export interface CountCell {
  readonly n: number;
  /** true: neither the count nor its share may be shown */
  readonly withheld: boolean;
  readonly suppressed: boolean;
}

/** One breakdown: scope ('ALL' = national, or a region code) → category (or TOTAL) → cell. */
export interface Breakdown {
  readonly dimension: Dimension;
  readonly categories: readonly string[];
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, CountCell>>;
}

export interface UnitCompleteness {
  readonly unit: string;
  readonly cases: number;
  /** variable → cases with a value; null: withheld (too few cases) */
  readonly filled: Readonly<Record<'sex' | 'age' | 'morphology', number>> | null;
}

export interface Characteristics {
  readonly breakdowns: readonly Breakdown[];
  readonly completeness: readonly UnitCompleteness[];
}

/**
 * Withholds the cells of one breakdown: rows are scopes (national first), columns categories then TOTAL.
 * Counts of 0 are published zeros; 0 < n < minCell is suppressed.
 */
export function protectBreakdown(counts: ReadonlyMap<string, ReadonlyMap<string, number>>, regions: readonly string[], categories: readonly string[], minCell: number): Map<string, Map<string, CountCell>> {
  const scopes = ['ALL', ...regions];
  const cols = [...categories, TOTAL];
  const cells = scopes.flatMap((sc) => cols.map((c) => ({ sc, c, n: counts.get(sc)?.get(c) ?? 0 })));
  const at = (si: number, ci: number) => si * cols.length + ci;
  const relations: Relation[] = [];
  for (let ci = 0; ci < cols.length; ci++) relations.push({ total: at(0, ci), parts: regions.map((_, ri) => at(ri + 1, ci)) });
  for (let si = 0; si < scopes.length; si++) relations.push({ total: at(si, cols.length - 1), parts: categories.map((_, ci) => at(si, ci)) });
  const suppressed = cells.map((x) => x.n > 0 && x.n < minCell);
  const rows = cells.map((x, i) => ({ level: i < cols.length ? 'national' : 'region', denominator: x.n }) as const);
  const withheld = withholdFamily(rows, relations, suppressed);
  const out = new Map<string, Map<string, CountCell>>();
  cells.forEach((x, i) => {
    const m = out.get(x.sc) ?? new Map<string, CountCell>();
    m.set(x.c, { n: x.n, withheld: withheld[i]!, suppressed: suppressed[i]! });
    out.set(x.sc, m);
  });
  return out;
}

/** Cases of the report year (diagnosed on or before the cut-off) by region and category. */
export async function characteristics(db: Db, config: Config, year: number, asOf: string, regions: readonly string[]): Promise<Characteristics> {
  const rows = await db.all<{ region: string; dim: Dimension; cat: string; n: string }>(
    `WITH c AS (
       SELECT u.region_code AS region, k.site_group,
              CASE WHEN k.sex IN ('F', 'M') THEN k.sex ELSE 'unknown' END AS sex,
              CASE WHEN k.age IS NULL THEN 'unknown' WHEN k.age < 40 THEN '0-39' WHEN k.age < 60 THEN '40-59'
                   WHEN k.age < 70 THEN '60-69' WHEN k.age < 80 THEN '70-79' ELSE '80+' END AS age_band
       FROM (SELECT k.*, c.sex, c.age FROM cohort k JOIN clean_cases c ON c.case_id = k.case_id
             WHERE k.diagnosis_year = $year AND k.diagnosis_date <= $as_of::DATE) k
       JOIN clean_units u ON u.unit_code = k.reporting_unit
     )
     SELECT region, 'site_group' AS dim, site_group AS cat, count(*) AS n FROM c GROUP BY ALL
     UNION ALL SELECT region, 'sex', sex, count(*) FROM c GROUP BY ALL
     UNION ALL SELECT region, 'age_band', age_band, count(*) FROM c GROUP BY ALL`,
    { year, as_of: asOf },
  );
  const categories: Record<Dimension, readonly string[]> = { site_group: config.cohort.siteGroups.map((g) => g.id), sex: SEXES, age_band: AGE_BANDS };
  const breakdowns = DIMENSIONS.map((dimension): Breakdown => {
    const counts = new Map<string, Map<string, number>>();
    const add = (sc: string, c: string, n: number) => {
      const m = counts.get(sc) ?? new Map<string, number>();
      m.set(c, (m.get(c) ?? 0) + n);
      counts.set(sc, m);
    };
    for (const r of rows.filter((x) => x.dim === dimension)) {
      for (const sc of ['ALL', r.region]) for (const c of [r.cat, TOTAL]) add(sc, c, Number(r.n));
    }
    return { dimension, categories: categories[dimension], cells: protectBreakdown(counts, regions, categories[dimension], config.publication.minCell) };
  });
  const units = await db.all<{ unit: string; cases: string; sex: string; age: string; morphology: string }>(
    // The cohort table keeps only the columns the metric SQL reads; sex, age and morphology come
    // from the cases themselves, for the report year's cases only.
    `SELECT k.reporting_unit AS unit, count(*) AS cases, count(c.sex) AS sex, count(c.age) AS age, count(c.morphology) AS morphology
     FROM cohort k JOIN clean_cases c ON c.case_id = k.case_id
     WHERE k.diagnosis_year = $year AND k.diagnosis_date <= $as_of::DATE GROUP BY ALL ORDER BY unit`,
    { year, as_of: asOf },
  );
  const completeness = units.map((u): UnitCompleteness => ({
    unit: u.unit,
    cases: Number(u.cases),
    filled: Number(u.cases) < config.publication.minCell ? null : { sex: Number(u.sex), age: Number(u.age), morphology: Number(u.morphology) },
  }));
  return { breakdowns, completeness };
}
