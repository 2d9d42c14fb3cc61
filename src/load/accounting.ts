// Row accounting and the data-quality table: what the tool prints and writes about rejected rows.
import type { Db } from '../db.js';
import { toCsv } from '../output.js';
import { RULES, TABLES, type Rule } from './contract.js';
import type { LoadedExtract } from './loader.js';

/** data-quality.csv's columns; `id` is the record's own id (unit_code, case_id, form_id, pathway_id). */
export const DQ_HEADER = ['table', 'line', 'id', 'column', 'value', 'rule'] as const;

export interface DqRow {
  readonly table: string;
  readonly line: string;
  readonly id: string | null;
  readonly column: string;
  readonly value: string | null;
  readonly rule: Rule;
}

/** Every rejected row and every negative interval, by table, line and rule. */
export async function dataQualityRows(db: Db): Promise<DqRow[]> {
  return db.all<DqRow>(
    'SELECT "table", line, id, "column", value, rule FROM dq ORDER BY table_ord, line, rule, "column", value',
  );
}

/** data-quality.csv: every rejected row and every negative interval. */
export function dataQualityCsv(rows: readonly DqRow[]): string {
  return toCsv(DQ_HEADER, rows.map((r) => [r.table, r.line, r.id, r.column, r.value, r.rule]));
}

/** The first rejected row of each rule in each table, for `validate` to show what a rule caught. */
export async function ruleExamples(db: Db): Promise<DqRow[]> {
  const rows = await db.all<DqRow & { table_ord: number }>(
    `SELECT DISTINCT ON (table_ord, rule) "table", line, id, "column", value, rule, table_ord FROM dq ORDER BY table_ord, rule, line`,
  );
  // In the contract's rule order, the order the checks run in.
  const order = (r: Rule) => (RULES as readonly string[]).indexOf(r) >>> 0;
  return rows.sort((a, b) => a.table_ord - b.table_ord || order(a.rule) - order(b.rule)).map(({ table_ord: _, ...r }) => r);
}

/** One line per file: its name and how it was read. */
export function formatEncodings(x: LoadedExtract): string {
  return x.files.map((f) => `${f.name} (${x.encodings[f.table] ?? f.format})`).join(', ');
}

/** The reconciliation printed by every command: read = used (+ out of scope) + rejected, per table. */
export function formatAccounting(x: LoadedExtract): string {
  const rows: string[][] = [['table', 'read', 'used', 'out of scope', 'rejected', 'rejected by rule']];
  for (const t of TABLES) {
    const a = x.accounting[t];
    if (!a) continue;
    const rules = Object.entries(a.rules)
      .map(([r, n]) => `${r} ${n}`)
      .join(', ');
    rows.push([t, String(a.read), String(a.used), a.out_of_scope === undefined ? '' : String(a.out_of_scope), String(a.rejected), rules]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

/** Ignored columns, one line per table, for the load summary. */
export function formatIgnored(x: LoadedExtract): string[] {
  return TABLES.flatMap((t) => {
    const cols = x.ignoredColumns[t];
    return cols && cols.length ? [`${t}: ignored column(s) not in the contract: ${cols.join(', ')}`] : [];
  });
}

export function accountingBalances(x: LoadedExtract): boolean {
  return TABLES.every((t) => {
    const a = x.accounting[t];
    return !a || a.read === a.used + a.rejected + (a.out_of_scope ?? 0);
  });
}
