// Funnel plot: unit shares against their size, with exact binomial control limits around the national
// share, the national and target lines in the legend, a y axis fitted to the data and unit codes only
// where they collide with nothing; and its alt text.
import type { TopLevelSpec } from 'vega-lite';
import { funnelLimits } from '../metrics/binomial.js';
import { fill, type NumberFormat } from '../print/i18n.js';
import { lowerFirst, span, unitCount } from './charts-alt.js';
import { clipCurve, curveNs, logTicks, placeLabels, px, py, xDomain, yDomain, LABEL_SIZE, type Axes, type FunnelPoint } from './charts-funnel-geometry.js';
import { INDEPENDENT, legendLayer, markerPath, REFERENCE_COLOURS, SERIES_COLOURS, type LegendEntry } from './charts-palette.js';
import type { ChartWords } from './charts-words.js';

export interface FunnelUnit extends FunnelPoint {
  readonly name: string;
  /** false: a unit of another region, drawn grey and unlabelled in a regional report */
  readonly highlight?: boolean;
}

const WIDTH = 440;
const HEIGHT = 230;
const LEVELS = [0.95, 0.998] as const;

/** Where a unit lies against the limits of one level: below, within or above. */
export function position(u: FunnelPoint, national: number, level: number): 'below' | 'within' | 'above' {
  const [lo, hi] = funnelLimits(national, u.n, level);
  return u.value < lo ? 'below' : u.value > hi ? 'above' : 'within';
}

/** Outside the 99.8 % limits first, then outside the 95 % limits, then the largest units: the order labels are placed in. */
function labelOrder(units: readonly FunnelUnit[], national: number): FunnelUnit[] {
  const rank = (u: FunnelUnit) => (position(u, national, 0.998) !== 'within' ? 0 : position(u, national, 0.95) !== 'within' ? 1 : 2);
  return [...units].sort((a, b) => rank(a) - rank(b) || b.n - a.n || a.code.localeCompare(b.code));
}

export function funnelSpec(units: readonly FunnelUnit[], national: number, opts: { xTitle: string; target: number | null; words: ChartWords; f: NumberFormat }): TopLevelSpec {
  const { words: w, f } = opts;
  const { log, x } = xDomain(units.map((u) => u.n));
  const axes: Axes = { log, x, y: yDomain(units, national, opts.target), width: WIDTH, height: HEIGHT };
  const ns = curveNs(log, x);
  const k95 = fill(w.limitLine, { level: f.target(0.95) });
  const k998 = fill(w.limitLine, { level: f.pct(0.998) });
  const kNat = fill(w.nationalLine, { value: f.pct(national) });
  const kTarget = opts.target === null ? null : fill(w.targetLine, { value: f.target(opts.target) });
  // Every line in one layer, keyed by its legend entry: limits (low and high side), national, target.
  const curves = LEVELS.flatMap((level, i) => {
    const k = i === 0 ? k95 : k998;
    const lims = ns.map((n) => ({ n, lim: funnelLimits(national, n, level) }));
    return ([0, 1] as const).flatMap((side) =>
      clipCurve(lims.map((p) => ({ n: p.n, v: p.lim[side] })), axes.y).flatMap((run, r) => run.map((p) => ({ ...p, k, part: `${k} ${side} ${r}` }))),
    );
  });
  const flat = (k: string, v: number) => [{ n: x[0], v, k, part: k }, { n: x[1], v, k, part: k }];
  const lines = [...curves, ...flat(kNat, national), ...(kTarget === null ? [] : flat(kTarget, opts.target!))];
  const entries: LegendEntry[] = [
    { label: k95, colour: '#555555', dash: [4, 2], marker: null },
    { label: k998, colour: '#555555', dash: [1, 0], marker: null },
    { label: kNat, colour: REFERENCE_COLOURS[0], dash: [6, 2, 1, 2], marker: null },
    ...(kTarget === null ? [] : [{ label: kTarget, colour: SERIES_COLOURS[2], dash: [2, 2], marker: null }]),
  ];
  const shown = units.filter((u) => u.highlight !== false);
  // The lines in pixels, for the labels to avoid.
  const pixelLines = [...new Set(lines.map((l) => l.part))].map((part) => lines.filter((l) => l.part === part).map((l): [number, number] => [px(axes, l.n), py(axes, l.v)]));
  const labels = placeLabels(axes, labelOrder(shown, national), pixelLines);
  const xEnc = { field: 'n', type: 'quantitative' as const, title: opts.xTitle, scale: log ? { type: 'log' as const, domain: [...x], nice: false } : { type: 'linear' as const, domain: [...x], nice: false, zero: false }, axis: { format: ',d', tickMinStep: 1, ...(log ? { values: logTicks(x) } : {}) } };
  const yEnc = { field: 'v', type: 'quantitative' as const, title: null, scale: { domain: [...axes.y], nice: false, zero: false }, axis: { format: axes.y[1] - axes.y[0] < 0.1 ? '.1%' : '.0%' } };
  const scaleOf = <T>(pick: (e: LegendEntry) => T) => ({ domain: entries.map((e) => e.label), range: entries.map(pick) });
  const hasOthers = shown.length < units.length;
  return {
    width: WIDTH,
    height: HEIGHT,
    resolve: INDEPENDENT,
    layer: [
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 1.2, interpolate: 'monotone' },
        encoding: {
          x: xEnc,
          y: yEnc,
          detail: { field: 'part', type: 'nominal' },
          color: { field: 'k', type: 'nominal', scale: scaleOf((e) => e.colour), legend: null },
          strokeDash: { field: 'k', type: 'nominal', scale: scaleOf((e) => [...e.dash]), legend: null },
        },
      },
      {
        data: { values: units.map((u) => ({ n: u.n, v: u.value, h: u.highlight === false ? 'other' : 'unit' })) },
        mark: { type: 'point', size: 36, strokeWidth: 1.2 },
        encoding: {
          x: { field: 'n', type: 'quantitative' },
          y: { field: 'v', type: 'quantitative' },
          // Units of other regions: hollow grey rings, apart from the region's own filled dots without colour too.
          fill: { field: 'h', type: 'nominal', legend: null, scale: { domain: ['unit', 'other'], range: [SERIES_COLOURS[0], 'transparent'] } },
          stroke: { field: 'h', type: 'nominal', legend: null, scale: { domain: ['unit', 'other'], range: [SERIES_COLOURS[0], '#999999'] } },
          shape: { value: markerPath('circle') },
        },
      },
      ...(['left', 'right', 'center'] as const).map((align) => ({
        data: { values: labels.filter((l) => l.align === align) },
        mark: { type: 'text' as const, align, baseline: 'middle' as const, fontSize: LABEL_SIZE, color: '#222' },
        encoding: { x: { field: 'n', type: 'quantitative' as const }, y: { field: 'value', type: 'quantitative' as const }, text: { field: 'code', type: 'nominal' as const } },
      })),
      legendLayer([...entries, ...(hasOthers ? [
        { label: w.unitPoint, colour: SERIES_COLOURS[0], dash: [1, 0], marker: 'circle' as const, line: false },
        { label: w.otherUnit, colour: '#999999', dash: [1, 0], marker: 'circle' as const, line: false, hollow: true },
      ] : [])], null, WIDTH),
    ],
  };
}

/** "Traktplott over …: 15 enheter med 5–43 pasienter; nasjonalt 55,1 %; mål 80 %; utenfor 99,8 %-grensene: A under, B over." */
export function funnelAlt(w: ChartWords, f: NumberFormat, what: string, units: readonly FunnelUnit[], national: number, target: number | null): string {
  const shown = units.filter((u) => u.highlight !== false);
  const ns = shown.map((u) => u.n);
  const head = fill(w.funnelChart, { what: lowerFirst(what), units: unitCount(w, f, shown.length), sizes: span(f.int(Math.min(...ns)), f.int(Math.max(...ns))), national: f.pct(national) });
  const parts = [head, ...(target === null ? [] : [fill(w.targets, { list: f.target(target) })])];
  for (const level of LEVELS) {
    const name = level === 0.95 ? f.target(level) : f.pct(level);
    const outside = [...shown].sort((a, b) => a.name.localeCompare(b.name, f.language)).flatMap((u) => {
      const at = position(u, national, level);
      return at === 'within' ? [] : [fill(at === 'below' ? w.below : w.above, { name: u.name })];
    });
    parts.push(outside.length ? fill(w.funnelOutside, { level: name, list: outside.join(', ') }) : fill(w.funnelInside, { level: name }));
  }
  return `${parts.join('; ')}.`;
}
