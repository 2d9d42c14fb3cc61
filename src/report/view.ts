// One report's view of the published table: its scope (level and group), lookups of metric rows, the
// labels of codes, and the cells that print a row (a withheld row's cells carry no number, only a mark).
import type { Language, PathwayInterval } from '../config/types.js';
import { isShown, pooledGroup, type PublishedRow, type PublishedTable } from '../metrics/published.js';
import type { Achievement } from '../metrics/table.js';
import { fill, labelOf, NumberFormat, STRINGS, type Strings } from '../print/i18n.js';
import type { Cell } from '../print/table.js';
import type { BandWords, YearBand } from './charts.js';
import type { ReportContext, Scope, UnitInfo } from './context.js';

export type MetricRow = PublishedRow;
/** A row's goal level (metrics.md §4 achievement); none: withheld, or the indicator has no target. */
export type Goal = Achievement | 'none';

/** Shapes that differ without colour: the goal level reads in greyscale too. */
export const GOAL_MARK = { high: '●', moderate: '◐', low: '○', none: '–' } as const satisfies Record<Goal, string>;

/** The goal levels of an indicator in one year: the target (high) and the optional moderate level. */
export interface Levels {
  readonly target: number;
  readonly moderate: number | null;
}

export interface View {
  readonly ctx: ReportContext;
  readonly s: Strings;
  readonly f: NumberFormat;
  readonly lang: Language;
  readonly table: PublishedTable;
  readonly rows: readonly MetricRow[];
  /** the report year */
  readonly Y: number;
  /** every year from the first with data to the report year */
  readonly years: readonly number[];
  readonly regionCode: string | null;
  readonly regionName: string | null;
  /** the scope's own rows: level and group (a unit report: the unit; regionCode is then its region) */
  readonly level: 'national' | 'region' | 'unit';
  readonly group: string;
  readonly regionsOrdered: readonly string[];
  /** units of the scope, then each region's pooled small units */
  readonly unitsInScope: readonly UnitInfo[];
  readonly isScopeRow: (r: MetricRow) => boolean;
  readonly cov: (ft: string, year: number, level: string, group: string) => MetricRow | undefined;
  readonly cen: (sg: string, year: number, level: string, group: string) => MetricRow | undefined;
  readonly pt: (iv: string, year: number, level: string, group: string) => MetricRow | undefined;
  readonly regionLabel: (code: string) => string;
  readonly formLabel: (ft: string) => string;
  /** A pathway interval in words: its code and registry.yaml label, or its from and to milestones when it has none. */
  readonly intervalName: (iv: PathwayInterval) => string;
  /** The interval in words with its standard time: "OF1 (start – første fremmøte, ≤ 8 dager)". */
  readonly intervalWithNorm: (iv: PathwayInterval) => string;
  readonly groupLabel: (id: string) => string;
  readonly cap: (t: string) => string;
  readonly rate: (r: MetricRow | undefined) => Cell;
  readonly counts: (r: MetricRow | undefined) => Cell;
  readonly ci: (r: MetricRow | undefined) => Cell;
  readonly target: (r: MetricRow | undefined) => Cell;
  readonly median: (r: MetricRow | undefined) => Cell;
  /** The goal levels that apply to a metric row's indicator and year (null: no target). */
  readonly levels: (r: Pick<MetricRow, 'metric' | 'year'>) => Levels | null;
  readonly goalOf: (r: MetricRow | undefined) => Goal;
  /** symbol and word, e.g. "◐ Moderat" (the symbol hidden from screen readers, which read the word) */
  readonly goal: (r: MetricRow | undefined) => Cell;
  /** the symbol alone, for the narrow columns of unit tables; its word is the symbol's text alternative */
  readonly goalMark: (r: MetricRow | undefined) => Cell;
  /** "95 %", or "95 % / 85 %" when the indicator has a moderate level */
  readonly targetLevels: (r: MetricRow | undefined) => Cell;
  /** whether any indicator of the registry has a moderate level */
  readonly hasModerate: boolean;
  /** each year's goal levels of a metric, for the coloured bands behind its charts */
  readonly bands: (metric: MetricRow['metric'], years: readonly number[]) => YearBand[];
  /** the goal-level words, lower case, for chart bands */
  readonly bandWords: BandWords;
}

export function makeView(ctx: ReportContext, scope: Scope): View {
  const s = STRINGS[ctx.language];
  const f = new NumberFormat(ctx.language);
  const { table, config } = ctx;
  const Y = table.year;
  const rows = table.metrics;
  const suppressedText = fill(s.suppressedMark, { n: config.publication.minCell });
  const unit = scope.kind === 'unit' ? ctx.units.get(scope.code) : undefined;
  const regionCode = scope.kind === 'region' ? scope.code : (unit?.region ?? null);
  const regionName = regionCode ? (ctx.regions.get(regionCode) ?? regionCode) : null;
  const level = scope.kind;
  const group = scope.kind === 'national' ? 'ALL' : scope.code;
  const regionLabel = (code: string) => ctx.regions.get(code) ?? code;
  const firstYear = Math.min(Y, ...rows.map((r) => r.year));
  const regionsOrdered = [...ctx.regions.keys()];
  // Lookups by key: one pass over the table instead of a scan per cell.
  const byKey = new Map<string, MetricRow>();
  const key = (metric: string, dim: string, year: number, lvl: string, grp: string) => [metric, dim, year, lvl, grp].join('\u0000');
  for (const r of rows) byKey.set(key(r.metric, r.form_type ?? r.site_group ?? r.interval ?? '', r.year, r.level, r.group), r);
  const goalOf = (r: MetricRow | undefined): Goal => (isShown(r) && r.achievement !== null ? r.achievement : 'none');
  const cov = config.coverage;
  const levels = (r: Pick<MetricRow, 'metric' | 'year'>): Levels | null => {
    if (r.metric === 'coverage') return r.year === Y ? { target: cov.targetCurrentYear, moderate: cov.moderateCurrentYear } : { target: cov.targetPreviousYear, moderate: cov.moderatePreviousYear };
    if (r.metric === 'centralisation') return config.centralisation.target === null ? null : { target: config.centralisation.target, moderate: config.centralisation.moderate };
    return config.pathway ? { target: config.pathway.complianceTarget, moderate: config.pathway.complianceModerate } : null;
  };

  const intervalWords = (iv: PathwayInterval): string => {
    const label = iv.label[ctx.language];
    return label && label !== iv.id ? label : `${labelOf(s.roles, iv.from)} – ${labelOf(s.roles, iv.to)}`;
  };
  const intervalName = (iv: PathwayInterval): string => `${iv.id} (${intervalWords(iv)})`;

  return {
    ctx, s, f, lang: ctx.language, table, rows, Y,
    years: Array.from({ length: Y - firstYear + 1 }, (_, i) => firstYear + i),
    regionCode, regionName, level, group, regionsOrdered,
    unitsInScope: unit ? [unit] : [
      ...[...ctx.units.values()].filter((u) => !regionCode || u.region === regionCode).sort((a, b) => a.name.localeCompare(b.name, ctx.language)),
      ...(regionCode ? [regionCode] : regionsOrdered).map((rc): UnitInfo => ({ code: pooledGroup(rc), name: fill(s.otherUnits, { region: regionLabel(rc) }), region: rc, centreFor: [] })),
    ],
    isScopeRow: (r) => r.level === level && r.group === group,
    cov: (ft, year, lvl, grp) => byKey.get(key('coverage', ft, year, lvl, grp)),
    cen: (sg, year, lvl, grp) => byKey.get(key('centralisation', sg, year, lvl, grp)),
    pt: (iv, year, lvl, grp) => byKey.get(key('pathway_time', iv, year, lvl, grp)),
    regionLabel,
    formLabel: (ft) => labelOf(s.forms, ft),
    intervalName,
    intervalWithNorm: (iv) => `${iv.id} (${intervalWords(iv)}, ≤ ${iv.normDays} ${s.days})`,
    groupLabel: (id) => (id === 'ALL' ? s.all : (config.cohort.siteGroups.find((g) => g.id === id)?.label[ctx.language] ?? id)),
    cap: (t) => t.charAt(0).toUpperCase() + t.slice(1),
    // Withheld rows have no numbers in the published table; their rate cell says why.
    rate: (r) => {
      if (!r) return { text: '–', cls: 'num' };
      if (!isShown(r)) return r.suppressed ? { text: suppressedText, cls: 'num suppressed', mark: 'suppressed' } : { text: s.complementaryMark, cls: 'num suppressed', mark: 'complementary' };
      return { text: f.pct(r.value), cls: 'num' };
    },
    counts: (r) => (!r ? { text: '–', cls: 'num' } : !isShown(r) ? { text: '', cls: 'num' } : { text: `${f.int(r.numerator)} / ${f.int(r.denominator)}`, cls: 'num' }),
    ci: (r) => (!isShown(r) ? { text: '', cls: 'num' } : { text: `${f.pct(r.ci_low)} – ${f.pct(r.ci_high)}`, cls: 'num ci' }),
    target: (r) => ({ text: r && r.target !== null ? f.target(r.target) : '', cls: 'num' }),
    levels,
    goalOf,
    // The shape carries the level without colour; the word is printed beside it (goal) or, in narrow
    // columns under a key, given as the shape's text alternative (goalMark).
    goal: (r) => {
      const g = goalOf(r);
      if (g !== 'none') return { text: s.achievement[g], symbol: { mark: GOAL_MARK[g], alt: null }, cls: `goal ${g}` };
      if (r && r.target === null) return { text: s.noTarget, symbol: { mark: GOAL_MARK.none, alt: null }, cls: 'goal none' };
      return { text: '', symbol: { mark: GOAL_MARK.none, alt: s.notAssessed }, cls: 'goal none' };
    },
    goalMark: (r) => {
      const g = goalOf(r);
      return { text: '', symbol: { mark: GOAL_MARK[g], alt: g === 'none' ? s.notAssessed : s.achievement[g] }, cls: `goal ${g}` };
    },
    targetLevels: (r) => {
      const l = r && r.target !== null ? levels(r) : null;
      if (!r || r.target === null) return { text: '', cls: 'num' };
      return { text: l?.moderate != null ? `${f.target(r.target)} / ${f.target(l.moderate)}` : f.target(r.target), cls: 'num' };
    },
    hasModerate: [cov.moderateCurrentYear, cov.moderatePreviousYear, config.centralisation.moderate, config.pathway?.complianceModerate ?? null].some((x) => x !== null),
    bands: (metric, ys) => ys.flatMap((year) => {
      const l = levels({ metric, year });
      return l ? [{ year, ...l }] : [];
    }),
    bandWords: { high: s.achievement.high.toLowerCase(), moderate: s.achievement.moderate.toLowerCase(), low: s.achievement.low.toLowerCase() },
    median: (r) => (!isShown(r) || r.median_days === null ? { text: r?.withheld ? '' : '–', cls: 'num' } : { text: f.dec(r.median_days), cls: 'num' }),
  };
}
