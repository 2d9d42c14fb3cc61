// The funnel plot's geometry and spec, against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { NumberFormat } from '../../src/print/i18n.js';
import { clipCurve, curveNs, invY, logTicks, placeLabels, px, py, xDomain, yDomain, type Axes } from '../../src/report/charts-funnel-geometry.js';
import { funnelSpec, position, type FunnelUnit } from '../../src/report/charts-funnel.js';
import { CHART_WORDS } from '../../src/report/charts-words.js';
import { renderSvg } from '../../src/report/charts.js';
import { legendEntries } from './svg-series.js';

const nbsp = (s: string) => s.replaceAll('\u00a0', ' ').replaceAll('\u202f', ' ');

describe('funnel axes', () => {
  it('x: linear from a bit below the smallest unit to beyond the largest; log once the largest is 20 times the smallest', () => {
    // 5…43: pad max(1, 38 · 0.08 = 3.04) → floor(1.96) = 1 and ceil(46.04) = 47.
    expect(xDomain([5, 20, 43])).toEqual({ log: false, x: [1, 47] });
    // 5…50 000: 5 / 1.3 and 50 000 · 1.3.
    const d = xDomain([5, 800, 50_000]);
    expect(d.log).toBe(true);
    expect(d.x[0]).toBeCloseTo(3.846, 3);
    expect(d.x[1]).toBe(65_000);
    // 19 times is still linear.
    expect(xDomain([100, 1900]).log).toBe(false);
  });

  it('limit curves are computed from the first to the last n of the axis, in whole patients', () => {
    const ns = curveNs(true, [3.846, 65_000]);
    expect(ns[0]).toBe(4);
    expect(ns[ns.length - 1]).toBe(65_000);
    expect(ns.every((n, i) => i === 0 || n > ns[i - 1]!)).toBe(true);
  });

  it('log ticks: 1, 2, 5 times powers of ten inside the domain', () => {
    expect(logTicks([3.8, 650])).toEqual([5, 10, 20, 50, 100, 200, 500]);
  });

  it('y: the 99.8 % limits at the smallest unit, the points, national and target, padded out to a gridline', () => {
    // p = 0.51, n = 10 000: limits about 0.51 ± 3.09 · 0.0050 = [0.4946, 0.5255]; pad 0.002, step 0.005.
    const pts = [{ code: 'A', value: 0.5, n: 10_000 }, { code: 'B', value: 0.52, n: 12_000 }];
    expect(yDomain(pts, 0.51, null)).toEqual([0.49, 0.53]);
    // With a target of 80 %: 0.4946…0.8, pad 0.0183, step 0.05 → 0.45…0.85.
    expect(yDomain(pts, 0.51, 0.8)).toEqual([0.45, 0.85]);
    // Small units: the limits reach 0 and 100 %, and the axis stays within them.
    expect(yDomain([{ code: 'A', value: 0.6, n: 5 }], 0.55, 0.8)).toEqual([0, 1]);
  });

  it('a unit below, within or above the limits', () => {
    // p = 0.5, n = 100: 95 % limits about 0.40 and 0.60.
    expect(position({ code: 'A', value: 0.35, n: 100 }, 0.5, 0.95)).toBe('below');
    expect(position({ code: 'A', value: 0.55, n: 100 }, 0.5, 0.95)).toBe('within');
    expect(position({ code: 'A', value: 0.65, n: 100 }, 0.5, 0.95)).toBe('above');
  });
});

describe('funnel labels', () => {
  // 100 × 100 pixels over n 0…100 and 0…100 %: one pixel per patient and per percentage point.
  const axes: Axes = { log: false, x: [0, 100], y: [0, 1], width: 100, height: 100 };

  it('a label goes right of its point, or above when a line runs through the place on the right', () => {
    const p = { code: 'AB', value: 0.5, n: 50 };
    const right = placeLabels(axes, [p], []);
    expect(right.map((l) => [l.code, l.align, Math.round(l.n * 1e9) / 1e9, l.value])).toEqual([['AB', 'left', 55, 0.5]]);
    // The national line at 50 % crosses the right and left places (boxes 45.8–54.2 px high); above is free.
    const placed = placeLabels(axes, [p], [[[0, 50], [100, 50]]]);
    expect(placed.map((l) => [l.align, Math.round(l.n * 1e9) / 1e9])).toEqual([['center', 50]]);
    expect(placed[0]!.value).toBeCloseTo(invY(axes, 41.5), 10);
  });

  it('near the right edge a label goes left; two points in one place get two labels that do not overlap', () => {
    expect(placeLabels(axes, [{ code: 'AB', value: 0.5, n: 98 }], [])[0]!.align).toBe('right');
    const two = placeLabels(axes, [{ code: 'AB', value: 0.5, n: 50 }, { code: 'CD', value: 0.5, n: 50 }], []);
    expect(two.map((l) => [l.code, l.align])).toEqual([['AB', 'left'], ['CD', 'right']]);
  });

  it('a point with every place taken keeps no label', () => {
    // Horizontal lines 6 px apart above and below, vertical lines either side: no box of 8.4 px fits.
    const lines: [number, number][][] = [[[0, 46], [100, 46]], [[0, 54], [100, 54]], [[46, 0], [46, 100]], [[54, 0], [54, 100]]];
    expect(placeLabels(axes, [{ code: 'AB', value: 0.5, n: 50 }], lines)).toEqual([]);
  });

  it('limit curves end on the plot’s edge instead of being clipped by Vega', () => {
    // −1 → 1 crosses 0 at n = 1; 1 → 3 crosses 2 at n = 3.
    expect(clipCurve([{ n: 0, v: -1 }, { n: 2, v: 1 }, { n: 4, v: 3 }], [0, 2])).toEqual([[{ n: 1, v: 0 }, { n: 2, v: 1 }, { n: 3, v: 2 }]]);
    // Out over the top and back: two runs.
    expect(clipCurve([{ n: 0, v: 1 }, { n: 1, v: 3 }, { n: 2, v: 1 }], [0, 2])).toEqual([[{ n: 0, v: 1 }, { n: 0.5, v: 2 }], [{ n: 1.5, v: 2 }, { n: 2, v: 1 }]]);
  });

  it('pixel scales: linear and log', () => {
    expect(px(axes, 25)).toBe(25);
    expect(py(axes, 0.25)).toBe(75);
    expect(px({ ...axes, log: true, x: [1, 10_000] }, 100)).toBe(50);
  });
});

describe('funnel spec', () => {
  const f = new NumberFormat('en');
  const units: FunnelUnit[] = [5, 40, 300, 2_000, 12_000, 50_000].map((n, i) => ({ code: `U${i}`, name: `Unit ${i}`, n, value: i === 5 ? 0.5 : 0.55 }));

  it('from 5 to 50 000 patients: a log axis, limits over the whole axis, each label once, the legend in English numbers', async () => {
    const spec = funnelSpec(units, 0.55, { xTitle: 'Patients', target: 0.8, words: CHART_WORDS.en, f });
    const layers = (spec as { layer: { data: { values: { n: number; code?: string }[] } }[] }).layer;
    const lineNs = layers[0]!.data.values.map((v) => v.n);
    expect(Math.min(...lineNs)).toBeLessThan(5);
    expect(Math.max(...lineNs)).toBe(65_000);
    const labels = layers.slice(2, 5).flatMap((l) => l.data.values.map((v) => v.code));
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('U5');
    const svg = await renderSvg(spec, f, 'Funnel', 'Funnel');
    expect(legendEntries(svg).map((e) => e.label)).toEqual(['95% control limit', '99.8% control limit', 'National 55.0%', 'Target 80%']);
    // Log ticks with the thousands separator of the language.
    expect(svg).toContain('>10,000</text>');
  });

  it('the same chart is the same SVG, however many charts the process drew before', async () => {
    const spec = () => funnelSpec(units, 0.55, { xTitle: 'Patients', target: 0.8, words: CHART_WORDS.en, f });
    const first = await renderSvg(spec(), f, 'F', 'F');
    expect(await renderSvg(spec(), f, 'F', 'F')).toBe(first);
    expect(first).not.toContain('clip-path');
  });

  it('Norwegian legend: decimal comma, space before %', async () => {
    const svg = await renderSvg(funnelSpec(units.slice(0, 3), 0.55, { xTitle: 'Pasienter', target: null, words: CHART_WORDS.nb, f: new NumberFormat('nb') }), new NumberFormat('nb'), 'F', 'F');
    expect(legendEntries(svg).map((e) => nbsp(e.label))).toEqual(['95 % kontrollgrense', '99,8 % kontrollgrense', 'Nasjonalt 55,0 %']);
  });
});
