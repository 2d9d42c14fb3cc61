// A unit's worklist as an .xlsx twin of its CSV, for staff who live in Excel: the same columns and rows,
// ids as text (leading zeros kept), the diagnosis date as a date, a frozen header and filters.
import { workbook, type SheetColumn } from '../publish/xlsx.js';
import { WORKLIST_COLUMNS, type WorklistRow } from './worklist.js';

const WIDTHS: Record<(typeof WORKLIST_COLUMNS)[number], number> = {
  unit_code: 10, unit_name: 32, case_id: 16, patient_id: 16, diagnosis_date: 14, diagnosis_year: 14, site_group: 16, missing: 24,
};

export async function worklistXlsx(unitCode: string, rows: readonly WorklistRow[], created: Date): Promise<Uint8Array> {
  const columns: SheetColumn[] = WORKLIST_COLUMNS.map((c) => ({ header: c, width: WIDTHS[c], ...(c === 'diagnosis_date' ? { numFmt: 'yyyy-mm-dd' } : {}) }));
  // The SQL gives the year as text (a BIGINT); in Excel it is a number.
  const cells = rows.map((r) => WORKLIST_COLUMNS.map((c) => (c === 'diagnosis_date' ? new Date(`${r.diagnosis_date}T00:00:00Z`) : c === 'diagnosis_year' ? Number(r[c]) : r[c])));
  return workbook([{ name: unitCode.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'worklist', columns, rows: cells }], created);
}
