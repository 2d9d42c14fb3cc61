// Row accounting and the data-quality table: what the tool prints and writes about rejected rows.
import type { Db } from '../db.js';
import { TABLES, type Rule } from './contract.js';
import type { LoadedExtract } from './loader.js';

export const DQ_HEADER = ['table', 'line', 'column', 'value', 'rule'] as const;

export interface DqRow {
  readonly table: string;
  readonly line: string;
  readonly column: string;
  readonly value: string | null;
  readonly rule: Rule;
}

/** Every rejected row and every negative interval, by table, line and rule. */
export async function dataQualityRows(db: Db): Promise<DqRow[]> {
  return db.all<DqRow>(
    'SELECT "table", line, "column", value, rule FROM dq ORDER BY table_ord, line, rule, "column", value',
  );
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
