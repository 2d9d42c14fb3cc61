// Summary: every indicator of the scope against its target, and key findings from the same rows.
import { isShown, pooledRegion } from '../../metrics/published.js';
import { fill, labelOf } from '../../print/i18n.js';
import type { Cell, TableModel } from '../../print/table.js';
import type { MetricRow, View } from '../view.js';

export function summary(v: View): { table: TableModel; findings: string[] } {
  const { s, f, Y, level, group, regionCode, ctx } = v;
  const { config } = ctx;
  const formTypes = config.coverage.formTypes;
  const rows: Cell[][] = [];
  const items: { label: string; r: MetricRow | undefined }[] = [];
  for (const ft of formTypes) for (const y of [Y, Y - 1]) items.push({ label: `${s.coverage}, ${v.formLabel(ft)} ${y}`, r: v.cov(ft, y, level, group) });
  items.push({ label: `${s.centralisation} ${Y}`, r: v.cen('ALL', Y, level, group) });
  for (const iv of config.pathway?.intervals ?? []) items.push({ label: `${s.pathway}: ${iv.id} (≤ ${iv.normDays} ${s.days}) ${Y}`, r: v.pt(iv.id, Y, level, group) });
  for (const it of items) if (it.r) rows.push([{ text: it.label }, v.rate(it.r), v.ci(it.r), v.targetLevels(it.r), v.goal(it.r)]);

  // Three sentences of key findings, from the same rows.
  const findings: string[] = [];
  const ft0 = formTypes[0]!;
  const headline = v.cov(ft0, Y, level, group);
  if (isShown(headline) && headline.target !== null) {
    findings.push(v.cap(fill(s.findingCoverage, { form: v.formLabel(ft0), year: Y, value: f.pct(headline.value), count: f.int(headline.denominator), target: f.target(headline.target) })));
  }
  const unitRows = v.rows.filter((r) => r.metric === 'coverage' && r.form_type === ft0 && r.year === Y - 1 && r.level === 'unit' && pooledRegion(r.group) === null && isShown(r) && (!regionCode || ctx.units.get(r.group)?.region === regionCode));
  if (unitRows.length) findings.push(fill(s.findingUnits, { met: unitRows.filter((r) => r.met).length, total: unitRows.length, form: v.formLabel(ft0), year: Y - 1 }));
  const c = v.cen('ALL', Y, level, group);
  if (isShown(c)) {
    findings.push(v.cap(fill(c.target === null ? s.findingCentralNoTarget : s.findingCentral, { value: f.pct(c.value), year: Y, target: c.target === null ? '' : f.target(c.target) })));
  } else {
    const iv = config.pathway?.intervals[config.pathway.intervals.length - 1];
    const p = iv ? v.pt(iv.id, Y, level, group) : undefined;
    if (iv && isShown(p)) {
      findings.push(fill(s.findingPathway, { interval: iv.id, from: labelOf(s.roles, iv.from), to: labelOf(s.roles, iv.to), norm: iv.normDays, value: f.pct(p.value), year: Y, median: f.dec(p.median_days ?? 0) }));
    }
  }
  return { table: { caption: '', head: [s.indicator, s.result, s.ci, v.hasModerate ? s.targetLevels : s.target, s.goalLevel], rows, note: s.goalLegend }, findings };
}
