// Median days per unit and interval: one dot per unit, moved up or down where dots would overlap (a
// beeswarm worked out here from the data), the standard time as a bar across each row; and its alt text.
import type { TopLevelSpec } from 'vega-lite';
import { fill, type NumberFormat } from '../print/i18n.js';
import { lowerFirst, span, unitCount } from './charts-alt.js';
import { INDEPENDENT, legendLayer, markerPath, SERIES_COLOURS as C } from './charts-palette.js';
import type { ChartWords } from './charts-words.js';

export interface MedianPoint {
  readonly interval: string;
  readonly unit: string;
  readonly median: number;
}

export interface IntervalNorm {
  readonly interval: string;
  /** the row's label, e.g. "OF1 (≤ 8 dager)" */
  readonly label: string;
  readonly norm: number;
}

const WIDTH = 420;
/** Dot diameter in pixels at size 30, and the least horizontal distance at which two dots do not touch. */
const DOT = 6.5;

/**
 * The vertical slot of each dot (0, then 1, −1, 2, −2, …): a dot takes the first slot where no dot of its
 * row lies closer than one diameter along the x axis. Dots are placed from the smallest median up.
 */
export function dodge(points: readonly MedianPoint[], pxPerDay: number): (MedianPoint & { slot: number })[] {
  const out: (MedianPoint & { slot: number })[] = [];
  const sorted = [...points].sort((a, b) => a.interval.localeCompare(b.interval) || a.median - b.median || a.unit.localeCompare(b.unit));
  for (const p of sorted) {
    const near = out.filter((q) => q.interval === p.interval && Math.abs(q.median - p.median) * pxPerDay < DOT);
    let slot = 0;
    for (let k = 1; near.some((q) => q.slot === slot); k++) slot = k % 2 ? (k + 1) / 2 : -k / 2;
    out.push({ ...p, slot });
  }
  return out;
}

export function medianSpec(points: readonly MedianPoint[], norms: readonly IntervalNorm[], opts: { words: ChartWords; intervalTitle: string }): TopLevelSpec {
  const w = opts.words;
  const xMax = Math.ceil(Math.max(...points.map((p) => p.median), ...norms.map((n) => n.norm)) * 1.08);
  const placed = dodge(points, WIDTH / xMax);
  const maxSlot = Math.max(1, ...placed.map((p) => Math.abs(p.slot)));
  const label = new Map(norms.map((n) => [n.interval, n.label]));
  const order = norms.map((n) => n.label);
  const step = Math.max(26, DOT * (2 * maxSlot + 1) + 8);
  const y = { field: 'row', type: 'nominal' as const, title: opts.intervalTitle, sort: order, scale: { domain: order }, axis: { labelLimit: 160 } };
  return {
    width: WIDTH,
    height: { step },
    resolve: INDEPENDENT,
    layer: [
      {
        data: { values: norms.map((n) => ({ row: n.label, norm: n.norm })) },
        mark: { type: 'tick', thickness: 2.5, size: step - 4, color: C[2] },
        encoding: { y, x: { field: 'norm', type: 'quantitative', title: w.medianAxis, scale: { domain: [0, xMax], nice: false }, axis: { tickMinStep: 1, format: 'd' } } },
      },
      {
        data: { values: placed.map((p) => ({ row: label.get(p.interval) ?? p.interval, median: p.median, slot: p.slot })) },
        mark: { type: 'point', filled: true, size: 30, opacity: 0.9, color: C[0], shape: markerPath('circle') },
        encoding: {
          y: { field: 'row', type: 'nominal', sort: order },
          yOffset: { field: 'slot', type: 'quantitative', scale: { domain: [-maxSlot - 0.5, maxSlot + 0.5], reverse: true } },
          x: { field: 'median', type: 'quantitative' },
        },
      },
      legendLayer([
        { label: w.unitMedian, colour: C[0], dash: [1, 0], marker: 'circle', line: false },
        { label: w.normMark, colour: C[2], dash: [1, 0], marker: 'bar', line: false },
      ], null, WIDTH),
    ],
  };
}

/** "Punktdiagram over …: OF1 3–10 dager (standard forløpstid 8 dager; 5 av 7 enheter innenfor); …". */
export function medianAlt(w: ChartWords, f: NumberFormat, what: string, points: readonly MedianPoint[], norms: readonly (IntervalNorm & { name: string })[]): string {
  const items = norms.flatMap((n) => {
    const own = points.filter((p) => p.interval === n.interval).map((p) => p.median);
    if (!own.length) return [];
    const k = own.filter((m) => m <= n.norm).length;
    return [fill(w.medianItem, { interval: n.name, days: span(f.dec(Math.min(...own)), f.dec(Math.max(...own))), norm: f.int(n.norm), k: f.int(k), units: unitCount(w, f, own.length) })];
  });
  return `${fill(w.medianChart, { what: lowerFirst(what), items: items.join('; ') })}.`;
}
