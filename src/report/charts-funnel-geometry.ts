// The funnel plot's geometry, worked out in TypeScript so that labels can be placed where nothing else
// is drawn: the axes' domains, the pixel scales, the control-limit curves, and a collision-free rule for
// the unit labels.
import { funnelLimits } from '../metrics/binomial.js';

export interface FunnelPoint {
  readonly code: string;
  readonly value: number;
  readonly n: number;
}

/** A log x axis once the largest unit is 20 times the smallest: otherwise the small units crowd at the left edge. */
export const LOG_RATIO = 20;

export interface Axes {
  readonly log: boolean;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly width: number;
  readonly height: number;
}

/** x from a bit below the smallest unit to beyond the largest (so the limits span every unit). */
export function xDomain(ns: readonly number[]): { log: boolean; x: [number, number] } {
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  if (hi / lo >= LOG_RATIO) return { log: true, x: [Math.max(1, lo / 1.3), hi * 1.3] };
  const pad = Math.max(1, (hi - lo) * 0.08);
  return { log: false, x: [Math.max(1, Math.floor(lo - pad)), Math.ceil(hi + pad)] };
}

/** The n at which the limit curves are computed: 120 steps over the x domain, whole patients, no repeats. */
export function curveNs(log: boolean, [a, b]: readonly [number, number]): number[] {
  const steps = 120;
  const out = new Set<number>();
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const n = log ? a * (b / a) ** t : a + (b - a) * t;
    out.add(Math.max(1, Math.round(n)));
  }
  return [...out];
}

/** The step of y gridlines that gives about five to ten ticks over the span. */
function niceStep(span: number): number {
  for (const s of [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]) if (span / s <= 10) return s;
  return 0.2;
}

/**
 * y fitted to what must be seen: every unit, the national line, the target, and the 99.8 % limits at the
 * smallest unit (so every unit's limits are on the chart); padded and rounded out to a gridline, within 0–100 %.
 */
export function yDomain(points: readonly FunnelPoint[], national: number, target: number | null): [number, number] {
  const nMin = Math.min(...points.map((p) => p.n));
  const [lo998, hi998] = funnelLimits(national, nMin, 0.998);
  const values = [...points.map((p) => p.value), national, lo998, hi998, ...(target === null ? [] : [target])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.06, 0.002);
  const step = niceStep(hi - lo + 2 * pad);
  const y0 = Math.max(0, Math.floor((lo - pad) / step) * step);
  const y1 = Math.min(1, Math.ceil((hi + pad) / step) * step);
  return [Number(y0.toFixed(4)), Number(y1.toFixed(4))];
}

export function px(a: Axes, n: number): number {
  const [x0, x1] = a.x;
  const t = a.log ? Math.log(n / x0) / Math.log(x1 / x0) : (n - x0) / (x1 - x0);
  return t * a.width;
}

export function py(a: Axes, v: number): number {
  const [y0, y1] = a.y;
  return a.height - ((v - y0) / (y1 - y0)) * a.height;
}

export function invX(a: Axes, p: number): number {
  const [x0, x1] = a.x;
  const t = p / a.width;
  return a.log ? x0 * (x1 / x0) ** t : x0 + t * (x1 - x0);
}

export function invY(a: Axes, p: number): number {
  const [y0, y1] = a.y;
  return y0 + ((a.height - p) / a.height) * (y1 - y0);
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Whether a polyline (pixel points) passes through the box: sampled every pixel along each segment. */
function crosses(line: readonly (readonly [number, number])[], b: Box): boolean {
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!;
    const [bx, by] = line[i]!;
    const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay)));
    for (let k = 0; k <= steps; k++) {
      const x = ax + ((bx - ax) * k) / steps;
      const y = ay + ((by - ay) * k) / steps;
      if (x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1) return true;
    }
  }
  return false;
}

export type Align = 'left' | 'right' | 'center';

export interface PlacedLabel {
  readonly code: string;
  /** the label's anchor in data units */
  readonly n: number;
  readonly value: number;
  readonly align: Align;
}

/** DejaVu Sans at the label size: capitals and digits are about 0.7 em wide, the line 1.2 em high. */
export const LABEL_SIZE = 7;
const CHAR_WIDTH = 0.7 * LABEL_SIZE;
const LINE_HEIGHT = 1.2 * LABEL_SIZE;
const POINT_RADIUS = 3.5;

/** Right, left, above, below, then the four diagonals: (dx, dy, alignment) from the point's centre. */
const CANDIDATES: readonly [number, number, Align][] = [
  [5, 0, 'left'], [-5, 0, 'right'], [0, -8.5, 'center'], [0, 8.5, 'center'],
  [4, -6, 'left'], [4, 6, 'left'], [-4, -6, 'right'], [-4, 6, 'right'],
];

/**
 * Labels for the points in the order given (most important first), each at the first candidate position
 * whose box stays inside the plot and touches no point, no line and no label already placed; a point with
 * no free position keeps no label (its code is in the key under the chart).
 */
export function placeLabels(a: Axes, points: readonly FunnelPoint[], lines: readonly (readonly [number, number])[][]): PlacedLabel[] {
  const dots: Box[] = points.map((p) => {
    const x = px(a, p.n);
    const y = py(a, p.value);
    return { x0: x - POINT_RADIUS, y0: y - POINT_RADIUS, x1: x + POINT_RADIUS, y1: y + POINT_RADIUS };
  });
  const taken: Box[] = [];
  const out: PlacedLabel[] = [];
  for (const p of points) {
    const x = px(a, p.n);
    const y = py(a, p.value);
    const w = p.code.length * CHAR_WIDTH;
    for (const [dx, dy, align] of CANDIDATES) {
      const ax = x + dx;
      const ay = y + dy;
      const x0 = align === 'left' ? ax : align === 'right' ? ax - w : ax - w / 2;
      const box = { x0, x1: x0 + w, y0: ay - LINE_HEIGHT / 2, y1: ay + LINE_HEIGHT / 2 };
      if (box.x0 < 0 || box.x1 > a.width || box.y0 < 0 || box.y1 > a.height) continue;
      if (dots.some((d) => overlaps(d, box)) || taken.some((t) => overlaps(t, box)) || lines.some((l) => crosses(l, box))) continue;
      taken.push(box);
      out.push({ code: p.code, n: invX(a, ax), value: invY(a, ay), align });
      break;
    }
  }
  return out;
}

/** Ticks of a log axis: 1, 2 and 5 times the powers of ten inside the domain. */
export function logTicks([a, b]: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let p = 10 ** Math.floor(Math.log10(a)); p <= b; p *= 10) for (const m of [1, 2, 5]) if (m * p >= a && m * p <= b) out.push(m * p);
  return out;
}

export interface CurvePoint {
  readonly n: number;
  readonly v: number;
}

/**
 * A curve (sorted by n) held to the y domain: the points outside are dropped, and where the curve
 * crosses an edge a point is put on the edge, so the line ends exactly there. Each stretch inside is
 * one run. (Vega's own clipping names its clip paths from a counter global to the process, so the same
 * chart would not be the same SVG from one run to the next.)
 */
export function clipCurve(points: readonly CurvePoint[], [y0, y1]: readonly [number, number]): CurvePoint[][] {
  const inside = (p: CurvePoint) => p.v >= y0 && p.v <= y1;
  const edge = (a: CurvePoint, b: CurvePoint): CurvePoint => {
    const v = (a.v < y0) !== (b.v < y0) ? y0 : y1;
    return { n: a.n + ((b.n - a.n) * (v - a.v)) / (b.v - a.v), v };
  };
  const runs: CurvePoint[][] = [];
  let run: CurvePoint[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (inside(p)) {
      if (prev && !inside(prev)) run.push(edge(prev, p));
      run.push(p);
    } else if (prev && inside(prev)) {
      run.push(edge(prev, p));
      runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);
  return runs.filter((r) => r.length > 1);
}
