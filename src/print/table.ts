// The table vocabulary of every printed document (annual report, worklist cover sheet).

/** Why a cell shows no number: primary suppression (n < min_cell) or complementary suppression. */
export type CellMark = 'suppressed' | 'complementary';

export interface Cell {
  readonly text: string;
  readonly cls?: string;
  /** Set on a withheld cell, so that the page can footnote what the mark means. */
  readonly mark?: CellMark;
  /**
   * A symbol printed before the text (a goal level's shape). alt: its words for screen readers and the
   * tagged PDF (a Figure with /Alt), when the words are not printed beside it; null when they are.
   */
  readonly symbol?: { readonly mark: string; readonly alt: string | null };
  /** columns the cell spans (a group heading row inside a table) */
  readonly span?: number;
}

export interface TableModel {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly numericFrom?: number;
  /** a line under the table, e.g. the key to its symbols */
  readonly note?: string;
}

/**
 * Header cells aligned like their column, and short tables kept on one page. A row of one spanning cell
 * heads a group: each group is a body of its own, kept on one page with its heading.
 */
export function layoutTable(t: TableModel): TableModel & { headCells: Cell[]; keep: boolean; bodies: { rows: (readonly Cell[])[]; grouped: boolean }[] } {
  const isGroupHead = (r: readonly Cell[]) => r.length === 1 && (r[0]?.span ?? 1) > 1;
  // The first full row: a group heading says nothing of the columns.
  const first = t.rows.find((r) => !isGroupHead(r)) ?? [];
  const headCells = t.head.map((text, i) => ({ text, cls: /\bnum\b/.test(first[i]?.cls ?? '') ? 'num' : '' }));
  const bodies: { rows: (readonly Cell[])[]; grouped: boolean }[] = [];
  for (const r of t.rows) {
    if (isGroupHead(r) || bodies.length === 0) bodies.push({ rows: [], grouped: isGroupHead(r) });
    bodies.at(-1)!.rows.push(r);
  }
  return { ...t, headCells, keep: t.rows.length <= 25, bodies };
}

/**
 * The longest name kept on one line: about 50 mm at the tables' 8 pt, which leaves room for the numbers of
 * A4 portrait. Longer names (a registry's own unit names can be long) wrap rather than push the table off the page.
 */
export const NOWRAP_NAME = 34;

/** A region's or unit's name in the first column: on one line when it fits (class name). */
export function nameCell(text: string, cls = ''): Cell {
  return { text, cls: [cls, text.length <= NOWRAP_NAME ? 'name' : ''].filter(Boolean).join(' ') };
}

/**
 * A region's name as a narrow column's heading: a soft hyphen before "region" inside a word lets the
 * Swedish and Norwegian compounds break there ("sjukvårds-/regionen", "Helse-/region") when the column is
 * narrow, and nowhere else; Chromium has no hyphenation dictionaries to do it by itself.
 */
export function regionHeading(name: string): string {
  return name.replace(/(\p{L})(region)/giu, '$1\u00ad$2');
}
