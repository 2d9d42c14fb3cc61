// Patient characteristics: small counts and the cells they could be worked out from are withheld.
import { describe, expect, it } from 'vitest';
import { protectBreakdown, TOTAL } from '../../src/report/characteristics.js';

const table = (rows: Record<string, Record<string, number>>) => new Map(Object.entries(rows).map(([sc, m]) => [sc, new Map(Object.entries(m))]));
const withheld = (cells: Map<string, Map<string, { withheld: boolean }>>) =>
  [...cells].flatMap(([sc, m]) => [...m].filter(([, c]) => c.withheld).map(([c]) => `${sc}.${c}`)).sort();

describe('protectBreakdown', () => {
  it('hand-worked: one small cell takes its column partner and both row partners, never a national cell', () => {
    // R1: a 3, b 10 (13); R2: a 8, b 9 (17); national: a 11, b 19 (30). R1.a < 5 is suppressed. Column a:
    // R2.a (8) goes with it; row R1: R1.b (10 < 13); row R2: R2.b (9 < 17). Then a = t, 11 − t, 13 − t, 6 + t:
    // no withheld count follows from the shown ones.
    const cells = protectBreakdown(table({ ALL: { a: 11, b: 19, [TOTAL]: 30 }, R1: { a: 3, b: 10, [TOTAL]: 13 }, R2: { a: 8, b: 9, [TOTAL]: 17 } }), ['R1', 'R2'], ['a', 'b'], 5);
    expect(withheld(cells)).toEqual(['R1.a', 'R1.b', 'R2.a', 'R2.b']);
    expect(cells.get('R1')!.get('a')).toEqual({ n: 3, withheld: true, suppressed: true });
    expect(cells.get('R2')!.get('a')).toEqual({ n: 8, withheld: true, suppressed: false });
    expect(cells.get('ALL')!.get(TOTAL)!.withheld).toBe(false);
  });

  it('zeros are published zeros; nothing small, nothing withheld', () => {
    const cells = protectBreakdown(table({ ALL: { a: 0, b: 20, [TOTAL]: 20 }, R1: { a: 0, b: 20, [TOTAL]: 20 } }), ['R1'], ['a', 'b'], 5);
    expect(withheld(cells)).toEqual([]);
  });

  it('two small cells in one row protect each other there, and still need partners in their columns', () => {
    // R1: a 2, b 3, c 20 (25); R2: a 10, b 11, c 12 (33). Row R1 has two withheld cells; columns a and b
    // each have one, so R2.a and R2.b follow; row R2 then has two. a, b of both regions are unknowns with
    // R1.a + R1.b = 5, R2.a + R2.b = 21, R1.a + R2.a = 12, R1.b + R2.b = 14: one free parameter.
    const cells = protectBreakdown(
      table({ ALL: { a: 12, b: 14, c: 32, [TOTAL]: 58 }, R1: { a: 2, b: 3, c: 20, [TOTAL]: 25 }, R2: { a: 10, b: 11, c: 12, [TOTAL]: 33 } }),
      ['R1', 'R2'], ['a', 'b', 'c'], 5,
    );
    expect(withheld(cells)).toEqual(['R1.a', 'R1.b', 'R2.a', 'R2.b']);
  });
});
