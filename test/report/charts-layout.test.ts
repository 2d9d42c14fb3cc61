// Legend columns and goal-level band rectangles, worked out by hand.
import { describe, expect, it } from 'vitest';
import { bandRects } from '../../src/report/charts-bands.js';
import { legendColumns, type LegendEntry } from '../../src/report/charts-palette.js';

const entry = (label: string, line = true): LegendEntry => ({ label, colour: '#000000', dash: [1, 0], marker: 'circle', line });

describe('legend columns', () => {
  it('as many columns as the widest entry allows in the chart width, never more than the entries', () => {
    // 10 characters · 5.4 + 44 (line and marker) + 10 (padding) = 108 px: four columns in 440 px.
    expect(legendColumns(Array.from({ length: 5 }, () => entry('ABCDEFGHIJ')), 440)).toBe(4);
    // Markers alone: 20 · 5.4 + 22 + 10 = 140 px, three would fit in 420 px, but there are two entries.
    expect(legendColumns([entry('A'.repeat(20), false), entry('B', false)], 420)).toBe(2);
    // An entry wider than the chart still gets its one column.
    expect(legendColumns([entry('A'.repeat(100))], 300)).toBe(1);
  });
});

describe('goal-level bands', () => {
  it('one rectangle per level for each run of years with the same levels, so no seam shows between years', () => {
    const bands = [2015, 2016, 2017].map((year) => ({ year, target: 0.95, moderate: null })).concat([{ year: 2018, target: 0.8, moderate: null }]);
    expect(bandRects(bands, 0.3)).toEqual([
      { x0: 2014.5, x1: 2017.5, y0: 0.95, y1: 1, level: 'high' },
      { x0: 2014.5, x1: 2017.5, y0: 0.3, y1: 0.95, level: 'low' },
      { x0: 2017.5, x1: 2018.5, y0: 0.8, y1: 1, level: 'high' },
      { x0: 2017.5, x1: 2018.5, y0: 0.3, y1: 0.8, level: 'low' },
    ]);
    // A gap year starts a new run even with the same levels; a moderate level adds its band.
    expect(bandRects([{ year: 2015, target: 0.9, moderate: 0.8 }, { year: 2017, target: 0.9, moderate: 0.8 }], 0.5).map((r) => [r.x0, r.level])).toEqual([
      [2014.5, 'high'], [2014.5, 'moderate'], [2014.5, 'low'], [2016.5, 'high'], [2016.5, 'moderate'], [2016.5, 'low'],
    ]);
  });
});
