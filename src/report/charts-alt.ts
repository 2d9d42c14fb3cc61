// A chart's published values → its alt text: the chart kind, what it shows and the values a sighted
// reader takes from it, in the report's language and number format. Only what the chart draws is read,
// so a withheld value never enters the text.
import { fill, type NumberFormat } from '../print/i18n.js';
import type { ChartWords } from './charts-words.js';
import type { BarPoint, SeriesPoint } from './charts.js';

/** A caption inside a sentence: "Dekningsgrad over tid" → "dekningsgrad over tid"; codes (OF1) stay as they are. */
export function lowerFirst(s: string): string {
  return /^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** "1 enhet", "14 enheter". */
export function unitCount(w: ChartWords, f: NumberFormat, n: number): string {
  return n === 1 ? w.oneUnit : fill(w.units, { n: f.int(n) });
}

/** "5–10", or "7" when both ends are the same. */
export function span(a: string, b: string): string {
  return a === b ? a : `${a}–${b}`;
}

/** "2015–2023", or "2024" for one year; consecutive runs joined by ", ". */
export function yearRuns(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const y of sorted) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
}

export interface AltTarget {
  readonly value: number;
  /** the years it applies to; absent: every year of the chart */
  readonly years?: readonly number[];
}

function targetsText(w: ChartWords, f: NumberFormat, targets: readonly AltTarget[]): string {
  if (!targets.length) return '';
  const list = targets.length === 1 ? f.target(targets[0]!.value) : targets.map((t) => fill(w.targetYears, { value: f.target(t.value), years: yearRuns(t.years ?? []) })).join(', ');
  return `; ${fill(w.targets, { list })}`;
}

/** Line chart: each series from its first to its last published year, then the target(s). */
export function trendAlt(w: ChartWords, f: NumberFormat, what: string, points: readonly SeriesPoint[], targets: readonly AltTarget[], years: readonly number[]): string {
  const series = [...new Set(points.map((p) => p.series))].map((name) => {
    const own = points.filter((p) => p.series === name).sort((a, b) => a.year - b.year);
    const first = own[0]!;
    const last = own[own.length - 1]!;
    return own.length === 1
      ? fill(w.seriesOne, { name, value: f.pct(first.value), year: first.year })
      : fill(w.seriesFromTo, { name, from: f.pct(first.value), y0: first.year, to: f.pct(last.value), y1: last.year });
  });
  return `${fill(w.lineChart, { what: lowerFirst(what), y0: years[0] ?? '', y1: years[years.length - 1] ?? '', series: series.join('; ') })}${targetsText(w, f, targets)}.`;
}

/** Bar chart: each category with its series' values, in the chart's order, then the target. */
export function barAlt(w: ChartWords, f: NumberFormat, what: string, points: readonly BarPoint[], order: readonly string[], target: number | null): string {
  const multi = new Set(points.map((p) => p.series)).size > 1;
  const items = order.flatMap((c) => {
    const own = points.filter((p) => p.category === c);
    if (!own.length) return [];
    return [`${c} ${own.map((p) => (multi ? `${lowerFirst(p.series)} ${f.pct(p.value)}` : f.pct(p.value))).join(', ')}`];
  });
  return `${fill(w.barChart, { what: lowerFirst(what), items: items.join('; ') })}${targetsText(w, f, target === null ? [] : [{ value: target }])}.`;
}

export interface AltCompareRow {
  readonly label: string;
  readonly highlight: boolean;
  readonly current: number | null;
}

/** The three-year comparison: the units' range in the report year and the region and nation beside it. */
export function threeYearAlt(w: ChartWords, f: NumberFormat, what: string, rows: readonly AltCompareRow[], target: number | null): string {
  const units = rows.filter((r) => !r.highlight && r.current !== null) as (AltCompareRow & { current: number })[];
  const totals = rows.filter((r) => r.highlight && r.current !== null).map((r) => `${r.label} ${f.pct(r.current!)}`);
  const sorted = [...units].sort((a, b) => a.current - b.current);
  const head = sorted.length
    ? fill(w.threeYear, { what: lowerFirst(what), units: unitCount(w, f, sorted.length), min: f.pct(sorted[0]!.current), minName: sorted[0]!.label, max: f.pct(sorted[sorted.length - 1]!.current), maxName: sorted[sorted.length - 1]!.label })
    : fill(w.barChart, { what: lowerFirst(what), items: '' }).replace(/:\s*$/, '');
  return `${[head, ...totals].join('; ')}${targetsText(w, f, target === null ? [] : [{ value: target }])}.`;
}
