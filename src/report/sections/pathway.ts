// Pathway times: share of pathways within the norm, and median days, by region and unit.
import { fill } from '../../print/i18n.js';
import { isShown } from '../../metrics/published.js';
import { trendAlt } from '../charts-alt.js';
import { medianAlt, medianSpec } from '../charts-median.js';
import { CHART_WORDS } from '../charts-words.js';
import { renderSvg, trendSpec, type SeriesPoint } from '../charts.js';
import type { Block, Section } from '../model.js';
import type { View } from '../view.js';
import { pathwayRegionTable, pathwayUnitTables } from './pathway-tables.js';
import { regionTrendFigure, threeYearFigure } from './three-year.js';

export async function pathwaySection(v: View): Promise<Section | null> {
  const { s, f, ctx, Y, years, regionCode, regionName } = v;
  const intervals = ctx.config.pathway?.intervals ?? [];
  if (!intervals.length || !v.rows.some((r) => r.metric === 'pathway_time')) return null;
  const blocks: Block[] = [];
  const points: SeriesPoint[] = intervals.flatMap((iv) => v.rows.filter((r) => r.metric === 'pathway_time' && r.interval === iv.id && v.isScopeRow(r)).filter(isShown).map((r) => ({ series: v.intervalName(iv), year: r.year, value: r.value })));
  const ct = ctx.config.pathway!.complianceTarget;
  const title = regionCode ? `${s.pathway}: ${regionName}` : s.pathwayTrend;
  const w = CHART_WORDS[v.lang];
  if (points.length) {
    const targets = [{ label: f.target(ct), value: ct }];
    const alt = trendAlt(w, f, title, points, targets, years);
    blocks.push({ figure: { caption: title, alt, svg: await renderSvg(trendSpec(points, targets, { seriesTitle: s.interval, yearTitle: s.year, years, bands: v.bands('pathway_time', years), bandWords: v.bandWords }), f, title, alt) } });
  }
  blocks.push(pathwayRegionTable(v), ...pathwayUnitTables(v));
  const unitsWith = v.unitsInScope.filter((u) => intervals.some((iv) => v.pt(iv.id, Y, 'unit', u.code)));
  for (const iv of intervals) {
    const label = v.intervalWithNorm(iv);
    blocks.push(...(await regionTrendFigure(v, 'pathway_time', (r) => r.interval === iv.id, label)));
    blocks.push(...(await threeYearFigure(v, { metric: 'pathway_time', interval: iv.id }, label)));
  }
  const med = intervals.flatMap((iv) => unitsWith.flatMap((u) => {
    const r = v.pt(iv.id, Y, 'unit', u.code);
    return isShown(r) && r.median_days !== null ? [{ interval: iv.id, unit: u.name, median: r.median_days }] : [];
  }));
  const t3 = `${s.medianByUnit}, ${Y}`;
  if (med.length) {
    const norms = intervals.map((iv) => ({ interval: iv.id, label: fill(w.intervalNorm, { id: iv.id, days: f.int(iv.normDays) }), norm: iv.normDays, name: v.intervalName(iv) }));
    const alt = medianAlt(w, f, t3, med, norms);
    const spec = medianSpec(med, norms, { words: w, intervalTitle: s.interval });
    blocks.push({ figure: { caption: t3, alt, note: fill(s.medianNote, { n: ctx.config.publication.minCell }), svg: await renderSvg(spec, f, t3, alt) } });
  }
  return { id: 'pathway', title: s.pathway, intro: s.pathwayIntro, blocks };
}
