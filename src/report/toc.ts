// The page of each section of a printed report, from the PDF's named destinations (Chromium writes one
// per element that an internal link points to, here the table of contents' entries); see pagination.ts.

/** The text of object `n 0 obj … endobj` (dictionaries only: the objects read here have no stream). */
function objectText(pdf: string, n: number): string | null {
  const m = new RegExp(`(?:^|[\\r\\n])${n} 0 obj\\b`).exec(pdf);
  if (!m) return null;
  const end = pdf.indexOf('endobj', m.index);
  return end < 0 ? null : pdf.slice(m.index + m[0].length, end);
}

/** The page objects in document order, through the page tree from the catalog's /Pages. */
function pageOrder(pdf: string, root: number): number[] {
  const out: number[] = [];
  const visit = (n: number, depth: number) => {
    const o = objectText(pdf, n);
    if (!o || depth > 32) return;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o);
    if (/\/Type\s*\/Pages\b/.test(o) && kids) for (const k of kids[1]!.matchAll(/(\d+)\s+0\s+R/g)) visit(Number(k[1]), depth + 1);
    else out.push(n);
  };
  visit(root, 0);
  return out;
}

/** Named destination → 1-based page number, from a PDF printed by Chromium. */
export function destinationPages(bytes: Buffer): Map<string, number> {
  const pdf = bytes.toString('latin1');
  const pages = new Map<number, number>();
  const catalog = /\/Type\s*\/Catalog\b[^]*?\/Pages\s+(\d+)\s+0\s+R/.exec(pdf);
  const dests = /\/Type\s*\/Catalog\b[^]*?\/Dests\s+(\d+)\s+0\s+R/.exec(pdf);
  const result = new Map<string, number>();
  if (!catalog || !dests) return result;
  pageOrder(pdf, Number(catalog[1])).forEach((obj, i) => pages.set(obj, i + 1));
  const dict = objectText(pdf, Number(dests[1])) ?? '';
  for (const m of dict.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const name = m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const page = pages.get(Number(m[2]));
    if (page !== undefined) result.set(name, page);
  }
  return result;
}
