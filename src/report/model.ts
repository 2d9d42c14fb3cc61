// Metric table + labels → the report's view model for one scope (national or one region).
// Only selects and formats rows of the metric table: every figure shown is a metric-table figure.
import type { Config, Language } from '../config/types.js';
import type { TableName } from '../load/contract.js';
import type { TableAccounting } from '../load/loader.js';
import type { ExtractWarning } from '../load/plausibility.js';
import { isShown, pooledGroup, pooledRegion, type PublishedRow as MetricRow, type PublishedTable } from '../metrics/published.js';
import { barSpec, funnelSpec, medianSpec, renderSvg, trendSpec, type SeriesPoint } from './charts.js';
import { fill, NumberFormat, STRINGS, type Strings } from './i18n.js';
import { dataQualitySection } from './data-quality.js';

export interface UnitInfo {
  readonly code: string;
  readonly name: string;
  readonly region: string;
  readonly centreFor: readonly string[];
}

export interface InputFileInfo {
  readonly name: string;
  readonly sha256: string;
  readonly rows: number;
}

/** Everything a report is made from. */
export interface ReportContext {
  readonly table: PublishedTable;
  readonly config: Config;
  readonly language: Language;
  readonly units: ReadonlyMap<string, UnitInfo>;
  readonly regions: ReadonlyMap<string, string>;
  readonly accounting: Readonly<Partial<Record<TableName, TableAccounting>>>;
  readonly dqCounts: readonly { table: string; rule: string; n: number }[];
  readonly warnings: readonly ExtractWarning[];
  readonly files: readonly InputFileInfo[];
  readonly generated: string;
  readonly version: string;
}

export type Scope = { readonly kind: 'national' } | { readonly kind: 'region'; readonly code: string };

export interface Cell {
  readonly text: string;
  readonly cls?: string;
}

export interface TableModel {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly numericFrom?: number;
}

export interface Figure {
  readonly caption: string;
  readonly svg: string;
  readonly note?: string;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly blocks: readonly ({ figure: Figure } | { table: TableModel } | { list: { caption: string; items: readonly string[] } })[];
}

export interface ReportModel {
  readonly lang: Language;
  readonly s: Strings;
  readonly title: string;
  readonly registry: string;
  readonly year: number;
  readonly asOf: string;
  readonly scopeLabel: string;
  readonly regionName: string | null;
  readonly summary: { readonly table: TableModel; readonly findings: readonly string[] };
  readonly sections: readonly Section[];
  readonly methods: Section;
  readonly dataQuality: Section;
  readonly colophon: Section;
  /** Footnotes for the marks of withheld cells: primary ("n < 5") and complementary suppression. */
  readonly suppressedNote: string | null;
  readonly contents: readonly { id: string; title: string }[];
}

const STATUS_MARK = { met: '✔', 'not-met': '✘', none: '–' } as const;

export async function buildModel(ctx: ReportContext, scope: Scope): Promise<ReportModel> {
  const s = STRINGS[ctx.language];
  const f = new NumberFormat(ctx.language);
  const { table, config } = ctx;
  const Y = table.year;
  const minCell = config.publication.minCell;
  const suppressedText = fill(s.suppressedMark, { n: minCell });
  let anySuppressed = false;
  let anyComplementary = false;

  const regionCode = scope.kind === 'region' ? scope.code : null;
  const regionName = regionCode ? (ctx.regions.get(regionCode) ?? regionCode) : null;
  const level = regionCode ? 'region' : 'national';
  const group = regionCode ?? 'ALL';
  const scopeRows = (r: MetricRow) => r.level === level && r.group === group;
  const regionLabel = (code: string) => ctx.regions.get(code) ?? code;
  const formLabel = (ft: string) => s.forms[ft] ?? ft;
  const groupLabel = (id: string) => (id === 'ALL' ? s.all : (config.cohort.siteGroups.find((g) => g.id === id)?.label[ctx.language] ?? id));
  const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

  // Cells: withheld rows have no numbers in the published table; their rate cell says why.
  const rate = (r: MetricRow | undefined): Cell => {
    if (!r) return { text: '–', cls: 'num' };
    if (!isShown(r)) {
      if (r.suppressed) anySuppressed = true;
      else anyComplementary = true;
      return { text: r.suppressed ? suppressedText : s.complementaryMark, cls: 'num suppressed' };
    }
    return { text: f.pct(r.value), cls: 'num' };
  };
  const counts = (r: MetricRow | undefined): Cell =>
    !r ? { text: '–', cls: 'num' } : !isShown(r) ? { text: '', cls: 'num' } : { text: `${f.int(r.numerator)} / ${f.int(r.denominator)}`, cls: 'num' };
  const ci = (r: MetricRow | undefined): Cell =>
    !isShown(r) ? { text: '', cls: 'num' } : { text: `${f.pct(r.ci_low)} – ${f.pct(r.ci_high)}`, cls: 'num ci' };
  const statusOf = (r: MetricRow | undefined): 'met' | 'not-met' | 'none' => (!isShown(r) || r.met === null ? 'none' : r.met ? 'met' : 'not-met');
  const status = (r: MetricRow | undefined): Cell => {
    const st = statusOf(r);
    const text = st === 'met' ? s.met : st === 'not-met' ? s.notMet : r && r.target === null ? s.noTarget : '';
    return { text: `${STATUS_MARK[st]} ${text}`.trim(), cls: `status ${st}` };
  };
  const target = (r: MetricRow | undefined): Cell => ({ text: r && r.target !== null ? f.target(r.target) : '', cls: 'num' });
  const median = (r: MetricRow | undefined): Cell =>
    !isShown(r) || r.median_days === null ? { text: r?.withheld ? '' : '–', cls: 'num' } : { text: f.dec(r.median_days), cls: 'num' };

  const rows = table.metrics;
  const find = (pred: (r: MetricRow) => boolean) => rows.find(pred);
  const cov = (ft: string, year: number, lvl: string, grp: string) =>
    find((r) => r.metric === 'coverage' && r.form_type === ft && r.year === year && r.level === lvl && r.group === grp);
  const cen = (sg: string, year: number, lvl: string, grp: string) =>
    find((r) => r.metric === 'centralisation' && r.site_group === sg && r.year === year && r.level === lvl && r.group === grp);
  const pt = (iv: string, year: number, lvl: string, grp: string) =>
    find((r) => r.metric === 'pathway_time' && r.interval === iv && r.year === year && r.level === lvl && r.group === grp);

  const formTypes = config.coverage.formTypes;
  // Every year from the first with data to the report year: a year with nothing to count is a gap.
  const firstYear = Math.min(Y, ...rows.map((r) => r.year));
  const years = Array.from({ length: Y - firstYear + 1 }, (_, i) => firstYear + i);
  const regionsOrdered = [...ctx.regions.keys()];
  // Units of the scope, then each region's pooled small units (publication.small_units: pool); a
  // table shows an entry only where the published table has a row for it.
  const unitsInScope = [
    ...[...ctx.units.values()].filter((u) => !regionCode || u.region === regionCode).sort((a, b) => a.name.localeCompare(b.name, ctx.language)),
    ...(regionCode ? [regionCode] : regionsOrdered).map((rc): UnitInfo => ({ code: pooledGroup(rc), name: fill(s.otherUnits, { region: regionLabel(rc) }), region: rc, centreFor: [] })),
  ];

  // 1. Summary: every indicator of the scope against its target.
  const summaryRows: Cell[][] = [];
  const summaryItems: { label: string; r: MetricRow | undefined }[] = [];
  for (const ft of formTypes) for (const y of [Y, Y - 1]) summaryItems.push({ label: `${s.coverage}, ${formLabel(ft)} ${y}`, r: cov(ft, y, level, group) });
  summaryItems.push({ label: `${s.centralisation} ${Y}`, r: cen('ALL', Y, level, group) });
  for (const iv of config.pathway?.intervals ?? []) summaryItems.push({ label: `${s.pathway}: ${iv.id} (≤ ${iv.normDays} ${s.days}) ${Y}`, r: pt(iv.id, Y, level, group) });
  for (const it of summaryItems) if (it.r) summaryRows.push([{ text: it.label }, rate(it.r), ci(it.r), target(it.r), status(it.r)]);

  // Three sentences of key findings, from the same rows.
  const findings: string[] = [];
  const ft0 = formTypes[0]!;
  const headline = cov(ft0, Y, level, group);
  if (isShown(headline) && headline.target !== null) {
    findings.push(cap(fill(s.findingCoverage, { form: formLabel(ft0), year: Y, value: f.pct(headline.value), count: f.int(headline.denominator), target: f.target(headline.target) })));
  }
  const unitRows = rows.filter((r) => r.metric === 'coverage' && r.form_type === ft0 && r.year === Y - 1 && r.level === 'unit' && pooledRegion(r.group) === null && isShown(r) && (!regionCode || ctx.units.get(r.group)?.region === regionCode));
  if (unitRows.length) findings.push(fill(s.findingUnits, { met: unitRows.filter((r) => r.met).length, total: unitRows.length, form: formLabel(ft0), year: Y - 1 }));
  const c = cen('ALL', Y, level, group);
  if (isShown(c)) {
    findings.push(cap(fill(c.target === null ? s.findingCentralNoTarget : s.findingCentral, { value: f.pct(c.value), year: Y, target: c.target === null ? '' : f.target(c.target) })));
  } else {
    const iv = config.pathway?.intervals[config.pathway.intervals.length - 1];
    const p = iv ? pt(iv.id, Y, level, group) : undefined;
    if (iv && isShown(p)) {
      findings.push(fill(s.findingPathway, { interval: iv.id, from: s.roles[iv.from] ?? iv.from, to: s.roles[iv.to] ?? iv.to, norm: iv.normDays, value: f.pct(p.value), year: Y, median: f.dec(p.median_days ?? 0) }));
    }
  }

  const sections: Section[] = [];

  // 2. Coverage.
  {
    const blocks: Section['blocks'][number][] = [];
    const points: SeriesPoint[] = [];
    for (const ft of formTypes) {
      for (const r of rows.filter((x) => x.metric === 'coverage' && x.form_type === ft && scopeRows(x)).filter(isShown)) points.push({ series: cap(formLabel(ft)), year: r.year, value: r.value });
      if (regionCode) for (const r of rows.filter((x) => x.metric === 'coverage' && x.form_type === ft && x.level === 'national').filter(isShown)) points.push({ series: `${cap(formLabel(ft))} (${s.national.toLowerCase()})`, year: r.year, value: r.value, dashed: true });
    }
    const targets = [
      { label: `${f.target(config.coverage.targetPreviousYear)}`, value: config.coverage.targetPreviousYear },
      { label: `${f.target(config.coverage.targetCurrentYear)}`, value: config.coverage.targetCurrentYear },
    ];
    const trendTitle = regionCode ? `${s.coverage}: ${regionName}` : s.coverageTrend;
    if (points.length) blocks.push({ figure: { caption: trendTitle, svg: await renderSvg(trendSpec(points, targets, { seriesTitle: s.formType, yearTitle: s.year, years }), f, trendTitle) } });

    const trendTable: Cell[][] = years.map((y) => [{ text: String(y) }, ...formTypes.flatMap((ft) => [rate(cov(ft, y, level, group)), counts(cov(ft, y, level, group))]), target(cov(ft0, y, level, group))]);
    blocks.push({ table: { caption: trendTitle, head: [s.year, ...formTypes.flatMap((ft) => [cap(formLabel(ft)), s.patients]), s.target], rows: trendTable } });

    if (!regionCode) {
      const bars = regionsOrdered.flatMap((rc) => formTypes.flatMap((ft) => {
        const r = cov(ft, Y, 'region', rc);
        return isShown(r) ? [{ category: regionLabel(rc), series: cap(formLabel(ft)), value: r.value }] : [];
      }));
      const title = `${s.coverageByRegion}, ${Y}`;
      if (bars.length) blocks.push({ figure: { caption: title, svg: await renderSvg(barSpec(bars, config.coverage.targetCurrentYear, { categoryTitle: s.region, seriesTitle: s.formType, order: regionsOrdered.map(regionLabel) }), f, title) } });
      blocks.push({
        table: {
          caption: `${s.coverageByRegion}, ${Y - 1}–${Y}`,
          head: [s.region, ...[Y - 1, Y].flatMap((y) => formTypes.map((ft) => `${cap(formLabel(ft))} ${y}`))],
          rows: regionsOrdered.map((rc) => [{ text: regionLabel(rc) }, ...[Y - 1, Y].flatMap((y) => formTypes.map((ft) => rate(cov(ft, y, 'region', rc))))]),
        },
      });
    }

    for (const y of [Y, Y - 1]) {
      const caption = `${regionCode ? s.unitsOfRegion : s.coverageByUnit}, ${y}`;
      const unitRowsY = unitsInScope.filter((u) => formTypes.some((ft) => cov(ft, y, 'unit', u.code)));
      blocks.push({
        table: {
          caption,
          head: [s.unit, ...(regionCode ? [] : [s.region]), ...formTypes.flatMap((ft) => [cap(formLabel(ft)), s.patients, ''])],
          rows: unitRowsY.map((u) => [
            { text: u.name },
            ...(regionCode ? [] : [{ text: regionLabel(u.region) }]),
            ...formTypes.flatMap((ft) => {
              const r = cov(ft, y, 'unit', u.code);
              const st = statusOf(r);
              return [rate(r), counts(r), { text: STATUS_MARK[st], cls: `status ${st}` }];
            }),
          ]),
        },
      });
    }

    const nationalFirst = (y: number) => cov(ft0, y, 'national', 'ALL');
    for (const y of [Y, Y - 1]) {
      const nat = nationalFirst(y);
      const unitsY = rows.filter((r) => r.metric === 'coverage' && r.form_type === ft0 && r.year === y && r.level === 'unit' && pooledRegion(r.group) === null).filter(isShown);
      if (!isShown(nat) || unitsY.length === 0) continue;
      const caption = `${s.funnel}: ${formLabel(ft0)} ${y}`;
      const pts = unitsY.map((r) => ({ name: r.group, value: r.value, n: r.denominator, highlight: !regionCode || ctx.units.get(r.group)?.region === regionCode }));
      blocks.push({ figure: { caption, note: s.funnelNote, svg: await renderSvg(funnelSpec(pts, nat.value, { xTitle: s.patients, target: nat.target }), f, caption) } });
    }

    const below: Cell[][] = [];
    for (const y of [Y, Y - 1]) {
      for (const ft of formTypes) {
        for (const u of unitsInScope) {
          const r = cov(ft, y, 'unit', u.code);
          if (isShown(r) && r.met === false) below.push([{ text: u.name }, { text: String(y) }, { text: formLabel(ft) }, rate(r), counts(r), target(r)]);
        }
      }
    }
    if (below.length) blocks.push({ table: { caption: s.belowTarget, head: [s.unit, s.year, s.formType, s.result, s.patients, s.target], rows: below } });
    else blocks.push({ list: { caption: s.belowTarget, items: [s.noneBelowTarget] } });
    sections.push({ id: 'coverage', title: s.coverage, intro: s.coverageIntro, blocks });
  }

  // 3. Centralisation (by residence region).
  if (rows.some((r) => r.metric === 'centralisation')) {
    const blocks: Section['blocks'][number][] = [];
    const groups = ['ALL', ...config.cohort.siteGroups.map((g) => g.id)];
    const points: SeriesPoint[] = groups.flatMap((g) => rows.filter((r) => r.metric === 'centralisation' && r.site_group === g && scopeRows(r)).filter(isShown).map((r) => ({ series: groupLabel(g), year: r.year, value: r.value })));
    const title = regionCode ? `${s.centralisation}: ${regionName}` : s.centralisationTrend;
    const tgt = config.centralisation.target;
    if (points.length) blocks.push({ figure: { caption: title, svg: await renderSvg(trendSpec(points, tgt === null ? [] : [{ label: f.target(tgt), value: tgt }], { seriesTitle: s.siteGroup, yearTitle: s.year, years }), f, title) } });
    const regs = regionCode ? [regionCode] : regionsOrdered;
    blocks.push({
      table: {
        caption: `${s.centralisationByRegion}, ${Y}`,
        head: [s.region, ...groups.flatMap((g) => [groupLabel(g), s.patients])],
        rows: [
          [{ text: s.national, cls: 'total' }, ...groups.flatMap((g) => [rate(cen(g, Y, 'national', 'ALL')), counts(cen(g, Y, 'national', 'ALL'))])],
          ...regs.map((rc) => [{ text: regionLabel(rc) }, ...groups.flatMap((g) => [rate(cen(g, Y, 'region', rc)), counts(cen(g, Y, 'region', rc))])]),
        ],
      },
    });
    if (!regionCode) {
      const bars = regionsOrdered.flatMap((rc) => {
        const r = cen('ALL', Y, 'region', rc);
        return isShown(r) ? [{ category: regionLabel(rc), series: s.all, value: r.value }] : [];
      });
      const t2 = `${s.centralisationByRegion}, ${Y}`;
      if (bars.length) blocks.push({ figure: { caption: t2, svg: await renderSvg(barSpec(bars, tgt, { categoryTitle: s.region, seriesTitle: s.siteGroup, order: regionsOrdered.map(regionLabel) }), f, t2) } });
    }
    blocks.push({
      table: {
        caption: `${title}, ${years[0]}–${Y}`,
        head: [s.year, ...groups.map(groupLabel)],
        rows: years.map((y) => [{ text: String(y) }, ...groups.map((g) => rate(cen(g, y, level, group)))]),
      },
    });
    sections.push({ id: 'centralisation', title: s.centralisation, intro: s.centralisationIntro, blocks });
  }

  // 4. Pathway times.
  const intervals = config.pathway?.intervals ?? [];
  if (intervals.length && rows.some((r) => r.metric === 'pathway_time')) {
    const blocks: Section['blocks'][number][] = [];
    const points: SeriesPoint[] = intervals.flatMap((iv) => rows.filter((r) => r.metric === 'pathway_time' && r.interval === iv.id && scopeRows(r)).filter(isShown).map((r) => ({ series: iv.id, year: r.year, value: r.value })));
    const ct = config.pathway!.complianceTarget;
    const title = regionCode ? `${s.pathway}: ${regionName}` : s.pathwayTrend;
    if (points.length) blocks.push({ figure: { caption: title, svg: await renderSvg(trendSpec(points, [{ label: f.target(ct), value: ct }], { seriesTitle: s.interval, yearTitle: s.year, years }), f, title) } });
    const regs = regionCode ? [regionCode] : regionsOrdered;
    blocks.push({
      table: {
        caption: `${s.pathwayByRegion}, ${Y}`,
        head: [s.interval, s.norm, '', ...[s.national, ...regs.map(regionLabel)]],
        rows: intervals.flatMap((iv) => [
          [{ text: iv.id }, { text: `${iv.normDays} ${s.days}`, cls: 'num' }, { text: s.share }, rate(pt(iv.id, Y, 'national', 'ALL')), ...regs.map((rc) => rate(pt(iv.id, Y, 'region', rc)))],
          [{ text: '' }, { text: '' }, { text: s.medianDays }, median(pt(iv.id, Y, 'national', 'ALL')), ...regs.map((rc) => median(pt(iv.id, Y, 'region', rc)))],
        ]),
      },
    });
    const unitsWith = unitsInScope.filter((u) => intervals.some((iv) => pt(iv.id, Y, 'unit', u.code)));
    blocks.push({
      table: {
        caption: `${s.pathwayByUnit}, ${Y}`,
        head: [s.unit, ...intervals.flatMap((iv) => [`${iv.id} ≤ ${iv.normDays}`, s.medianDays])],
        rows: unitsWith.map((u) => [{ text: u.name }, ...intervals.flatMap((iv) => [rate(pt(iv.id, Y, 'unit', u.code)), median(pt(iv.id, Y, 'unit', u.code))])]),
      },
    });
    const med = intervals.flatMap((iv) => unitsWith.flatMap((u) => {
      const r = pt(iv.id, Y, 'unit', u.code);
      return isShown(r) && r.median_days !== null ? [{ interval: iv.id, unit: u.name, median: r.median_days }] : [];
    }));
    const t3 = `${s.medianByUnit}, ${Y}`;
    if (med.length) blocks.push({ figure: { caption: t3, note: fill(s.medianNote, { n: minCell }), svg: await renderSvg(medianSpec(med, intervals.map((iv) => ({ interval: iv.id, norm: iv.normDays })), { xTitle: s.days }), f, t3) } });
    sections.push({ id: 'pathway', title: s.pathway, intro: s.pathwayIntro, blocks });
  }

  // 6. Methods, generated from registry.yaml.
  const m = s.methodsText;
  const centres = [...ctx.units.values()].filter((u) => u.centreFor.length).sort((a, b) => a.name.localeCompare(b.name, ctx.language));
  const methods: Section = {
    id: 'methods',
    title: s.methods,
    intro: [m.spec, m.cohort].join(' '),
    blocks: [
      { table: { caption: s.siteGroup, head: [s.siteGroup, 'ICD-10'], rows: config.cohort.siteGroups.map((g) => [{ text: g.label[ctx.language] }, { text: g.icd10.join(', ') }]) } },
      {
        list: {
          caption: s.methods,
          items: [
            `${s.cutoff}: ${f.date(table.as_of)}. ${m.cutoff}`,
            fill(m.targets, { current: f.target(config.coverage.targetCurrentYear), previous: f.target(config.coverage.targetPreviousYear) }),
            fill(m.centralisation, { types: config.centralisation.treatmentTypes.map((t) => s.treatmentTypes[t] ?? t).join(', ') }) +
              (config.centralisation.target !== null ? ` ${s.target}: ${f.target(config.centralisation.target)}.` : ''),
            m.ci,
            fill(m.suppression, { n: minCell }),
            m.complementary,
          ],
        },
      },
      { table: { caption: m.centres, head: [s.unit, s.region, s.siteGroup], rows: centres.map((u) => [{ text: u.name }, { text: regionLabel(u.region) }, { text: u.centreFor.map(groupLabel).join(', ') }]) } },
      ...(intervals.length
        ? [{
            table: {
              caption: m.norms,
              head: [s.interval, '', s.norm],
              rows: intervals.map((iv) => [
                { text: iv.id },
                { text: `${s.roles[iv.from] ?? iv.from} → ${s.roles[iv.to] ?? iv.to}${iv.treatments ? ` (${iv.treatments.map((t) => s.treatmentTypes[t] ?? t).join(', ')})` : ''}` },
                { text: `${iv.normDays} ${s.days}`, cls: 'num' },
              ]),
            },
          }]
        : []),
    ],
  };

  // 7. Data quality: row accounting, rejected rows per rule, the extract's warnings.
  const dataQuality = dataQualitySection(ctx, s, f, groupLabel);

  // 8. Colophon.
  const colophon: Section = {
    id: 'colophon',
    title: s.colophon,
    intro: `regreport ${ctx.version}. ${s.generated}: ${ctx.generated}.`,
    blocks: [
      {
        table: {
          caption: s.inputFiles,
          head: [s.file, s.rows, 'SHA-256'],
          rows: ctx.files.map((x) => [{ text: x.name }, { text: x.rows ? f.int(x.rows) : '', cls: 'num' }, { text: x.sha256, cls: 'hash' }]),
        },
      },
    ],
  };

  const scopeLabel = regionCode ? `${s.scopeRegion}: ${regionName}` : s.scopeNational;
  const all = [...sections, methods, dataQuality, colophon];
  return {
    lang: ctx.language,
    s,
    title: `${table.registry} – ${s.annualReport} ${Y}${regionName ? ` – ${regionName}` : ''}`,
    registry: table.registry,
    year: Y,
    asOf: f.date(table.as_of),
    scopeLabel,
    regionName,
    summary: { table: { caption: '', head: [s.indicator, s.result, s.ci, s.target, s.status], rows: summaryRows }, findings },
    sections,
    methods,
    dataQuality,
    colophon,
    suppressedNote: [anySuppressed ? fill(s.suppressedNote, { n: minCell }) : '', anyComplementary ? s.complementaryNote : ''].filter(Boolean).join(' ') || null,
    contents: [{ id: 'summary', title: s.summary }, ...all.map((x) => ({ id: x.id, title: x.title }))],
  };
}
