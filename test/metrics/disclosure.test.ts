// Complementary suppression (metrics.md §6): hand-worked families, the exact check on its own, and the
// safety property — no withheld numerator or denominator can be computed from the published numbers —
// on generated extracts of both dialects and several seeds and min_cell values, and on random tables.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExtract, type LoadedExtract } from '../../src/load/loader.js';
import { disclosedCells, relationsOf, withheldFlags, withholdFamily } from '../../src/metrics/disclosure.js';
import { computeMetricResult, resolvePeriod, type MetricRow } from '../../src/metrics/metrics.js';
import { blankWithheld } from '../../src/metrics/published.js';
import { generateSample } from '../../src/sample/generator.js';
import { tempDir } from '../helpers.js';
import { rank, recoverableCells } from './disclosure-check.js';

/** A coverage row with just what disclosure control reads. */
function row(level: MetricRow['level'], group: string, denominator: number, minCell = 5, extra: Partial<MetricRow> = {}): MetricRow {
  return {
    metric: 'coverage', form_type: 'registration', site_group: null, interval: null, year: 2024, level, group,
    numerator: 0, denominator, value: 0, ci_low: 0, ci_high: 1, target: 0.8, met: false, median_days: null,
    suppressed: denominator < minCell, withheld: false, achievement: 'low', ...extra,
  };
}

const names = (rows: readonly MetricRow[], flags: readonly boolean[]) => rows.filter((_, i) => flags[i]).map((r) => r.group);

describe('complementary suppression, worked by hand', () => {
  // National 30 = HV 20 (U1 3, U2 17) + HN 10 (U3 6, U4 4); min_cell 5.
  const UNIT_REGION = new Map([['U1', 'HV'], ['U2', 'HV'], ['U3', 'HN'], ['U4', 'HN']]);
  const family = [row('national', 'ALL', 30), row('region', 'HN', 10), row('region', 'HV', 20), row('unit', 'U1', 3), row('unit', 'U2', 17), row('unit', 'U3', 6), row('unit', 'U4', 4)];

  it('finds the relations: each region is the sum of its units, national the sum of the regions', () => {
    expect(relationsOf(family, UNIT_REGION)).toEqual([
      { total: 0, parts: [1, 2] },
      { total: 1, parts: [5, 6] },
      { total: 2, parts: [3, 4] },
    ]);
  });

  it('pairs each small unit with the smallest other cell of its region', () => {
    // HV = U1 + U2 with U1 (3) hidden: U2 (17) is smaller than HV (20), so U2 goes too.
    // HN = U3 + U4 with U4 (4) hidden: U3 (6) goes too. National = HV + HN: nothing hidden, safe.
    expect(names(family, withheldFlags({ rows: family, unitRegion: UNIT_REGION }))).toEqual(['U1', 'U2', 'U3', 'U4']);
  });

  it('withholds a region when its hidden unit has no other unit, and then a second region', () => {
    // National 40 = A 3 (A1 3) + B 12 (B1 12) + C 25 (C1 10, C2 15). A1 and A are small (3). National =
    // A + B + C has one hidden cell: B (12) is the smallest other, so B goes, and with it B1 (B = B1).
    const unitRegion = new Map([['A1', 'A'], ['B1', 'B'], ['C1', 'C'], ['C2', 'C']]);
    const rows = [row('national', 'ALL', 40), row('region', 'A', 3), row('region', 'B', 12), row('region', 'C', 25), row('unit', 'A1', 3), row('unit', 'B1', 12), row('unit', 'C1', 10), row('unit', 'C2', 15)];
    expect(names(rows, withheldFlags({ rows, unitRegion }))).toEqual(['A', 'B', 'A1', 'B1']);
  });

  it('breaks ties by table order and never picks a national row while another cell is left', () => {
    // R 20 = X1 2 + X2 9 + X3 9: X2 and X3 tie; X2 sorts first.
    const unitRegion = new Map([['X1', 'R'], ['X2', 'R'], ['X3', 'R']]);
    const rows = [row('national', 'ALL', 20), row('region', 'R', 20), row('unit', 'X1', 2), row('unit', 'X2', 9), row('unit', 'X3', 9)];
    expect(names(rows, withheldFlags({ rows, unitRegion }))).toEqual(['X1', 'X2']);
  });

  it('hides a second national site group when a national one is small (centralisation, two-way)', () => {
    // National ALL 23 = bone 4 + soft 19: bone is small, and the national row's relation has only
    // national cells, so soft (19) goes too. Regions: bone R1 1 + R2 3; soft R1 13 + R2 6; ALL R1 14, R2 9.
    const c = (sg: string, level: MetricRow['level'], group: string, d: number) => row(level, group, d, 5, { metric: 'centralisation', form_type: null, site_group: sg });
    const rows = [
      c('ALL', 'national', 'ALL', 23), c('ALL', 'region', 'R1', 14), c('ALL', 'region', 'R2', 9),
      c('bone', 'national', 'ALL', 4), c('bone', 'region', 'R1', 1), c('bone', 'region', 'R2', 3),
      c('soft', 'national', 'ALL', 19), c('soft', 'region', 'R1', 13), c('soft', 'region', 'R2', 6),
    ];
    const flags = withheldFlags({ rows, unitRegion: new Map() });
    expect(rows.filter((_, i) => flags[i]).map((r) => `${r.site_group} ${r.group}`)).toEqual(['bone ALL', 'bone R1', 'bone R2', 'soft ALL', 'soft R1', 'soft R2']);
    expect(recoverableCells(rows.map((r, i) => ({ ...r, withheld: flags[i]! })), new Map())).toEqual([]);
  });

  it('the exact check finds a cell pinned by two relations that each hide two cells', () => {
    // a = x1 + x2 and b = x1 + x2 + x4: subtracting gives x4 although each relation hides two or more.
    const relations = [{ total: 0, parts: [1, 2] }, { total: 3, parts: [1, 2, 4] }];
    expect(disclosedCells(relations, [false, true, true, false, true])).toEqual([4]);
    expect(disclosedCells(relations, [false, true, true, false, false])).toEqual([]);
    // withholdFamily then hides one more published cell of a linked relation (b, the smallest).
    const rows = [0, 1, 2, 3, 4].map((i) => row('region', `G${i}`, [50, 10, 10, 30, 10][i]!));
    expect(withholdFamily(rows, relations, [false, true, true, false, true])).toEqual([false, true, true, true, true]);
  });

  it('blanks every number of a withheld row in the published table', () => {
    const r = blankWithheld({ ...row('unit', 'U1', 3), median_days: 4, withheld: true });
    expect([r.numerator, r.denominator, r.value, r.ci_low, r.ci_high, r.met, r.median_days, r.achievement]).toEqual([null, null, null, null, null, null, null, null]);
    expect([r.group, r.suppressed, r.withheld, r.target]).toEqual(['U1', true, true, 0.8]);
  });
});

describe('the independent checker', () => {
  it('computes ranks exactly', () => {
    expect(rank([[1, -1, -1], [0, 1, 1]])).toBe(2);
    expect(rank([[1, 1], [2, 2]])).toBe(1);
    expect(rank([])).toBe(0);
  });

  it('recovers a cell hidden alone beside its published total and siblings', () => {
    const rows = [{ level: 'national', group: 'ALL', w: false }, { level: 'region', group: 'R', w: false }, { level: 'unit', group: 'A', w: true }, { level: 'unit', group: 'B', w: false }].map((x) => ({
      metric: 'coverage', form_type: 'registration', site_group: null, interval: null, year: 2024, level: x.level, group: x.group, withheld: x.w,
    }));
    expect(recoverableCells(rows, new Map([['A', 'R'], ['B', 'R']]))).toHaveLength(1);
  });
});

describe('no withheld number can be worked out (generated extracts)', () => {
  const runs: { profile: 'no' | 'se'; seed: number }[] = [
    { profile: 'no', seed: 21 }, { profile: 'no', seed: 22 }, { profile: 'se', seed: 23 }, { profile: 'se', seed: 24 },
  ];
  for (const r of runs) {
    it(`${r.profile} seed ${r.seed}, min_cell 3, 5 and 10`, async () => {
      const dir = join(tempDir(), 'x');
      await generateSample({ profile: r.profile, seed: r.seed, scale: 0.3, out: dir });
      const loaded = await loadExtract(dir);
      try {
        const units = await loaded.db.all<{ unit_code: string; region_code: string }>('SELECT unit_code, region_code FROM clean_units');
        const unitRegion = new Map(units.map((u) => [u.unit_code, u.region_code]));
        const period = await resolvePeriod(loaded, {});
        let withheldSeen = 0;
        for (const minCell of [3, 5, 10]) {
          const x: LoadedExtract = { ...loaded, config: { ...loaded.config, publication: { ...loaded.config.publication, minCell } } };
          const { table, published } = await computeMetricResult(x, period);
          const rows = table.metrics;
          expect(recoverableCells(published, unitRegion), `min_cell ${minCell}`).toEqual([]);
          for (const m of rows) {
            expect(m.suppressed).toBe(m.denominator < minCell);
            if (m.suppressed) expect(m.withheld).toBe(true);
          }
          // National rows are complements only in the centralisation table's national row.
          for (const m of rows.filter((m) => m.level === 'national' && m.withheld && !m.suppressed)) expect(m.metric).toBe('centralisation');
          withheldSeen += rows.filter((m) => m.withheld && !m.suppressed).length;
        }
        expect(withheldSeen, 'complementary cells were needed somewhere').toBeGreaterThan(0);
        // Pooling: small units leave the published table, one row per region holds them together.
        const pooled: LoadedExtract = { ...loaded, config: { ...loaded.config, publication: { minCell: 5, smallUnits: 'pool' } } };
        const { table, published } = await computeMetricResult(pooled, period);
        const regionOf = new Map([...unitRegion, ...[...new Set(unitRegion.values())].map((r): [string, string] => [`other:${r}`, r])]);
        expect(recoverableCells(published, regionOf)).toEqual([]);
        const small = table.metrics.filter((m) => m.level === 'unit' && m.suppressed);
        expect(small.length).toBeGreaterThan(0);
        for (const m of small) {
          expect(m.withheld).toBe(true);
          expect(published.some((p) => p.metric === m.metric && p.form_type === m.form_type && p.interval === m.interval && p.year === m.year && p.group === m.group)).toBe(false);
        }
        const pool = published.filter((p) => p.group.startsWith('other:'));
        expect(pool.some((p) => !p.withheld), 'some pooled rows are large enough to show').toBe(true);
        // A pooled row holds exactly the region's small units of its family.
        for (const p of pool.slice(0, 20)) {
          const members = small.filter((m) => m.metric === p.metric && m.form_type === p.form_type && m.site_group === p.site_group && m.interval === p.interval && m.year === p.year && `other:${unitRegion.get(m.group)}` === p.group);
          expect([p.numerator, p.denominator]).toEqual([members.reduce((a, m) => a + m.numerator, 0), members.reduce((a, m) => a + m.denominator, 0)]);
        }
      } finally {
        loaded.db.close();
      }
    }, 60_000);
  }
});

describe('no withheld number can be worked out (random tables)', () => {
  const hierarchy = fc.record({
    minCell: fc.integer({ min: 2, max: 10 }),
    regions: fc.array(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
  });

  it('units → regions → national', () => {
    fc.assert(
      fc.property(hierarchy, ({ minCell, regions }) => {
        const unitRegion = new Map<string, string>();
        const rows: MetricRow[] = [row('national', 'ALL', regions.flat().reduce((a, b) => a + b, 0), minCell)];
        regions.forEach((units, i) => rows.push(row('region', `R${i}`, units.reduce((a, b) => a + b, 0), minCell)));
        regions.forEach((units, i) =>
          units.forEach((d, j) => {
            unitRegion.set(`R${i}U${j}`, `R${i}`);
            rows.push(row('unit', `R${i}U${j}`, d, minCell));
          }),
        );
        const sorted = [...rows.slice(0, 1), ...rows.slice(1, 1 + regions.length), ...rows.slice(1 + regions.length).sort((a, b) => (a.group < b.group ? -1 : 1))];
        const flags = withheldFlags({ rows: sorted, unitRegion });
        sorted.forEach((r, i) => r.suppressed && expect(flags[i]).toBe(true));
        expect(recoverableCells(sorted.map((r, i) => ({ ...r, withheld: flags[i]! })), unitRegion)).toEqual([]);
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });

  it('centralisation: regions × site groups with national and ALL margins', () => {
    const table = fc.record({
      minCell: fc.integer({ min: 2, max: 10 }),
      cells: fc.array(fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(table, ({ minCell, cells }) => {
        const groups = cells[0]!.map((_, g) => `g${g}`);
        const width = groups.length;
        const grid = cells.map((r) => Array.from({ length: width }, (_, g) => r[g] ?? 0));
        const c = (sg: string, level: MetricRow['level'], group: string, d: number) =>
          row(level, group, d, minCell, { metric: 'centralisation', form_type: null, site_group: sg });
        const rows: MetricRow[] = [];
        for (const sg of ['ALL', ...groups]) {
          const col = (rg: readonly number[]) => (sg === 'ALL' ? rg.reduce((a, b) => a + b, 0) : rg[Number(sg.slice(1))]!);
          const national = grid.reduce((a, rg) => a + col(rg), 0);
          if (national > 0) rows.push(c(sg, 'national', 'ALL', national));
          grid.forEach((rg, i) => col(rg) > 0 && rows.push(c(sg, 'region', `R${i}`, col(rg))));
        }
        const flags = withheldFlags({ rows, unitRegion: new Map() });
        rows.forEach((r, i) => r.suppressed && expect(flags[i]).toBe(true));
        expect(recoverableCells(rows.map((r, i) => ({ ...r, withheld: flags[i]! })), new Map())).toEqual([]);
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
