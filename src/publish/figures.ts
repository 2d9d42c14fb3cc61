// Report context → the charts of the national and the regional reports as files: the same Vega-Lite
// specs (src/report/charts.ts) from the same published rows, in each report's order, each with a
// number, caption, alt text and file names; figures-<lang>.md lists them for a web team.
import type { TopLevelSpec } from 'vega-lite';
import type { Language } from '../config/types.js';
import { funnelLimits } from '../metrics/binomial.js';
import { isShown, pooledGroup, pooledRegion, type PublishedRow } from '../metrics/published.js';
import { barSpec, funnelSpec, medianSpec, renderSvg, trendSpec, type BarPoint, type SeriesPoint } from '../report/charts.js';
import { fill, NumberFormat, STRINGS } from '../report/i18n.js';
import type { ReportContext, Scope } from '../report/model.js';
import { codeFileName } from '../output-names.js';
import { DPI } from './png.js';
import { PUBLISH_STRINGS } from './strings.js';

export interface FigureFile {
  readonly scope: Scope;
  /** its number within its report */
  readonly number: number;
  /** language-independent part of the file names, e.g. coverage-trend */
  readonly slug: string;
  readonly caption: string;
  readonly alt: string;
  readonly spec: TopLevelSpec;
}

/** figure-nb-national-01-coverage-trend, figure-nb-region-HV-01-coverage-trend (no extension). */
export function figureBase(f: Pick<FigureFile, 'scope' | 'number' | 'slug'>, lang: Language): string {
  const scope = f.scope.kind === 'national' ? 'national' : `region-${codeFileName(f.scope.code)}`;
  return `figure-${lang}-${scope}-${String(f.number).padStart(2, '0')}-${f.slug}`;
}

/** The charts of every report (national first, then each region's), in the reports' order. */
export function reportFigures(ctx: ReportContext): FigureFile[] {
  return [{ kind: 'national' } as const, ...[...ctx.regions.keys()].map((code) => ({ kind: 'region', code }) as const)].flatMap((scope) => scopeFigures(ctx, scope));
}

/** The charts of one report, in its order (as src/report/model.ts draws them); every number is a published one. */
export function scopeFigures(ctx: ReportContext, scope: Scope): FigureFile[] {
  const s = STRINGS[ctx.language];
  const p = PUBLISH_STRINGS[ctx.language];
  const f = new NumberFormat(ctx.language);
  const { table, config } = ctx;
  const Y = table.year;
  const rows = table.metrics;
  const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  const formLabel = (ft: string) => s.forms[ft] ?? ft;
  const regionLabel = (code: string) => ctx.regions.get(code) ?? code;
  const groupLabel = (id: string) => (id === 'ALL' ? s.all : (config.cohort.siteGroups.find((g) => g.id === id)?.label[ctx.language] ?? id));
  const regions = [...ctx.regions.keys()];
  const firstYear = Math.min(Y, ...rows.map((r) => r.year));
  const years = Array.from({ length: Y - firstYear + 1 }, (_, i) => firstYear + i);
  const find = (pred: (r: PublishedRow) => boolean) => rows.find(pred);
  const regionCode = scope.kind === 'region' ? scope.code : null;
  const regionName = regionCode ? regionLabel(regionCode) : null;
  const level = regionCode ? 'region' : 'national';
  const inScope = (r: PublishedRow) => r.level === level && r.group === (regionCode ?? 'ALL');
  const out: Omit<FigureFile, 'number' | 'scope'>[] = [];

  const trendAlt = (caption: string, points: readonly SeriesPoint[], targets: readonly { value: number }[]) => {
    const series = [...new Set(points.map((pt) => pt.series))];
    const latest = series.map((name) => {
      const pt = points.find((x) => x.series === name && x.year === Y);
      return `${name} ${pt ? f.pct(pt.value) : p.notShown}`;
    });
    return [
      fill(p.altTrend, { caption: caption.charAt(0).toLowerCase() + caption.slice(1), from: years[0]!, to: Y }),
      targets.length ? fill(p.altTargets, { targets: targets.map((t) => f.target(t.value)).join(', ') }) : '',
      fill(p.altLatest, { year: Y, values: latest.join(', ') }),
    ].filter(Boolean).join(' ');
  };
  const barAlt = (caption: string, bars: readonly BarPoint[], target: number | null, multi: boolean) => {
    const cats = [...new Set(bars.map((b) => b.category))];
    const values = cats.map((c) => `${c} ${bars.filter((b) => b.category === c).map((b) => (multi ? `${b.series.toLowerCase()} ${f.pct(b.value)}` : f.pct(b.value))).join(', ')}`);
    return [fill(p.altBars, { caption: caption.charAt(0).toLowerCase() + caption.slice(1), values: values.join('; ') }), target === null ? '' : fill(p.altTarget, { target: f.target(target) })].filter(Boolean).join(' ');
  };

  // Coverage: national trend, by region, funnel plots.
  const formTypes = config.coverage.formTypes;
  const ft0 = formTypes[0]!;
  {
    const points: SeriesPoint[] = [];
    for (const ft of formTypes) {
      for (const r of rows.filter((x) => x.metric === 'coverage' && x.form_type === ft && inScope(x)).filter(isShown)) points.push({ series: cap(formLabel(ft)), year: r.year, value: r.value });
      // A regional report draws the nation's line beside the region's, dashed.
      if (regionCode) for (const r of rows.filter((x) => x.metric === 'coverage' && x.form_type === ft && x.level === 'national').filter(isShown)) points.push({ series: `${cap(formLabel(ft))} (${s.national.toLowerCase()})`, year: r.year, value: r.value, dashed: true });
    }
    const targets = [
      { label: f.target(config.coverage.targetPreviousYear), value: config.coverage.targetPreviousYear },
      { label: f.target(config.coverage.targetCurrentYear), value: config.coverage.targetCurrentYear },
    ];
    const trendTitle = regionCode ? `${s.coverage}: ${regionName}` : s.coverageTrend;
    if (points.length) out.push({ slug: 'coverage-trend', caption: trendTitle, alt: trendAlt(trendTitle, points, targets), spec: trendSpec(points, targets, { seriesTitle: s.formType, yearTitle: s.year, years }) });
    const bars = regionCode ? [] : regions.flatMap((rc) => formTypes.flatMap((ft) => {
      const r = find((x) => x.metric === 'coverage' && x.form_type === ft && x.year === Y && x.level === 'region' && x.group === rc);
      return isShown(r) ? [{ category: regionLabel(rc), series: cap(formLabel(ft)), value: r.value }] : [];
    }));
    const title = `${s.coverageByRegion}, ${Y}`;
    const target = config.coverage.targetCurrentYear;
    if (bars.length) out.push({ slug: 'coverage-by-region', caption: title, alt: barAlt(title, bars, target, formTypes.length > 1), spec: barSpec(bars, target, { categoryTitle: s.region, seriesTitle: s.formType, order: regions.map(regionLabel) }) });
    for (const y of [Y, Y - 1]) {
      const nat = find((x) => x.metric === 'coverage' && x.form_type === ft0 && x.year === y && x.level === 'national');
      const units = rows.filter((r) => r.metric === 'coverage' && r.form_type === ft0 && r.year === y && r.level === 'unit' && pooledRegion(r.group) === null).filter(isShown);
      if (!isShown(nat) || units.length === 0) continue;
      const caption = `${s.funnel}: ${formLabel(ft0)} ${y}`;
      const outside = units.filter((u) => {
        const [lo, hi] = funnelLimits(nat.value, u.denominator, 0.95);
        return u.value < lo || u.value > hi;
      }).length;
      // A regional report shows every unit, its own region's highlighted.
      const pts = units.map((r) => ({ name: r.group, value: r.value, n: r.denominator, highlight: !regionCode || ctx.units.get(r.group)?.region === regionCode }));
      out.push({
        slug: `coverage-funnel-${y}`,
        caption,
        alt: fill(p.altFunnel, { caption: `${formLabel(ft0)} ${y}`, units: units.length, national: f.pct(nat.value), outside }),
        spec: funnelSpec(pts, nat.value, { xTitle: s.patients, target: nat.target }),
      });
    }
  }

  // Centralisation: national trend per site group, by residence region.
  if (rows.some((r) => r.metric === 'centralisation')) {
    const groups = ['ALL', ...config.cohort.siteGroups.map((g) => g.id)];
    const points: SeriesPoint[] = groups.flatMap((g) => rows.filter((r) => r.metric === 'centralisation' && r.site_group === g && inScope(r)).filter(isShown).map((r) => ({ series: groupLabel(g), year: r.year, value: r.value })));
    const tgt = config.centralisation.target;
    const targets = tgt === null ? [] : [{ label: f.target(tgt), value: tgt }];
    const trendTitle = regionCode ? `${s.centralisation}: ${regionName}` : s.centralisationTrend;
    if (points.length) out.push({ slug: 'centralisation-trend', caption: trendTitle, alt: trendAlt(trendTitle, points, targets), spec: trendSpec(points, targets, { seriesTitle: s.siteGroup, yearTitle: s.year, years }) });
    const bars = regionCode ? [] : regions.flatMap((rc) => {
      const r = find((x) => x.metric === 'centralisation' && x.site_group === 'ALL' && x.year === Y && x.level === 'region' && x.group === rc);
      return isShown(r) ? [{ category: regionLabel(rc), series: s.all, value: r.value }] : [];
    });
    const title = `${s.centralisationByRegion}, ${Y}`;
    if (bars.length) out.push({ slug: 'centralisation-by-region', caption: title, alt: barAlt(title, bars, tgt, false), spec: barSpec(bars, tgt, { categoryTitle: s.region, seriesTitle: s.siteGroup, order: regions.map(regionLabel) }) });
  }

  // Pathway times: national trend per interval, unit medians against the norms.
  const intervals = config.pathway?.intervals ?? [];
  if (intervals.length && rows.some((r) => r.metric === 'pathway_time')) {
    const points: SeriesPoint[] = intervals.flatMap((iv) => rows.filter((r) => r.metric === 'pathway_time' && r.interval === iv.id && inScope(r)).filter(isShown).map((r) => ({ series: iv.id, year: r.year, value: r.value })));
    const ct = config.pathway!.complianceTarget;
    const targets = [{ label: f.target(ct), value: ct }];
    const trendTitle = regionCode ? `${s.pathway}: ${regionName}` : s.pathwayTrend;
    if (points.length) out.push({ slug: 'pathway-trend', caption: trendTitle, alt: trendAlt(trendTitle, points, targets), spec: trendSpec(points, targets, { seriesTitle: s.interval, yearTitle: s.year, years }) });
    // The report's unit order: the scope's units by name, then each region's pooled small units.
    const units = [
      ...[...ctx.units.values()].filter((u) => !regionCode || u.region === regionCode).sort((a, b) => a.name.localeCompare(b.name, ctx.language)).map((u) => ({ code: u.code, name: u.name })),
      ...(regionCode ? [regionCode] : regions).map((rc) => ({ code: pooledGroup(rc), name: fill(s.otherUnits, { region: regionLabel(rc) }) })),
    ];
    const pt = (iv: string, code: string) => find((r) => r.metric === 'pathway_time' && r.interval === iv && r.year === Y && r.level === 'unit' && r.group === code);
    const med = intervals.flatMap((iv) => units.flatMap((u) => {
      const r = pt(iv.id, u.code);
      return isShown(r) && r.median_days !== null ? [{ interval: iv.id, unit: u.name, median: r.median_days }] : [];
    }));
    const title = `${s.medianByUnit}, ${Y}`;
    const norms = intervals.map((iv) => ({ interval: iv.id, norm: iv.normDays }));
    if (med.length) {
      out.push({
        slug: 'pathway-median-days',
        caption: title,
        alt: fill(p.altMedian, { caption: title.charAt(0).toLowerCase() + title.slice(1), norms: norms.map((n) => `${n.interval} ${n.norm} ${s.days}`).join(', ') }),
        spec: medianSpec(med, norms, { xTitle: s.days }),
      });
    }
  }
  return out.map((x, i) => ({ ...x, scope, number: i + 1 }));
}

export async function figureSvg(fig: FigureFile, ctx: ReportContext): Promise<string> {
  return renderSvg(fig.spec, new NumberFormat(ctx.language), fig.caption);
}

/** figures-<lang>.md: what a web team needs to place each figure, report by report. */
export function figuresMarkdown(figs: readonly FigureFile[], ctx: ReportContext): string {
  const p = PUBLISH_STRINGS[ctx.language];
  const s = STRINGS[ctx.language];
  const lines = [`# ${ctx.table.registry}: ${p.figuresTitle} ${ctx.table.year}`, '', fill(p.figuresIntro, { year: ctx.table.year }), ''];
  let scope = '';
  for (const fig of figs) {
    const title = fig.scope.kind === 'national' ? s.scopeNational : `${s.scopeRegion}: ${ctx.regions.get(fig.scope.code) ?? fig.scope.code}`;
    if (title !== scope) lines.push(`## ${title}`, '');
    scope = title;
    const base = figureBase(fig, ctx.language);
    lines.push(`### ${p.figure} ${fig.number}: ${fig.caption}`, '', `- ${p.alt}: ${fig.alt}`, `- ${p.files}: \`${base}.svg\`, \`${base}.png\` (${DPI} dpi)`, '');
  }
  return lines.join('\n');
}
