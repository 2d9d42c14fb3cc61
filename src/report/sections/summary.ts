// Summary: every indicator of the scope against its target and goal levels, and the key findings.
import { keyFindings } from '../findings.js';
import type { Cell, TableModel } from '../../print/table.js';
import type { MetricRow, View } from '../view.js';

export function summary(v: View): { table: TableModel; findings: string[] } {
  const { s, Y, level, group, ctx } = v;
  const { config } = ctx;
  const formTypes = config.coverage.formTypes;
  const rows: Cell[][] = [];
  const items: { label: string; r: MetricRow | undefined }[] = [];
  for (const ft of formTypes) for (const y of [Y, Y - 1]) items.push({ label: `${s.coverage}, ${v.formLabel(ft)} ${y}`, r: v.cov(ft, y, level, group) });
  items.push({ label: `${s.centralisation} ${Y}`, r: v.cen('ALL', Y, level, group) });
  for (const iv of config.pathway?.intervals ?? []) items.push({ label: `${s.pathway}: ${iv.id} (≤ ${iv.normDays} ${s.days}) ${Y}`, r: v.pt(iv.id, Y, level, group) });
  for (const it of items) if (it.r) rows.push([{ text: it.label }, v.rate(it.r), v.ci(it.r), v.targetLevels(it.r), v.goal(it.r)]);

  const findings = keyFindings(v);
  return { table: { caption: '', head: [s.indicator, s.result, s.ci, v.hasModerate ? s.targetLevels : s.target, s.goalLevel], rows, note: s.goalLegend }, findings };
}
