// Tables → .xlsx workbooks for Excel users: real numbers with number formats (Excel shows them in the
// reader's locale, e.g. "46,5 %" in Norwegian and Swedish Excel), a bold frozen header and filters.
import ExcelJS from 'exceljs';
import type { Config, Language } from '../config/types.js';
import type { PublishedTable } from '../metrics/published.js';
import { fill, NumberFormat, STRINGS } from '../print/i18n.js';
import { achievementLabel, groupName, indicators, moderateLevel, regionOf, withheldReason, type Names } from './indicators.js';
import { PUBLISH_STRINGS } from './strings.js';
import { withEntryTimes } from './zip-times.js';

export interface SheetColumn {
  readonly header: string;
  readonly width: number;
  /** an Excel number format code; none for text */
  readonly numFmt?: string;
}

export interface Sheet {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly (string | number | Date | null)[])[];
  /** false for a sheet of prose lines (no header, no filter) */
  readonly table?: boolean;
}

/**
 * A percent format on a fraction: 0.465 shows as "46,5 %" in a Nordic Excel and "46.5 %" in an English
 * one (Excel puts in the reader's decimal separator). The space before % is the Nordic convention.
 */
export const PERCENT_FORMAT = '0.0 %';
export const COUNT_FORMAT = '#,##0';
export const DAYS_FORMAT = '0.0';

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique regardless of case. */
export function sheetNames(labels: readonly string[]): string[] {
  const used = new Set<string>();
  return labels.map((l) => {
    const base = l.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** The workbook's bytes; `created` fixes the document dates and the zip's time stamps (SOURCE_DATE_EPOCH). */
export async function workbook(sheets: readonly Sheet[], created: Date): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'regreport';
  wb.created = created;
  wb.modified = created;
  for (const sh of sheets) {
    const ws = wb.addWorksheet(sh.name);
    ws.columns = sh.columns.map((c) => ({ header: sh.table === false ? undefined : c.header, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    if (sh.table === false) {
      for (const r of sh.rows) ws.addRow([...r]);
      continue;
    }
    ws.getRow(1).font = { bold: true };
    for (const r of sh.rows) ws.addRow([...r]);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sh.rows.length + 1), column: sh.columns.length } };
  }
  return withEntryTimes(new Uint8Array(await wb.xlsx.writeBuffer()), created);
}

/**
 * results.xlsx: a sheet about the numbers, then one sheet per indicator with a row per group and year
 * (nation, regions, units), from the published table: a withheld row has its keys and a note, no numbers.
 */
export function resultsSheets(table: PublishedTable, config: Config, names: Names, lang: Language): Sheet[] {
  const s = STRINGS[lang];
  const p = PUBLISH_STRINGS[lang];
  const minCell = config.publication.minCell;
  const list = indicators(table, config, lang);
  const titles = sheetNames(list.map((i) => i.label));
  const about: Sheet = {
    name: sheetNames([p.about, ...list.map((i) => i.label)])[0]!,
    table: false,
    columns: [{ header: '', width: 110 }],
    rows: [
      [table.registry],
      ...p.aboutLines.map((l) => [fill(l, { registry: table.registry, year: table.year, asof: new NumberFormat(lang).date(table.as_of), n: minCell })]),
      [],
      // The sheets; a name Excel cut to 31 characters is followed by the indicator's full name.
      ...list.map((i, k) => [titles[k] === i.label ? i.label : `${titles[k]}: ${i.label}`]),
    ],
  };
  const levelOrder = { national: 0, region: 1, unit: 2 } as const;
  const regionOrder = new Map([...names.regions.keys()].map((r, i) => [r, i]));
  const sheets = list.map((ind, k): Sheet => {
    const pathway = ind.metric === 'pathway_time';
    const rows = [...ind.rows]
      .map((r) => ({ r, name: groupName(r, names, lang), region: regionOf(r, names) }))
      .sort((a, b) => levelOrder[a.r.level] - levelOrder[b.r.level] || (regionOrder.get(a.region) ?? 99) - (regionOrder.get(b.region) ?? 99) || a.name.localeCompare(b.name, lang) || a.r.year - b.r.year)
      .map(({ r, name, region }) => [
        p.levels[r.level],
        region === '' ? '' : (names.regions.get(region) ?? region),
        name,
        r.year,
        r.numerator,
        r.denominator,
        r.value,
        r.ci_low,
        r.ci_high,
        r.target,
        moderateLevel(config, r.metric, r.year, table.year),
        achievementLabel(r, lang),
        ...(pathway ? [r.median_days] : []),
        withheldReason(r, minCell, lang),
      ]);
    return {
      name: titles[k]!,
      columns: [
        { header: p.level, width: 11 },
        { header: s.region, width: 22 },
        { header: s.unit, width: 34 },
        { header: s.year, width: 7 },
        { header: s.numerator, width: 9, numFmt: COUNT_FORMAT },
        { header: s.denominator, width: 9, numFmt: COUNT_FORMAT },
        { header: s.share, width: 9, numFmt: PERCENT_FORMAT },
        { header: p.ciLow, width: 9, numFmt: PERCENT_FORMAT },
        { header: p.ciHigh, width: 9, numFmt: PERCENT_FORMAT },
        { header: s.target, width: 8, numFmt: PERCENT_FORMAT },
        { header: p.moderate, width: 10, numFmt: PERCENT_FORMAT },
        { header: p.goalLevel, width: 22 },
        ...(pathway ? [{ header: s.medianDays, width: 10, numFmt: DAYS_FORMAT }] : []),
        { header: p.note, width: 10 },
      ],
      rows,
    };
  });
  return [about, ...sheets];
}
