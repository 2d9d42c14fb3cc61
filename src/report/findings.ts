// Key findings, computed from the published metric table of the report's scope: each indicator's latest
// value and its change since the year before, the indicators whose goal level moved, and the units
// furthest below the coverage target. Changes are differences of the values as printed (one decimal), so
// a reader who subtracts the printed figures gets the printed change.
import { isShown, pooledRegion, type ShownRow } from '../metrics/published.js';
import { fill, printedPercent } from '../print/i18n.js';
import type { MetricRow, View } from './view.js';

/** "opp 2,3 prosentpoeng" / "ned …" / "uendret", from the printed values. */
export function change(v: View, now: number, before: number): string {
  const pp = Math.round((printedPercent(now) - printedPercent(before)) * 10) / 10;
  if (pp === 0) return v.s.changeSame;
  return fill(pp > 0 ? v.s.changeUp : v.s.changeDown, { pp: v.f.points(pp) });
}

/** Up to `cap` items joined, and "and N more" for the rest. */
function capped(v: View, items: readonly string[], cap: number): string {
  const shown = items.slice(0, cap).join('; ');
  return items.length > cap ? `${shown}; ${fill(v.s.andMore, { n: items.length - cap })}` : shown;
}

function coverageFindings(v: View): string[] {
  const { s, f, Y, level, group } = v;
  const out: string[] = [];
  const ft0 = v.ctx.config.coverage.formTypes[0]!;
  const form = v.formLabel(ft0);
  // The last complete diagnosis year (Y-1) against the year before; the report year, still being
  // registered, against its own target only.
  const last = v.cov(ft0, Y - 1, level, group);
  const before = v.cov(ft0, Y - 2, level, group);
  if (isShown(last) && last.target !== null) {
    const values = { form, Form: v.cap(form), year: Y - 1, value: f.pct(last.value), n: f.int(last.numerator), d: f.int(last.denominator), target: f.target(last.target) };
    out.push(v.cap(isShown(before) ? fill(s.findingCoverage, { ...values, change: change(v, last.value, before.value), prevYear: Y - 2, prev: f.pct(before.value) }) : fill(s.findingCoverageFirst, values)));
  }
  const current = v.cov(ft0, Y, level, group);
  if (isShown(current) && current.target !== null) {
    out.push(fill(s.findingCoverageCurrent, { form, year: Y, value: f.pct(current.value), n: f.int(current.numerator), d: f.int(current.denominator), target: f.target(current.target) }));
  }
  return out;
}

function centralisationFinding(v: View): string[] {
  const { s, f, Y, level, group } = v;
  const c = v.cen('ALL', Y, level, group);
  if (!isShown(c)) return [];
  const p = v.cen('ALL', Y - 1, level, group);
  const values = { value: f.pct(c.value), year: Y, n: f.int(c.numerator), d: f.int(c.denominator) };
  return [v.cap(isShown(p) ? fill(s.findingCentral, { ...values, change: change(v, c.value, p.value), prevYear: Y - 1, prev: f.pct(p.value) }) : fill(s.findingCentralFirst, values))];
}

function pathwayFinding(v: View): string[] {
  const { s, f, Y, level, group } = v;
  const items = (v.ctx.config.pathway?.intervals ?? []).flatMap((iv) => {
    const r = v.pt(iv.id, Y, level, group);
    if (!isShown(r)) return [];
    const p = v.pt(iv.id, Y - 1, level, group);
    return [fill(s.findingPathwayItem, { interval: v.intervalName(iv), value: f.pct(r.value), change: isShown(p) ? `${change(v, r.value, p.value)}, ${Y - 1}: ${f.pct(p.value)}` : '–' })];
  });
  return items.length ? [fill(s.findingPathway, { year: Y, list: items.join('; ') })] : [];
}

/** The scope's indicators, each with the two years whose goal levels are compared. */
function indicators(v: View): { label: string; year: number; now: MetricRow | undefined; before: MetricRow | undefined }[] {
  const { s, Y, level, group } = v;
  const { config } = v.ctx;
  return [
    // Coverage: the last two complete years, which share a target.
    ...config.coverage.formTypes.map((ft) => ({ label: `${s.coverage}, ${v.formLabel(ft)}`, year: Y - 1, now: v.cov(ft, Y - 1, level, group), before: v.cov(ft, Y - 2, level, group) })),
    { label: s.centralisation, year: Y, now: v.cen('ALL', Y, level, group), before: v.cen('ALL', Y - 1, level, group) },
    ...(config.pathway?.intervals ?? []).map((iv) => ({ label: v.intervalName(iv), year: Y, now: v.pt(iv.id, Y, level, group), before: v.pt(iv.id, Y - 1, level, group) })),
  ];
}

function goalMoves(v: View): string[] {
  const { s } = v;
  const moves = indicators(v).flatMap(({ label, year, now, before }) => {
    if (!isShown(now) || !isShown(before) || now.achievement === null || before.achievement === null || now.achievement === before.achievement) return [];
    return [fill(s.findingGoalMove, { indicator: label, from: s.achievement[before.achievement].toLowerCase(), to: s.achievement[now.achievement].toLowerCase(), y0: year - 1, y1: year })];
  });
  const comparable = indicators(v).some(({ now, before }) => isShown(now) && isShown(before) && now.achievement !== null && before.achievement !== null);
  if (!comparable) return [];
  return [moves.length ? fill(s.findingGoalMoves, { list: moves.join('; ') }) : s.findingNoGoalMoves];
}

/** Units of the scope whose coverage (first form type, last complete year) is below target, furthest first. */
export function unitsBelowTarget(v: View, formType: string, year: number): { below: ShownRow[]; total: number } {
  const rows = v.rows.filter((r) => r.metric === 'coverage' && r.form_type === formType && r.year === year && r.level === 'unit' && pooledRegion(r.group) === null && (!v.regionCode || v.ctx.units.get(r.group)?.region === v.regionCode)).filter(isShown);
  const below = rows.filter((r) => r.target !== null && r.value < r.target).sort((a, b) => a.value - b.value || a.group.localeCompare(b.group));
  return { below, total: rows.length };
}

function unitFinding(v: View): string[] {
  const { s, f, Y } = v;
  if (v.level === 'unit') return [];
  const ft0 = v.ctx.config.coverage.formTypes[0]!;
  const { below, total } = unitsBelowTarget(v, ft0, Y - 1);
  if (total === 0) return [];
  const form = v.formLabel(ft0);
  if (below.length === 0) return [fill(s.findingUnitsAllMet, { total, form, year: Y - 1 })];
  const items = below.map((r) => fill(s.findingUnitItem, { unit: v.ctx.units.get(r.group)?.name ?? r.group, value: f.pct(r.value), n: f.int(r.numerator), d: f.int(r.denominator) }));
  return [fill(s.findingUnitsBelow, { met: total - below.length, total, form, year: Y - 1, list: capped(v, items, 3) })];
}

export function keyFindings(v: View): string[] {
  return [...coverageFindings(v), ...centralisationFinding(v), ...pathwayFinding(v), ...goalMoves(v), ...unitFinding(v)];
}

