// The three-year unit comparison, against hand-worked expectations.
import { describe, expect, it } from 'vitest';
import { threeYearRows } from '../../src/report/compare.js';
import { view, type HandRow } from './view-fixture.js';

// Coverage, registration: A 8/10, 9/10 (no 2022 row); B withheld (3 patients) in 2024, 5/5, 4/5; C 6/10 in
// 2024 only. Regions and nation as the sums. Pathway OF… rows are left out: only the indicator asked for counts.
const ROWS: HandRow[] = [
  { year: 2024, level: 'unit', group: 'A', n: 8, d: 10 },
  { year: 2023, level: 'unit', group: 'A', n: 9, d: 10 },
  { year: 2024, level: 'unit', group: 'B', n: 1, d: 3 },
  { year: 2023, level: 'unit', group: 'B', n: 5, d: 5 },
  { year: 2022, level: 'unit', group: 'B', n: 4, d: 5 },
  { year: 2024, level: 'unit', group: 'C', n: 6, d: 10 },
  { year: 2024, level: 'region', group: 'R1', n: 9, d: 13 },
  { year: 2023, level: 'region', group: 'R1', n: 14, d: 15 },
  { year: 2022, level: 'region', group: 'R1', n: 4, d: 5 },
  { year: 2024, level: 'region', group: 'R2', n: 6, d: 10 },
  { year: 2024, level: 'national', group: 'ALL', n: 15, d: 23 },
  { year: 2023, level: 'national', group: 'ALL', n: 14, d: 15 },
  { year: 2022, level: 'national', group: 'ALL', n: 4, d: 5 },
  { year: 2024, level: 'unit', group: 'A', n: 1, d: 10, dim: 'treatment' },
];

describe('three-year comparison', () => {
  it('national report: units and the nation sorted by the report year, withheld last, with the two years before', () => {
    const rows = threeYearRows(view(ROWS), { metric: 'coverage', formType: 'registration' });
    // A 80 %, national 15/23 = 65.2 %, C 60 %, B withheld.
    expect(rows.map((r) => [r.code, r.kind])).toEqual([['A', 'unit'], ['ALL', 'national'], ['C', 'unit'], ['B', 'unit']]);
    const a = rows[0]!;
    expect(a.years.map((y) => [y.year, y.value, y.mark])).toEqual([[2024, 0.8, null], [2023, 0.9, null], [2022, null, 'none']]);
    const b = rows[3]!;
    expect(b.years.map((y) => [y.year, y.value, y.numerator, y.mark])).toEqual([[2024, null, null, 'suppressed'], [2023, 1, 5, null], [2022, 0.8, 4, null]]);
    expect(rows[1]!.years[0]).toEqual({ year: 2024, value: 15 / 23, numerator: 15, denominator: 23, mark: null });
  });

  it('regional report: the region’s units, the region and the nation; units of other regions left out', () => {
    const rows = threeYearRows(view(ROWS, { kind: 'region', code: 'R1' }), { metric: 'coverage', formType: 'registration' });
    // A 80 %, R1 9/13 = 69.2 %, national 65.2 %, B withheld.
    expect(rows.map((r) => [r.code, r.kind])).toEqual([['A', 'unit'], ['R1', 'region'], ['ALL', 'national'], ['B', 'unit']]);
  });

  it('another indicator has its own rows', () => {
    const rows = threeYearRows(view(ROWS), { metric: 'coverage', formType: 'treatment' });
    expect(rows.map((r) => [r.code, r.years[0].value])).toEqual([['A', 0.1]]);
  });

  it('a complementary withheld row is marked as such', () => {
    const rows = threeYearRows(view([{ year: 2024, level: 'unit', group: 'C', n: 6, d: 10, withheld: true }]), { metric: 'coverage', formType: 'registration' });
    expect(rows[0]!.years[0]).toEqual({ year: 2024, value: null, numerator: null, denominator: null, mark: 'complementary' });
  });
});
