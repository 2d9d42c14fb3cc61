// Published metric table + config → the indicators as a results page lists them: one per coverage form
// type, centralisation site group (ALL first) and pathway interval, each with its label and rows.
import type { Config, Language } from '../config/types.js';
import type { PublishedRow, PublishedTable } from '../metrics/published.js';
import type { MetricName } from '../metrics/table.js';
import { pooledRegion } from '../metrics/published.js';
import { fill, STRINGS } from '../print/i18n.js';
import { PUBLISH_STRINGS } from './strings.js';

export interface Indicator {
  /** e.g. coverage:registration, centralisation:ALL, pathway_time:OF1 */
  readonly id: string;
  readonly metric: MetricName;
  /** the form type, site group or interval id */
  readonly key: string;
  readonly label: string;
  readonly rows: readonly PublishedRow[];
}

export interface Names {
  readonly units: ReadonlyMap<string, { readonly name: string; readonly region: string; readonly orgnr: string | null }>;
  /** region code → display name, in display order */
  readonly regions: ReadonlyMap<string, string>;
}

export function indicators(table: PublishedTable, config: Config, lang: Language): Indicator[] {
  const s = STRINGS[lang];
  const out: Indicator[] = [];
  const add = (metric: MetricName, key: string, label: string, pick: (r: PublishedRow) => boolean) => {
    const rows = table.metrics.filter((r) => r.metric === metric && pick(r));
    if (rows.length) out.push({ id: `${metric}:${key}`, metric, key, label, rows });
  };
  for (const ft of config.coverage.formTypes) add('coverage', ft, `${s.coverage}, ${s.forms[ft] ?? ft}`, (r) => r.form_type === ft);
  for (const sg of ['ALL', ...config.cohort.siteGroups.map((g) => g.id)]) {
    const group = sg === 'ALL' ? s.all.toLowerCase() : config.cohort.siteGroups.find((g) => g.id === sg)!.label[lang];
    add('centralisation', sg, `${s.centralisation}, ${group}`, (r) => r.site_group === sg);
  }
  for (const iv of config.pathway?.intervals ?? []) {
    add('pathway_time', iv.id, `${s.pathway}, ${iv.id} (≤ ${iv.normDays} ${s.days})`, (r) => r.interval === iv.id);
  }
  return out;
}

/** The display name of a row's group: the nation, a region, a unit or a region's pooled small units. */
export function groupName(r: Pick<PublishedRow, 'level' | 'group'>, names: Names, lang: Language): string {
  const s = STRINGS[lang];
  if (r.level === 'national') return s.national;
  if (r.level === 'region') return names.regions.get(r.group) ?? r.group;
  const pooled = pooledRegion(r.group);
  if (pooled !== null) return fill(s.otherUnits, { region: names.regions.get(pooled) ?? pooled });
  return names.units.get(r.group)?.name ?? r.group;
}

/** The region a row belongs to ('' for the nation). */
export function regionOf(r: Pick<PublishedRow, 'level' | 'group'>, names: Names): string {
  if (r.level === 'national') return '';
  if (r.level === 'region') return r.group;
  return pooledRegion(r.group) ?? names.units.get(r.group)?.region ?? '';
}

/** Why a withheld row shows no numbers, in words ("n < 5" or "hidden"); '' for a shown row. */
export function withheldReason(r: Pick<PublishedRow, 'withheld' | 'suppressed'>, minCell: number, lang: Language): string {
  if (!r.withheld) return '';
  const s = STRINGS[lang];
  return r.suppressed ? fill(s.suppressedMark, { n: minCell }) : s.complementaryMark;
}

/** The goal level of a row in words, or ''. */
export function achievementLabel(r: Pick<PublishedRow, 'achievement'>, lang: Language): string {
  return r.achievement === null ? '' : PUBLISH_STRINGS[lang].achievement[r.achievement];
}

/** The moderate goal level of an indicator in a year (metrics.md §4, achievement), or null. */
export function moderateLevel(config: Config, metric: MetricName, year: number, reportYear: number): number | null {
  switch (metric) {
    case 'coverage':
      return year === reportYear ? config.coverage.moderateCurrentYear : config.coverage.moderatePreviousYear;
    case 'centralisation':
      return config.centralisation.moderate;
    case 'pathway_time':
      return config.pathway?.complianceModerate ?? null;
  }
}
