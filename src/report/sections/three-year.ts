// Figures shared by the indicator sections: the three-year unit comparison, and in the national report
// the regions' trends with the national line.
import { isShown } from '../../metrics/published.js';
import { fill } from '../../print/i18n.js';
import { threeYearSpec } from '../charts-compare.js';
import { threeYearAlt, trendAlt } from '../charts-alt.js';
import { CHART_WORDS } from '../charts-words.js';
import { renderSvg, trendSpec, type SeriesPoint } from '../charts.js';
import { threeYearRows, type CompareYear, type Indicator } from '../compare.js';
import type { Block } from '../model.js';
import type { MetricRow, View } from '../view.js';

function printed(v: View, y: CompareYear): string {
  if (y.mark === 'suppressed') return fill(v.s.suppressedMark, { n: v.ctx.config.publication.minCell });
  if (y.mark === 'complementary') return v.s.complementaryMark;
  if (y.value === null || y.numerator === null || y.denominator === null) return '–';
  return `${v.f.pct(y.value)} (${v.f.int(y.numerator)} / ${v.f.int(y.denominator)})`;
}

/** The three-year comparison of the scope's units for one indicator, or nothing when no unit has a row. */
export async function threeYearFigure(v: View, ind: Indicator, label: string): Promise<Block[]> {
  const { s, Y } = v;
  const rows = threeYearRows(v, ind);
  if (!rows.some((r) => r.kind === 'unit')) return [];
  const bars = rows.map((r) => ({
    label: r.name,
    highlight: r.kind !== 'unit',
    current: r.years[0].value,
    previous: r.years[1].value,
    before: r.years[2].value,
    text: printed(v, r.years[0]),
  }));
  const caption = fill(s.threeYearTitle, { indicator: label, year: Y });
  const metric: MetricRow['metric'] = ind.metric;
  const band = v.bands(metric, [Y])[0] ?? null;
  const spec = threeYearSpec(bars, { years: [Y, Y - 1, Y - 2], band, bandWords: v.bandWords });
  const note = fill(s.threeYearNote, { y0: Y, y1: Y - 1, y2: Y - 2 });
  const alt = threeYearAlt(CHART_WORDS[v.lang], v.f, `${label} ${Y}`, bars, band?.target ?? null);
  return [{ figure: { caption, note, alt, svg: await renderSvg(spec, v.f, caption, alt) } }];
}

/** National report: each region's trend for one indicator, with the national line dashed. */
export async function regionTrendFigure(v: View, metric: MetricRow['metric'], pick: (r: MetricRow) => boolean, label: string): Promise<Block[]> {
  const { s, years } = v;
  if (v.regionCode) return [];
  const points: SeriesPoint[] = [];
  for (const rc of v.regionsOrdered) for (const r of v.rows.filter((x) => x.metric === metric && pick(x) && x.level === 'region' && x.group === rc).filter(isShown)) points.push({ series: v.regionLabel(rc), year: r.year, value: r.value });
  for (const r of v.rows.filter((x) => x.metric === metric && pick(x) && x.level === 'national').filter(isShown)) points.push({ series: s.national, year: r.year, value: r.value, dashed: true });
  if (!points.some((p) => !p.dashed)) return [];
  const caption = fill(s.regionTrendTitle, { indicator: label });
  const spec = trendSpec(points, [], { seriesTitle: s.region, yearTitle: s.year, years, height: 150, bands: v.bands(metric, years), bandWords: v.bandWords });
  const alt = trendAlt(CHART_WORDS[v.lang], v.f, caption, points, [], years);
  return [{ figure: { caption, alt, svg: await renderSvg(spec, v.f, caption, alt) } }];
}
