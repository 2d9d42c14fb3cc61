// Metric rows → Vega-Lite specs → SVG strings, rendered in Node; the printed page runs no JavaScript.
import type { TopLevelSpec } from 'vega-lite';
import { funnelLimits } from '../metrics/binomial.js';
import type { NumberFormat } from '../print/i18n.js';
import { chartView, compileChart } from './chart-compile.js';
import { solidStrokes } from './chart-svg.js';
import { bandLayers, valueBands, type BandWords, type YearBand } from './charts-bands.js';

export type { BandWords, YearBand };

export const FONT = 'DejaVu Sans';
const PALETTE = ['#1f5f8b', '#c8553d', '#4b8f29', '#8e5ea2', '#b8860b', '#2a9d8f', '#6c757d'];

function baseConfig() {
  return {
    font: FONT,
    view: { stroke: null },
    axis: { labelFontSize: 9, titleFontSize: 9, titleFontWeight: 'normal' as const, gridColor: '#e5e5e5', domainColor: '#888', tickColor: '#888' },
    legend: { labelFontSize: 9, titleFontSize: 9, labelLimit: 0, orient: 'bottom' as const, direction: 'horizontal' as const, titleFontWeight: 'normal' as const, symbolStrokeWidth: 2 },
    range: { category: PALETTE },
    background: 'white',
  };
}

/** Renders a Vega-Lite spec to a standalone SVG string with the report's number locale. */
export async function renderSvg(spec: TopLevelSpec, fmt: NumberFormat, title: string): Promise<string> {
  const chart = compileChart({ ...spec, config: { ...baseConfig(), ...(spec.config ?? {}) } });
  const view = chartView(chart, { renderer: 'none', locale: { number: fmt.d3Locale() } });
  try {
    const svg = solidStrokes(await view.toSVG());
    // An accessible name for screen readers and the tagged PDF.
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttr(title)}" `);
  } finally {
    view.finalize();
  }
}

function escapeAttr(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

export interface SeriesPoint {
  readonly series: string;
  readonly year: number;
  readonly value: number;
  readonly dashed?: boolean;
}

/**
 * Each point's segment: a series' line is drawn through consecutive years only, so a year without a
 * published value (withheld, or nothing to count) breaks the line instead of being bridged.
 */
export function segmentPoints(points: readonly SeriesPoint[], years: readonly number[]): (SeriesPoint & { segment: string })[] {
  const position = new Map(years.map((y, i) => [y, i]));
  const out: (SeriesPoint & { segment: string })[] = [];
  const bySeries = new Map<string, SeriesPoint[]>();
  for (const p of points) bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), p]);
  for (const [series, list] of bySeries) {
    const sorted = [...list].sort((a, b) => a.year - b.year);
    let segment = 0;
    sorted.forEach((p, i) => {
      const prev = sorted[i - 1];
      if (prev && position.get(p.year)! - position.get(prev.year)! !== 1) segment++;
      // The key ends up in the SVG's aria-labels, so it must be XML text (no NUL); it only has to differ.
      out.push({ ...p, segment: `${series} #${segment}` });
    });
  }
  return out;
}

/**
 * Share over the years, one line per series, with target lines (one value per year, so a target that
 * changes with the year is drawn as a step) and the goal levels as coloured bands. `years`: every year of
 * the axis.
 */
export function trendSpec(
  points: readonly SeriesPoint[],
  targets: readonly { label: string; value: number; years?: readonly number[] }[],
  opts: { width?: number; height?: number; seriesTitle: string; yearTitle: string; years: readonly number[]; bands?: readonly YearBand[]; bandWords?: BandWords },
): TopLevelSpec {
  const years = [...new Set([...opts.years, ...points.map((p) => p.year)])].sort((a, b) => a - b);
  const series = [...new Set(points.map((p) => p.series))];
  const bands = opts.bands ?? [];
  const minValue = Math.min(...points.map((p) => p.value), ...targets.map((t) => t.value), ...bands.map((b) => b.moderate ?? b.target));
  const yMin = Math.max(0, Math.floor((minValue - 0.05) * 10) / 10);
  const x0 = years[0]! - 0.5;
  const x1 = years[years.length - 1]! + 0.5;
  // A target rule per run of consecutive years: a step where the target changes.
  const rules = targets.flatMap((t) => {
    const ys = [...(t.years ?? years)].sort((a, b) => a - b);
    return ys.length ? [{ label: t.label, value: t.value, a: ys[0]! - 0.5, b: ys[ys.length - 1]! + 0.5 }] : [];
  });
  const xAxis = { field: 'year', type: 'quantitative' as const, title: opts.yearTitle, scale: { domain: [x0, x1], nice: false, zero: false }, axis: { values: years, format: 'd', labelAngle: 0, grid: false } };
  return {
    width: opts.width ?? 440,
    height: opts.height ?? 190,
    resolve: { scale: { color: 'independent' } },
    layer: [
      ...(bands.length ? bandLayers(bands, yMin, opts.bandWords ?? { high: '', moderate: '', low: '' }, 'x') : []),
      {
        data: { values: segmentPoints(points, years).map((p) => ({ ...p, dash: p.dashed ? 'dash' : 'solid' })) },
        mark: { type: 'line', point: { filled: true, size: 30 }, strokeWidth: 2 },
        encoding: {
          x: xAxis,
          y: { field: 'value', type: 'quantitative', title: null, scale: { domain: [yMin, 1] }, axis: { format: '.0%', tickCount: 6 } },
          // Long series names (pathway intervals in words) in two columns, so the legend keeps to the chart's width.
          color: { field: 'series', type: 'nominal', title: opts.seriesTitle, sort: series, scale: { domain: series }, ...(series.some((n) => n.length > 24) ? { legend: { columns: 2 } } : {}) },
          strokeDash: { field: 'dash', type: 'nominal', legend: null, scale: { domain: ['solid', 'dash'], range: [[1, 0], [5, 3]] } },
          detail: { field: 'segment', type: 'nominal' },
        },
      },
      ...(rules.length
        ? [
            {
              data: { values: rules },
              layer: [
                { mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#555' }, encoding: { x: { field: 'a', type: 'quantitative' as const }, x2: { field: 'b' }, y: { field: 'value', type: 'quantitative' as const } } },
                {
                  mark: { type: 'text' as const, align: 'right' as const, dx: -2, dy: -5, fontSize: 8, color: '#333' },
                  encoding: { y: { field: 'value', type: 'quantitative' as const }, x: { field: 'b', type: 'quantitative' as const }, text: { field: 'label', type: 'nominal' as const } },
                },
              ],
            },
          ]
        : []),
    ],
  };
}

export interface BarPoint {
  readonly category: string;
  readonly series: string;
  readonly value: number;
}

/** Horizontal grouped bars of shares, with an optional target rule and goal-level bands behind. */
export function barSpec(points: readonly BarPoint[], target: number | null, opts: { categoryTitle: string; seriesTitle: string; order: readonly string[]; band?: YearBand | null; bandWords?: BandWords }): TopLevelSpec {
  const series = [...new Set(points.map((p) => p.series))];
  return {
    width: 380,
    height: { step: series.length > 1 ? 9 : 14 },
    layer: [
      ...(opts.band ? valueBands(opts.band, opts.bandWords ?? { high: '', moderate: '', low: '' }) : []),
      {
        data: { values: points },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'category', type: 'nominal', title: null, sort: [...opts.order], axis: { labelLimit: 220 } },
          yOffset: { field: 'series', type: 'nominal', sort: series },
          x: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'series', type: 'nominal', title: opts.seriesTitle, sort: series, scale: { domain: series }, legend: series.length > 1 ? {} : null },
        },
      },
      ...(target !== null ? [{ data: { values: [{ t: target }] }, mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#333' }, encoding: { x: { field: 't', type: 'quantitative' as const } } }] : []),
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

export interface FunnelUnit {
  readonly name: string;
  readonly value: number;
  readonly n: number;
  readonly highlight?: boolean;
}

/** Funnel plot: unit shares against size, with exact binomial limits around the national share. */
export function funnelSpec(units: readonly FunnelUnit[], national: number, opts: { xTitle: string; target: number | null; limitLabels: readonly [string, string] }): TopLevelSpec {
  const [k95, k998] = opts.limitLabels;
  const maxN = Math.max(10, ...units.map((u) => u.n));
  const ns: number[] = [];
  for (let n = 5; n <= maxN * 1.05; n = Math.ceil(n * 1.08)) ns.push(n);
  const limits = ns.flatMap((n) => {
    const [l95, h95] = funnelLimits(national, n, 0.95);
    const [l998, h998] = funnelLimits(national, n, 0.998);
    return [
      { n, v: l95, k: k95, side: 'low' },
      { n, v: h95, k: k95, side: 'high' },
      { n, v: l998, k: k998, side: 'low' },
      { n, v: h998, k: k998, side: 'high' },
    ];
  });
  const yMin = Math.max(0, Math.floor(Math.min(...units.map((u) => u.value), ...limits.map((l) => l.v)) * 10) / 10);
  return {
    width: 440,
    height: 230,
    layer: [
      {
        data: { values: limits },
        mark: { type: 'line', strokeWidth: 1, color: '#777', interpolate: 'monotone' },
        encoding: {
          x: { field: 'n', type: 'quantitative', title: opts.xTitle, scale: { domain: [0, Math.ceil(maxN * 1.05)] } },
          y: { field: 'v', type: 'quantitative', title: null, scale: { domain: [yMin, 1] }, axis: { format: '.0%' } },
          detail: [{ field: 'k' }, { field: 'side' }],
          strokeDash: { field: 'k', type: 'nominal', title: null, scale: { domain: [k95, k998], range: [[4, 2], [1, 0]] } },
        },
      },
      { data: { values: [{ v: national }] }, mark: { type: 'rule', color: '#1f5f8b' }, encoding: { y: { field: 'v', type: 'quantitative' } } },
      ...(opts.target !== null ? [{ data: { values: [{ v: opts.target }] }, mark: { type: 'rule' as const, color: '#c8553d', strokeDash: [2, 2] }, encoding: { y: { field: 'v', type: 'quantitative' as const } } }] : []),
      {
        data: { values: units.map((u) => ({ ...u, h: u.highlight === false ? 'other' : 'unit' })) },
        mark: { type: 'point', filled: true, size: 36, opacity: 0.85 },
        encoding: {
          x: { field: 'n', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          color: { field: 'h', type: 'nominal', legend: null, scale: { domain: ['unit', 'other'], range: ['#1f5f8b', '#bbbbbb'] } },
        },
      },
      {
        data: { values: units.filter((u) => u.highlight !== false) },
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 7, color: '#333' },
        encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' }, text: { field: 'name', type: 'nominal' } },
      },
    ],
  };
}

/** Dots of unit median days per interval, with the norm marked. */
export function medianSpec(points: readonly { interval: string; unit: string; median: number }[], norms: readonly { interval: string; norm: number }[], opts: { xTitle: string }): TopLevelSpec {
  const order = norms.map((n) => n.interval);
  return {
    width: 420,
    height: { step: 26 },
    layer: [
      {
        data: { values: points },
        mark: { type: 'tick', thickness: 2, size: 14, opacity: 0.75, color: '#1f5f8b' },
        encoding: {
          y: { field: 'interval', type: 'nominal', title: null, sort: order },
          x: { field: 'median', type: 'quantitative', title: opts.xTitle, scale: { zero: true } },
        },
      },
      {
        data: { values: norms },
        mark: { type: 'tick', thickness: 2, size: 22, color: '#c8553d' },
        encoding: { y: { field: 'interval', type: 'nominal', sort: order }, x: { field: 'norm', type: 'quantitative' } },
      },
    ],
  };
}
