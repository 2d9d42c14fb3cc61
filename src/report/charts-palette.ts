// The one palette of every chart, and the second channel (point shape, line dash) that lets each series
// be told apart without colour: readers with colour-vision deficiency, and anyone with a greyscale print.

/**
 * Paul Tol's high-contrast scheme (blue, yellow, red: colour-blind safe and three distinct greys), then
 * colours of his medium-contrast scheme. Greys (ITU-R BT.601 luma, 0–255): 55, 172, 118, 144, 116, 180, 95.
 */
export const SERIES_COLOURS = ['#004488', '#DDAA33', '#BB5566', '#6699CC', '#997700', '#EE99AA', '#994455'] as const;

/** Reference series (the nation beside a region, a target): black and dark grey, always dashed. */
export const REFERENCE_COLOURS = ['#000000', '#666666'] as const;

/** A light and a dark shade of the first colour: the units and the totals of one comparison. */
export const UNIT_COLOUR = '#88AADD';
export const TOTAL_COLOUR = SERIES_COLOURS[0];

/**
 * The results page's bars, which have no second channel: colours whose greys stay at least 45 apart.
 * The nation black (0), my hospital dark blue (55), the region red (118), the other units light blue
 * (166); three years as light, middle and dark blue (203, 144, 55); goal lines black, dashed.
 */
export const RESULTS_PAGE_COLOURS = {
  national: REFERENCE_COLOURS[0],
  mine: SERIES_COLOURS[0],
  region: SERIES_COLOURS[2],
  unit: UNIT_COLOUR,
  years: ['#BBCCEE', SERIES_COLOURS[3], SERIES_COLOURS[0]],
  goal: REFERENCE_COLOURS[0],
} as const;

/** Markers as polygons in a −1…1 box (Vega scales custom paths by the point's size). */
const MARKERS = {
  circle: null,
  'triangle-up': [[0, -1], [1, 0.8], [-1, 0.8]],
  'triangle-down': [[0, 1], [1, -0.8], [-1, -0.8]],
  cross: [[-0.35, -1], [0.35, -1], [0.35, -0.35], [1, -0.35], [1, 0.35], [0.35, 0.35], [0.35, 1], [-0.35, 1], [-0.35, 0.35], [-1, 0.35], [-1, -0.35], [-0.35, -0.35]],
  square: [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]],
  diamond: [[0, -1.1], [1.1, 0], [0, 1.1], [-1.1, 0]],
  /** a bar across a row: the standard time in the median chart */
  bar: [[-0.3, -1.3], [0.3, -1.3], [0.3, 1.3], [-0.3, 1.3]],
} as const satisfies Record<string, readonly (readonly [number, number])[] | null>;

export type Marker = keyof typeof MARKERS;

const SERIES_MARKERS: readonly Marker[] = ['circle', 'triangle-up', 'triangle-down', 'cross'];
const REFERENCE_MARKERS: readonly Marker[] = ['square', 'diamond'];

/** Solid for the first three series, whose greys differ; dashes from the fourth on, where they do not. */
const SERIES_DASHES: readonly (readonly number[])[] = [[1, 0], [1, 0], [1, 0], [8, 3], [8, 3, 2, 3], [3, 2]];
const REFERENCE_DASHES: readonly (readonly number[])[] = [[5, 3], [2, 2]];

export interface SeriesStyle {
  readonly colour: string;
  readonly marker: Marker;
  readonly dash: readonly number[];
}

/** The style of the i-th ordinary series, or of the i-th reference series (drawn dashed, in black or grey). */
export function seriesStyle(i: number, reference = false): SeriesStyle {
  if (reference) return { colour: REFERENCE_COLOURS[i % REFERENCE_COLOURS.length]!, marker: REFERENCE_MARKERS[i % REFERENCE_MARKERS.length]!, dash: REFERENCE_DASHES[i % REFERENCE_DASHES.length]! };
  return { colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!, marker: SERIES_MARKERS[i % SERIES_MARKERS.length]!, dash: SERIES_DASHES[i % SERIES_DASHES.length]! };
}

const num = (v: number) => String(Math.round(v * 1000) / 1000);

/** A marker as an SVG path, scaled by k. */
export function markerPath(m: Marker, k = 1): string {
  const poly = MARKERS[m];
  if (poly === null) return `M${num(k)},0A${num(k)},${num(k)},0,1,1,${num(-k)},0A${num(k)},${num(k)},0,1,1,${num(k)},0Z`;
  return `M${poly.map(([x, y]) => `${num(x * k)},${num(y * k)}`).join('L')}Z`;
}

/** A legend symbol: a stretch of line (which shows its dash) with the marker on it, or the marker alone. */
export function legendSymbol(m: Marker | null, line = true): string {
  if (!line && m) return markerPath(m, 0.6);
  return `M-2.4,0H2.4${m ? markerPath(m, 0.45) : ''}`;
}

export interface LegendEntry {
  readonly label: string;
  readonly colour: string;
  readonly dash: readonly number[];
  /** null: a line alone (a limit, a target) */
  readonly marker: Marker | null;
  /** false: the marker alone (dots that no line joins) */
  readonly line?: boolean;
  /** an open marker (white inside), as the plot draws it */
  readonly hollow?: boolean;
}

/** Legend labels at 9 px: DejaVu Sans averages about 0.6 em a character. */
const LABEL_CHAR = 5.4;

/** As many columns as fit the chart's width, so the legend never makes the figure wider than its plot. */
export function legendColumns(entries: readonly LegendEntry[], width: number): number {
  const lines = entries.some((e) => e.line ?? true);
  const widest = Math.max(...entries.map((e) => e.label.length)) * LABEL_CHAR + (lines ? 44 : 22) + 10;
  return Math.max(1, Math.min(entries.length, Math.floor(width / widest)));
}

/**
 * A layer that draws nothing but the legend: each entry a stretch of line in its colour and dash with its
 * marker, so a dashed series shows as a dashed line (Vega's own legend of a line with points shows a dot).
 * The chart's other layers set legend: null and resolve their scales independently.
 */
export function legendLayer(entries: readonly LegendEntry[], title: string | null, width: number) {
  const domain = entries.map((e) => e.label);
  const lines = entries.some((e) => e.line ?? true);
  const legend = { title, symbolOffset: lines ? 8 : 2, labelOffset: lines ? 14 : 4, symbolStrokeWidth: 2, symbolSize: 100, columns: legendColumns(entries, width) };
  const channel = <T>(range: readonly T[]) => ({ field: 'label', type: 'nominal' as const, sort: domain, scale: { domain, range: [...range] }, legend });
  return {
    data: { values: [] },
    mark: { type: 'point' as const, filled: true, opacity: 1 },
    encoding: {
      fill: channel(entries.map((e) => (e.hollow ? '#FFFFFF' : e.colour))),
      stroke: channel(entries.map((e) => e.colour)),
      strokeDash: channel(entries.map((e) => [...e.dash])),
      shape: channel(entries.map((e) => legendSymbol(e.marker, e.line ?? true))),
    },
  };
}

/** Every channel resolved independently: the legend layer's scales are its own. */
export const INDEPENDENT = {
  scale: { color: 'independent', fill: 'independent', stroke: 'independent', strokeDash: 'independent', shape: 'independent' },
  legend: { color: 'independent', fill: 'independent', stroke: 'independent', strokeDash: 'independent', shape: 'independent' },
} as const;
