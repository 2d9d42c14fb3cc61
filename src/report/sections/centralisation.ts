// Centralisation: share of treated patients whose first treatment was at a designated centre, by
// residence region (where a region's patients are treated is what the region reviews).
import { isShown } from '../../metrics/published.js';
import { barAlt, trendAlt } from '../charts-alt.js';
import { CHART_WORDS } from '../charts-words.js';
import { barSpec, renderSvg, trendSpec, type SeriesPoint } from '../charts.js';
import { nameCell } from '../../print/table.js';
import type { Block, Section } from '../model.js';
import type { View } from '../view.js';
import { regionTrendFigure } from './three-year.js';

export async function centralisationSection(v: View): Promise<Section | null> {
  const { s, f, ctx, Y, years, level, group, regionCode, regionName, regionsOrdered } = v;
  if (!v.rows.some((r) => r.metric === 'centralisation')) return null;
  const blocks: Block[] = [];
  const groups = ['ALL', ...ctx.config.cohort.siteGroups.map((g) => g.id)];
  const points: SeriesPoint[] = groups.flatMap((g) => v.rows.filter((r) => r.metric === 'centralisation' && r.site_group === g && v.isScopeRow(r)).filter(isShown).map((r) => ({ series: v.groupLabel(g), year: r.year, value: r.value })));
  // A regional report compares the region with the nation, all site groups together, as coverage does.
  const nationalToo = level !== 'national';
  if (nationalToo && points.length) {
    for (const r of v.rows.filter((x) => x.metric === 'centralisation' && x.site_group === 'ALL' && x.level === 'national').filter(isShown)) {
      points.push({ series: `${v.groupLabel('ALL')} (${s.national.toLowerCase()})`, year: r.year, value: r.value, dashed: true });
    }
  }
  const title = regionCode ? `${s.centralisation}: ${regionName}` : s.centralisationTrend;
  const tgt = ctx.config.centralisation.target;
  const w = CHART_WORDS[v.lang];
  if (points.length) {
    const targets = tgt === null ? [] : [{ label: f.target(tgt), value: tgt }];
    const alt = trendAlt(w, f, title, points, targets, years);
    blocks.push({ figure: { caption: title, alt, svg: await renderSvg(trendSpec(points, targets, { seriesTitle: s.siteGroup, yearTitle: s.year, years, bands: v.bands('centralisation', years), bandWords: v.bandWords }), f, title, alt) } });
  }
  const regs = regionCode ? [regionCode] : regionsOrdered;
  blocks.push({
    table: {
      caption: `${s.centralisationByRegion}, ${Y}`,
      head: [s.region, ...groups.flatMap((g) => [v.groupLabel(g), s.patients])],
      // The regions, then the nation as the reference row and the target, as in the coverage tables.
      rows: [
        ...regs.map((rc) => [nameCell(v.regionLabel(rc)), ...groups.flatMap((g) => [v.rate(v.cen(g, Y, 'region', rc)), v.counts(v.cen(g, Y, 'region', rc))])]),
        [nameCell(s.national, 'total'), ...groups.flatMap((g) => [v.rate(v.cen(g, Y, 'national', 'ALL')), v.counts(v.cen(g, Y, 'national', 'ALL'))])],
        ...(tgt === null ? [] : [[nameCell(s.target), ...groups.flatMap((g) => [v.target(v.cen(g, Y, 'national', 'ALL')), { text: '' }])]]),
      ],
    },
  });
  if (!regionCode) {
    const bars = regionsOrdered.flatMap((rc) => {
      const r = v.cen('ALL', Y, 'region', rc);
      return isShown(r) ? [{ category: v.regionLabel(rc), series: s.all, value: r.value }] : [];
    });
    const t2 = `${s.centralisationByRegion}, ${Y}`;
    const order = regionsOrdered.map(v.regionLabel);
    if (bars.length) {
      const alt = barAlt(w, f, t2, bars, order, tgt);
      blocks.push({ figure: { caption: t2, alt, svg: await renderSvg(barSpec(bars, tgt, { categoryTitle: s.region, seriesTitle: s.siteGroup, order, band: v.bands('centralisation', [Y])[0] ?? null, bandWords: v.bandWords }), f, t2, alt) } });
    }
  }
  blocks.push(...(await regionTrendFigure(v, 'centralisation', (r) => r.site_group === 'ALL', `${s.centralisation}, ${s.all.toLowerCase()}`)));
  blocks.push({
    table: {
      caption: `${title}, ${years[0]}–${Y}`,
      // Each share with its treated patients (within / all), the nation's share of all site groups in a
      // regional report, and the target, so that every year reads on its own.
      head: [
        s.year,
        ...groups.flatMap((g) => [v.groupLabel(g), s.patients]),
        ...(nationalToo ? [`${v.groupLabel('ALL')}, ${s.national.toLowerCase()}`] : []),
        ...(tgt === null ? [] : [s.target]),
      ],
      rows: years.map((y) => [
        { text: String(y) },
        ...groups.flatMap((g) => [v.rate(v.cen(g, y, level, group)), v.counts(v.cen(g, y, level, group))]),
        ...(nationalToo ? [v.rate(v.cen('ALL', y, 'national', 'ALL'))] : []),
        ...(tgt === null ? [] : [v.target(v.cen('ALL', y, level, group))]),
      ]),
    },
  });
  return { id: 'centralisation', title: s.centralisation, intro: s.centralisationIntro, blocks };
}
