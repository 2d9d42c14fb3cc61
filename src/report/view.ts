// One report's view of the published table: its scope (level and group), lookups of metric rows, the
// labels of codes, and the cells that print a row (a withheld row's cells carry no number, only a mark).
import type { Language } from '../config/types.js';
import { isShown, pooledGroup, type PublishedRow, type PublishedTable } from '../metrics/published.js';
import { fill, labelOf, NumberFormat, STRINGS, type Strings } from '../print/i18n.js';
import type { Cell } from '../print/table.js';
import type { ReportContext, Scope, UnitInfo } from './context.js';

export type MetricRow = PublishedRow;
export type Status = 'met' | 'not-met' | 'none';

export const STATUS_MARK = { met: '✔', 'not-met': '✘', none: '–' } as const;

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
  /** the scope's own rows: level and group */
  readonly level: 'national' | 'region';
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
  readonly groupLabel: (id: string) => string;
  readonly cap: (t: string) => string;
  readonly rate: (r: MetricRow | undefined) => Cell;
  readonly counts: (r: MetricRow | undefined) => Cell;
  readonly ci: (r: MetricRow | undefined) => Cell;
  readonly statusOf: (r: MetricRow | undefined) => Status;
  readonly status: (r: MetricRow | undefined) => Cell;
  readonly target: (r: MetricRow | undefined) => Cell;
  readonly median: (r: MetricRow | undefined) => Cell;
}

export function makeView(ctx: ReportContext, scope: Scope): View {
  const s = STRINGS[ctx.language];
  const f = new NumberFormat(ctx.language);
  const { table, config } = ctx;
  const Y = table.year;
  const rows = table.metrics;
  const suppressedText = fill(s.suppressedMark, { n: config.publication.minCell });
  const regionCode = scope.kind === 'region' ? scope.code : null;
  const regionName = regionCode ? (ctx.regions.get(regionCode) ?? regionCode) : null;
  const level = regionCode ? 'region' : 'national';
  const group = regionCode ?? 'ALL';
  const regionLabel = (code: string) => ctx.regions.get(code) ?? code;
  const firstYear = Math.min(Y, ...rows.map((r) => r.year));
  const regionsOrdered = [...ctx.regions.keys()];
  // Lookups by key: one pass over the table instead of a scan per cell.
  const byKey = new Map<string, MetricRow>();
  const key = (metric: string, dim: string, year: number, lvl: string, grp: string) => [metric, dim, year, lvl, grp].join('\u0000');
  for (const r of rows) byKey.set(key(r.metric, r.form_type ?? r.site_group ?? r.interval ?? '', r.year, r.level, r.group), r);
  const statusOf = (r: MetricRow | undefined): Status => (!isShown(r) || r.met === null ? 'none' : r.met ? 'met' : 'not-met');

  return {
    ctx, s, f, lang: ctx.language, table, rows, Y,
    years: Array.from({ length: Y - firstYear + 1 }, (_, i) => firstYear + i),
    regionCode, regionName, level, group, regionsOrdered,
    unitsInScope: [
      ...[...ctx.units.values()].filter((u) => !regionCode || u.region === regionCode).sort((a, b) => a.name.localeCompare(b.name, ctx.language)),
      ...(regionCode ? [regionCode] : regionsOrdered).map((rc): UnitInfo => ({ code: pooledGroup(rc), name: fill(s.otherUnits, { region: regionLabel(rc) }), region: rc, centreFor: [] })),
    ],
    isScopeRow: (r) => r.level === level && r.group === group,
    cov: (ft, year, lvl, grp) => byKey.get(key('coverage', ft, year, lvl, grp)),
    cen: (sg, year, lvl, grp) => byKey.get(key('centralisation', sg, year, lvl, grp)),
    pt: (iv, year, lvl, grp) => byKey.get(key('pathway_time', iv, year, lvl, grp)),
    regionLabel,
    formLabel: (ft) => labelOf(s.forms, ft),
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
    statusOf,
    status: (r) => {
      const st = statusOf(r);
      const text = st === 'met' ? s.met : st === 'not-met' ? s.notMet : r && r.target === null ? s.noTarget : '';
      return { text: `${STATUS_MARK[st]} ${text}`.trim(), cls: `status ${st}` };
    },
    target: (r) => ({ text: r && r.target !== null ? f.target(r.target) : '', cls: 'num' }),
    median: (r) => (!isShown(r) || r.median_days === null ? { text: r?.withheld ? '' : '–', cls: 'num' } : { text: f.dec(r.median_days), cls: 'num' }),
  };
}
