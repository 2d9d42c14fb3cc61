// Coverage: the trend, the regions, the units per year, funnel plots, and the units below target.
import { isShown, pooledRegion } from '../../metrics/published.js';
import { cancerRegistry, fill } from '../../print/i18n.js';
import { nameCell, type Cell } from '../../print/table.js';
import { barAlt, trendAlt } from '../charts-alt.js';
import { funnelAlt, funnelSpec, type FunnelUnit } from '../charts-funnel.js';
import { CHART_WORDS } from '../charts-words.js';
import { barSpec, renderSvg, trendSpec, type SeriesPoint } from '../charts.js';
import type { Block, Section } from '../model.js';
import { GOAL_MARK, type View } from '../view.js';
import { regionTrendFigure, threeYearFigure } from './three-year.js';

async function trendBlocks(v: View): Promise<Block[]> {
  const { s, f, ctx, level, group, regionCode, regionName, years } = v;
  const { config } = ctx;
  const formTypes = config.coverage.formTypes;
  const blocks: Block[] = [];
  const points: SeriesPoint[] = [];
  for (const ft of formTypes) {
    for (const r of v.rows.filter((x) => x.metric === 'coverage' && x.form_type === ft && v.isScopeRow(x)).filter(isShown)) points.push({ series: v.cap(v.formLabel(ft)), year: r.year, value: r.value });
    if (regionCode) for (const r of v.rows.filter((x) => x.metric === 'coverage' && x.form_type === ft && x.level === 'national').filter(isShown)) points.push({ series: `${v.cap(v.formLabel(ft))} (${s.national.toLowerCase()})`, year: r.year, value: r.value, dashed: true });
  }
  // The target is a step: target_previous_year for the years before the report year, target_current_year
  // for the report year, whose diagnoses are still being registered at the cut-off.
  const earlier = years.filter((y) => y < v.Y);
  const targets = [
    ...(earlier.length ? [{ label: f.target(config.coverage.targetPreviousYear), value: config.coverage.targetPreviousYear, years: earlier }] : []),
    { label: f.target(config.coverage.targetCurrentYear), value: config.coverage.targetCurrentYear, years: [v.Y] },
  ];
  const lagNote = fill(s.coverageLagNote, { year: v.Y, cutoff: f.date(ctx.table.as_of), current: f.target(config.coverage.targetCurrentYear), previous: f.target(config.coverage.targetPreviousYear) });
  const trendTitle = regionCode ? `${s.coverage}: ${regionName}` : s.coverageTrend;
  if (points.length) {
    const alt = trendAlt(CHART_WORDS[v.lang], f, trendTitle, points, targets, years);
    blocks.push({ figure: { caption: trendTitle, note: lagNote, alt, svg: await renderSvg(trendSpec(points, targets, { seriesTitle: s.formType, yearTitle: s.year, years, bands: v.bands('coverage', years), bandWords: v.bandWords }), f, trendTitle, alt) } });
  }
  const ft0 = formTypes[0]!;
  // A regional report sets each year's rate beside the nation's, as its chart does.
  const nationalToo = level !== 'national';
  const trendTable: Cell[][] = years.map((y) => [
    { text: String(y) },
    ...formTypes.flatMap((ft) => [v.rate(v.cov(ft, y, level, group)), v.counts(v.cov(ft, y, level, group)), ...(nationalToo ? [v.rate(v.cov(ft, y, 'national', 'ALL'))] : [])]),
    v.target(v.cov(ft0, y, level, group)),
  ]);
  const head = [s.year, ...formTypes.flatMap((ft) => [v.cap(v.formLabel(ft)), s.patients, ...(nationalToo ? [`${v.cap(v.formLabel(ft))}, ${s.national.toLowerCase()}`] : [])]), s.target];
  blocks.push({ table: { caption: trendTitle, head, rows: trendTable } });
  if (!regionCode) blocks.push(...(await regionBlocks(v)));
  return blocks;
}

async function regionBlocks(v: View): Promise<Block[]> {
  const { s, f, ctx, Y, regionsOrdered } = v;
  const formTypes = ctx.config.coverage.formTypes;
  const blocks: Block[] = [];
  const bars = regionsOrdered.flatMap((rc) => formTypes.flatMap((ft) => {
    const r = v.cov(ft, Y, 'region', rc);
    return isShown(r) ? [{ category: v.regionLabel(rc), series: v.cap(v.formLabel(ft)), value: r.value }] : [];
  }));
  const title = `${s.coverageByRegion}, ${Y}`;
  const order = regionsOrdered.map(v.regionLabel);
  const target = ctx.config.coverage.targetCurrentYear;
  if (bars.length) {
    const alt = barAlt(CHART_WORDS[v.lang], f, title, bars, order, target);
    blocks.push({ figure: { caption: title, alt, svg: await renderSvg(barSpec(bars, target, { categoryTitle: s.region, seriesTitle: s.formType, order, band: v.bands('coverage', [Y])[0] ?? null, bandWords: v.bandWords }), f, title, alt) } });
  }
  const years = [Y - 1, Y];
  const cells = (level: string, group: string) => years.flatMap((y) => formTypes.flatMap((ft) => [v.rate(v.cov(ft, y, level, group)), v.counts(v.cov(ft, y, level, group))]));
  blocks.push({
    table: {
      caption: `${s.coverageByRegion}, ${Y - 1}–${Y}`,
      head: [s.region, ...years.flatMap((y) => formTypes.flatMap((ft) => [`${v.cap(v.formLabel(ft))} ${y}`, s.patients]))],
      rows: [
        ...regionsOrdered.map((rc) => [nameCell(v.regionLabel(rc)), ...cells('region', rc)]),
        // The nation as the reference row, and each year's target.
        [nameCell(s.national, 'total'), ...cells('national', 'ALL')],
        [nameCell(s.target), ...years.flatMap((y) => formTypes.flatMap((ft) => [v.target(v.cov(ft, y, 'national', 'ALL')), { text: '' }]))],
      ],
    },
  });
  return blocks;
}

function unitTables(v: View): Block[] {
  const { s, ctx, Y, regionCode, regionName } = v;
  const formTypes = ctx.config.coverage.formTypes;
  return [Y, Y - 1].map((y) => {
    const unitRowsY = v.unitsInScope.filter((u) => formTypes.some((ft) => v.cov(ft, y, 'unit', u.code)));
    // Region column in the national report only; under the units, the region (regional report), the nation and the year's target.
    const line = (name: Cell, region: string | null, level: string, group: string): Cell[] => [
      name,
      ...(regionCode ? [] : [nameCell(region ?? '')]),
      ...formTypes.flatMap((ft) => {
        const r = v.cov(ft, y, level, group);
        return [v.rate(r), v.counts(r), v.goalMark(r)];
      }),
    ];
    const nat = (ft: string) => v.cov(ft, y, 'national', 'ALL');
    return {
      table: {
        caption: `${regionCode ? s.unitsOfRegion : s.coverageByUnit}, ${y}`,
        head: [s.unit, ...(regionCode ? [] : [s.region]), ...formTypes.flatMap((ft) => [v.cap(v.formLabel(ft)), s.patients, s.goalLevel])],
        rows: [
          ...unitRowsY.map((u) => line(nameCell(u.name), v.regionLabel(u.region), 'unit', u.code)),
          ...(regionCode ? [line(nameCell(regionName ?? regionCode, 'total'), null, 'region', regionCode)] : []),
          line(nameCell(s.national, 'total'), '', 'national', 'ALL'),
          [nameCell(s.target), ...(regionCode ? [] : [{ text: '' }]), ...formTypes.flatMap((ft) => [v.target(nat(ft)), { text: '' }, { text: '' }])],
        ],
        note: s.goalLegend,
      },
    };
  });
}

/** The funnel plots of the report year and the year before, then one key of the unit codes they print. */
async function funnelBlocks(v: View): Promise<Block[]> {
  const { s, f, ctx, Y, regionCode } = v;
  const w = CHART_WORDS[v.lang];
  const ft0 = ctx.config.coverage.formTypes[0]!;
  const blocks: Block[] = [];
  const keyed = new Set<string>();
  for (const y of [Y, Y - 1]) {
    const nat = v.cov(ft0, y, 'national', 'ALL');
    const unitsY = v.rows.filter((r) => r.metric === 'coverage' && r.form_type === ft0 && r.year === y && r.level === 'unit' && pooledRegion(r.group) === null).filter(isShown);
    if (!isShown(nat) || unitsY.length === 0) continue;
    const caption = `${s.funnel}: ${v.formLabel(ft0)} ${y}`;
    const pts: FunnelUnit[] = unitsY.map((r) => ({ code: r.group, name: ctx.units.get(r.group)?.name ?? r.group, value: r.value, n: r.denominator, highlight: !regionCode || ctx.units.get(r.group)?.region === regionCode }));
    for (const p of pts) if (p.highlight) keyed.add(p.code);
    const alt = funnelAlt(w, f, `${s.coverage}, ${v.formLabel(ft0)} ${y}`, pts, nat.value, nat.target);
    const spec = funnelSpec(pts, nat.value, { xTitle: s.patients, target: nat.target, words: w, f });
    blocks.push({ figure: { caption, alt, note: fill(s.funnelNote, { p95: f.target(0.95), p998: f.pct(0.998) }), svg: await renderSvg(spec, f, caption, alt) } });
  }
  // The codes explained: the plots label units by code where a label fits.
  const key = v.unitsInScope.filter((u) => keyed.has(u.code)).sort((a, b) => a.code.localeCompare(b.code));
  if (key.length) blocks.push({ table: { caption: w.keyCaption, head: [w.code, s.unit, ...(regionCode ? [] : [s.region])], rows: key.map((u) => [{ text: u.code }, { text: u.name }, ...(regionCode ? [] : [{ text: v.regionLabel(u.region) }])]) } });
  return blocks;
}

/** How many exceptions the list shows before "and N more". */
export const EXCEPTIONS_SHOWN = 10;

/**
 * Units below target as a compact list of exceptions, furthest below first (target minus value), over the
 * report year and the year before and every form type, capped at EXCEPTIONS_SHOWN with "and N more".
 */
export function exceptions(v: View): string[] {
  const { s, f, ctx, Y } = v;
  const found: { gap: number; text: string }[] = [];
  for (const y of [Y, Y - 1]) {
    for (const ft of ctx.config.coverage.formTypes) {
      for (const u of v.unitsInScope) {
        const r = v.cov(ft, y, 'unit', u.code);
        if (!isShown(r) || r.target === null || r.value >= r.target) continue;
        const text = fill(s.exceptionItem, { unit: u.name, form: v.formLabel(ft), year: y, value: f.pct(r.value), n: f.int(r.numerator), d: f.int(r.denominator), target: f.target(r.target), goal: `${GOAL_MARK[v.goalOf(r)]} ${s.achievement[r.achievement ?? 'low'].toLowerCase()}` });
        found.push({ gap: r.target - r.value, text });
      }
    }
  }
  found.sort((a, b) => b.gap - a.gap || a.text.localeCompare(b.text, v.lang));
  const items = found.slice(0, EXCEPTIONS_SHOWN).map((x) => x.text);
  if (found.length > EXCEPTIONS_SHOWN) items.push(fill(s.andMoreBelow, { n: found.length - EXCEPTIONS_SHOWN }));
  return items;
}

function belowTarget(v: View): Block {
  const items = exceptions(v);
  return { list: { caption: v.s.belowTarget, items: items.length ? items : [v.s.noneBelowTarget] } };
}

/** Per form type: the regions' trends (national report) and the three-year unit comparison. */
async function comparisonBlocks(v: View): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const ft of v.ctx.config.coverage.formTypes) {
    const label = `${v.s.coverage}, ${v.formLabel(ft)}`;
    blocks.push(...(await regionTrendFigure(v, 'coverage', (r) => r.form_type === ft, label)));
    blocks.push(...(await threeYearFigure(v, { metric: 'coverage', formType: ft }, label)));
  }
  return blocks;
}

export async function coverageSection(v: View): Promise<Section> {
  const blocks = [...(await trendBlocks(v)), ...(await comparisonBlocks(v)), ...unitTables(v), ...(await funnelBlocks(v)), belowTarget(v)];
  return { id: 'coverage', title: v.s.coverage, intro: fill(v.s.coverageIntro, { forms: v.ctx.config.coverage.formTypes.map(v.formLabel).join(', '), cancerRegistry: cancerRegistry(v.s, v.ctx.config.country) }), blocks };
}
