// The table vocabulary of every printed document (annual report, worklist cover sheet).

/** Why a cell shows no number: primary suppression (n < min_cell) or complementary suppression. */
export type CellMark = 'suppressed' | 'complementary';

export interface Cell {
  readonly text: string;
  readonly cls?: string;
  /** Set on a withheld cell, so that the page can footnote what the mark means. */
  readonly mark?: CellMark;
}

export interface TableModel {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly numericFrom?: number;
  /** a line under the table, e.g. the key to its symbols */
  readonly note?: string;
}

/** Header cells aligned like their column, and short tables kept on one page. */
export function layoutTable(t: TableModel): TableModel & { headCells: Cell[]; keep: boolean } {
  const first = t.rows[0] ?? [];
  const headCells = t.head.map((text, i) => ({ text, cls: /\bnum\b/.test(first[i]?.cls ?? '') ? 'num' : '' }));
  return { ...t, headCells, keep: t.rows.length <= 25 };
}
