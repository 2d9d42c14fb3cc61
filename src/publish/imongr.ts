// Published metric table → imongr.csv, the indicator upload file of SKDE's results service (imongr):
// one row per indicator, year and organisation with the columns context, year, orgnr, ind_id, var,
// denominator. `caregiver` rows are units (coverage, pathway times: the unit responsible), `resident`
// rows are residence regions (centralisation). Only rows whose numbers are published and whose unit
// or region has an organisation number; imongr adds up the caregiver rows to health trust, region and
// nation itself.
import type { Config } from '../config/types.js';
import { isShown, type PublishedTable } from '../metrics/published.js';
import { toCsv } from '../output.js';

export const IMONGR_COLUMNS = ['context', 'year', 'orgnr', 'ind_id', 'var', 'denominator'] as const;

export interface ImongrRow {
  readonly context: 'caregiver' | 'resident';
  readonly year: number;
  readonly orgnr: string;
  readonly ind_id: string;
  readonly var: number;
  readonly denominator: number;
}

/** unit code → organisation number, for the units that have one. */
export type UnitOrgnr = ReadonlyMap<string, string>;

export function imongrRows(table: PublishedTable, config: Config, unitOrgnr: UnitOrgnr): ImongrRow[] {
  const ids = config.imongr?.indicators ?? [];
  const regionOrgnr = config.imongr?.regionOrgnr ?? {};
  const out: ImongrRow[] = [];
  for (const r of table.metrics) {
    if (!isShown(r)) continue;
    const key = r.metric === 'coverage' ? r.form_type : r.metric === 'centralisation' ? r.site_group : r.interval;
    const id = ids.find((i) => i.metric === r.metric && i.key === key)?.id;
    if (id === undefined) continue;
    // Centralisation is by the patient's residence region; the other indicators by the unit.
    const context = r.metric === 'centralisation' ? 'resident' : 'caregiver';
    const wanted = context === 'resident' ? 'region' : 'unit';
    if (r.level !== wanted) continue;
    const orgnr = context === 'resident' ? regionOrgnr[r.group] : unitOrgnr.get(r.group);
    if (orgnr === undefined) continue;
    out.push({ context, year: r.year, orgnr, ind_id: id, var: r.numerator, denominator: r.denominator });
  }
  return out.sort((a, b) => (a.ind_id < b.ind_id ? -1 : a.ind_id > b.ind_id ? 1 : 0) || a.year - b.year || (a.orgnr < b.orgnr ? -1 : a.orgnr > b.orgnr ? 1 : 0));
}

/**
 * The upload file: comma-separated, '.' decimals (there are none: var and denominator are counts),
 * UTF-8 without a byte-order mark, since imongr reads it with R's read.csv(fileEncoding = "UTF-8"),
 * which would keep a mark as part of the first column's name.
 */
export function imongrCsv(rows: readonly ImongrRow[]): string {
  return toCsv(IMONGR_COLUMNS, rows.map((r) => IMONGR_COLUMNS.map((c) => r[c])));
}
