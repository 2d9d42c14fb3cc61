// Metric rows → Vega-Lite specs → SVG strings, rendered in Node; the printed page runs no JavaScript.
import type { TopLevelSpec } from 'vega-lite';
import type { NumberFormat } from '../print/i18n.js';
import { chartView, compileChart } from './chart-compile.js';
import { solidStrokes } from './chart-svg.js';
import { bandLayers, valueBands, type BandWords, type YearBand } from './charts-bands.js';
import { INDEPENDENT, legendLayer, markerPath, seriesStyle, SERIES_COLOURS, type LegendEntry, type SeriesStyle } from './charts-palette.js';

export type { BandWords, YearBand };

export const FONT = 'DejaVu Sans';

function baseConfig() {
  return {
    font: FONT,
    // Vega's own labels of every mark are English and say nothing a reader needs: the figure's alt text does.
    aria: false,
    view: { stroke: null },
    axis: { labelFontSize: 9, titleFontSize: 9, titleFontWeight: 'normal' as const, gridColor: '#e5e5e5', domainColor: '#888', tickColor: '#888' },
    legend: { labelFontSize: 9, titleFontSize: 9, labelLimit: 0, orient: 'bottom' as const, direction: 'horizontal' as const, titleFontWeight: 'normal' as const, symbolStrokeWidth: 2 },
    range: { category: [...SERIES_COLOURS] },
    background: 'white',
  };
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string with the report's number locale, named by its caption
 * (<title>) and described by its alt text (<desc>, and aria-label for the tagged PDF and screen readers).
 */
export async function renderSvg(spec: TopLevelSpec, fmt: NumberFormat, title: string, alt: string): Promise<string> {
  const chart = compileChart({ ...spec, config: { ...baseConfig(), ...(spec.config ?? {}) } });
  const view = chartView(chart, { renderer: 'none', locale: { number: fmt.d3Locale() } });
  try {
    const svg = solidStrokes(await view.toSVG());
    const open = svg.indexOf('>', svg.indexOf('<svg ')) + 1;
    return `${svg.slice(0, open).replace('<svg ', `<svg role="img" aria-label="${escapeXml(alt)}" `)}<title>${escapeXml(title)}</title><desc>${escapeXml(alt)}</desc>${svg.slice(open)}`;
  } finally {
    view.finalize();
  }
}

function escapeXml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
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

/** The style of each series in order of appearance: ordinary series from the palette, reference (dashed) series in black and grey. */
export function seriesStyles(points: readonly SeriesPoint[]): Map<string, SeriesStyle> {
  const styles = new Map<string, SeriesStyle>();
  let ordinary = 0;
  let reference = 0;
  for (const p of points) if (!styles.has(p.series)) styles.set(p.series, p.dashed ? seriesStyle(reference++, true) : seriesStyle(ordinary++));
  return styles;
}

/**
 * Share over the years, one line per series (its own colour, marker and dash), with target lines (one
 * value per year, so a target that changes with the year is drawn as a step) and the goal levels as
 * bands. `years`: every year of the axis.
 */
export function trendSpec(
  points: readonly SeriesPoint[],
  targets: readonly { label: string; value: number; years?: readonly number[] }[],
  opts: { width?: number; height?: number; seriesTitle: string; yearTitle: string; years: readonly number[]; bands?: readonly YearBand[]; bandWords?: BandWords },
): TopLevelSpec {
  const years = [...new Set([...opts.years, ...points.map((p) => p.year)])].sort((a, b) => a - b);
  const styles = seriesStyles(points);
  const series = [...styles.keys()];
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
  const y = { field: 'value', type: 'quantitative' as const, title: null, scale: { domain: [yMin, 1] }, axis: { format: '.0%', tickCount: 6 } };
  const scaleOf = <T>(pick: (st: SeriesStyle) => T) => ({ domain: series, range: series.map((n) => pick(styles.get(n)!)) });
  const entries: LegendEntry[] = series.map((n) => ({ label: n, ...styles.get(n)! }));
  return {
    width: opts.width ?? 440,
    height: opts.height ?? 190,
    resolve: INDEPENDENT,
    layer: [
      ...(bands.length ? bandLayers(bands, yMin, opts.bandWords ?? { high: '', moderate: '', low: '' }, 'x') : []),
      {
        data: { values: segmentPoints(points, years) },
        layer: [
          {
            mark: { type: 'line', strokeWidth: 2 },
            encoding: {
              x: xAxis,
              y,
              color: { field: 'series', type: 'nominal', scale: scaleOf((st) => st.colour), legend: null },
              strokeDash: { field: 'series', type: 'nominal', scale: scaleOf((st) => [...st.dash]), legend: null },
              detail: { field: 'segment', type: 'nominal' },
            },
          },
          {
            mark: { type: 'point', filled: true, size: 34, opacity: 1 },
            encoding: {
              x: { field: 'year', type: 'quantitative' },
              y: { field: 'value', type: 'quantitative' },
              color: { field: 'series', type: 'nominal', scale: scaleOf((st) => st.colour), legend: null },
              shape: { field: 'series', type: 'nominal', scale: scaleOf((st) => markerPath(st.marker)), legend: null },
            },
          },
        ],
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
      legendLayer(entries, opts.seriesTitle, opts.width ?? 440),
    ],
  };
}

export interface BarPoint {
  readonly category: string;
  readonly series: string;
  readonly value: number;
}

/**
 * Horizontal grouped bars of shares, with an optional target rule and goal-level bands behind. Bars have no
 * marker, so their series keep to the first three colours of the palette, whose greys differ, and always
 * come in the legend's order within a group.
 */
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
          color: { field: 'series', type: 'nominal', title: opts.seriesTitle, sort: series, scale: { domain: series, range: series.map((_, i) => seriesStyle(i).colour) }, legend: series.length > 1 ? {} : null },
        },
      },
      ...(target !== null ? [{ data: { values: [{ t: target }] }, mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#000' }, encoding: { x: { field: 't', type: 'quantitative' as const } } }] : []),
    ],
    resolve: { scale: { color: 'independent' } },
  };
}
