// A report view over a hand-made published table: three units in two regions, rows written out by hand.
import { parseConfig } from '../../src/config/config.js';
import type { Language } from '../../src/config/types.js';
import { blankWithheld } from '../../src/metrics/published.js';
import type { Achievement, Level, MetricName, MetricRow } from '../../src/metrics/table.js';
import type { ReportContext, Scope } from '../../src/report/context.js';
import { makeView, type View } from '../../src/report/view.js';
import { BASE_YAML, PATHWAY_YAML } from '../helpers.js';

export interface HandRow {
  metric?: MetricName;
  dim?: string;
  year: number;
  level: Level;
  group: string;
  n: number;
  d: number;
  target?: number | null;
  withheld?: boolean;
  achievement?: Achievement | null;
}

/** A metric row from the hand-written fields; withheld rows are blanked as in the published table. */
export function row(h: HandRow): MetricRow {
  const metric = h.metric ?? 'coverage';
  const dim = h.dim ?? 'registration';
  const target = h.target === undefined ? 0.8 : h.target;
  const value = h.n / h.d;
  return {
    metric,
    form_type: metric === 'coverage' ? dim : null,
    site_group: metric === 'centralisation' ? dim : null,
    interval: metric === 'pathway_time' ? dim : null,
    year: h.year, level: h.level, group: h.group,
    numerator: h.n, denominator: h.d, value, ci_low: 0, ci_high: 1,
    target, met: target === null ? null : value >= target, median_days: metric === 'pathway_time' ? 10 : null,
    suppressed: h.d < 5, withheld: h.withheld ?? h.d < 5,
    achievement: h.achievement === undefined ? (target === null ? null : value >= target ? 'high' : 'low') : h.achievement,
  };
}

export const UNITS = [
  { code: 'A', name: 'Alfa sykehus', region: 'R1', centreFor: [] },
  { code: 'B', name: 'Beta sykehus', region: 'R1', centreFor: [] },
  { code: 'C', name: 'Gamma sykehus', region: 'R2', centreFor: [] },
];

export function view(rows: readonly HandRow[], scope: Scope = { kind: 'national' }, language: Language = 'nb', yaml = BASE_YAML + PATHWAY_YAML): View {
  const config = parseConfig(yaml);
  const ctx: ReportContext = {
    table: { registry: 'Testregister', year: 2024, as_of: '2025-03-31', tables: {}, metrics: rows.map((h) => blankWithheld(row(h))) },
    config, language,
    units: new Map(UNITS.map((u) => [u.code, u])),
    regions: new Map([['R1', 'Region Én'], ['R2', 'Region To']]),
    accounting: {}, dqCounts: [], dqByRegion: new Map(), files: [], warnings: [], texts: {}, logo: null, characteristics: null, generated: '2025-04-01T00:00:00Z', version: 'test',
  };
  return makeView(ctx, scope);
}
