// Summary: every indicator of the scope against its target and goal levels, the key findings, and in a
// regional report every indicator of the region beside the nation and the other regions.
import { fill } from '../../print/i18n.js';
import { regionHeading, type Cell, type TableModel } from '../../print/table.js';
import { keyFindings } from '../findings.js';
import type { MetricRow, View } from '../view.js';

interface Indicator {
  readonly label: string;
  readonly get: (level: string, group: string) => MetricRow | undefined;
}

/** The indicators of the summary, each with its year. */
function indicators(v: View): Indicator[] {
  const { s, Y, ctx } = v;
  const items: Indicator[] = [];
  for (const ft of ctx.config.coverage.formTypes) for (const y of [Y, Y - 1]) items.push({ label: `${s.coverage}, ${v.formLabel(ft)} ${y}`, get: (l, g) => v.cov(ft, y, l, g) });
  items.push({ label: `${s.centralisation} ${Y}`, get: (l, g) => v.cen('ALL', Y, l, g) });
  for (const iv of ctx.config.pathway?.intervals ?? []) items.push({ label: `${s.pathway}: ${v.intervalWithNorm(iv)} ${Y}`, get: (l, g) => v.pt(iv.id, Y, l, g) });
  return items;
}

/** Regional report: each indicator for the region, the nation and every other region. */
function regionComparison(v: View, items: readonly Indicator[]): TableModel | null {
  const { s, regionCode, regionName } = v;
  if (!regionCode || v.level !== 'region') return null;
  const others = v.regionsOrdered.filter((rc) => rc !== regionCode);
  return {
    caption: s.regionVsNational,
    head: [s.indicator, regionHeading(regionName ?? regionCode), s.national, ...others.map((rc) => regionHeading(v.regionLabel(rc)))],
    rows: items.filter((it) => it.get('region', regionCode) || it.get('national', 'ALL')).map((it) => {
      const own = it.get('region', regionCode);
      const mark = v.goalMark(own);
      return [
        { text: it.label },
        { ...v.rate(own), ...(mark.symbol ? { symbol: mark.symbol } : {}), cls: `num total ${mark.cls ?? ''}` },
        v.rate(it.get('national', 'ALL')),
        ...others.map((rc) => v.rate(it.get('region', rc))),
      ];
    }),
    note: s.goalLegend,
  };
}

export function summary(v: View): { table: TableModel; findings: string[]; comparison: TableModel | null } {
  const { s, f, level, group } = v;
  const items = indicators(v);
  const rows: Cell[][] = [];
  for (const it of items) {
    const r = it.get(level, group);
    if (r) rows.push([{ text: it.label }, v.rate(r), v.ci(r), v.targetLevels(r), v.goal(r)]);
  }
  return {
    table: { caption: '', head: [s.indicator, s.result, fill(s.ci, { p95: f.target(0.95) }), v.hasModerate ? s.targetLevels : s.target, s.goalLevel], rows, note: s.goalLegend },
    findings: keyFindings(v),
    comparison: regionComparison(v, items),
  };
}
