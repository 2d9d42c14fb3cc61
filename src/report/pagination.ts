// Page numbers for the table of contents. Chromium does not implement CSS target-counter(), so a
// report's page numbers are read from its printed PDF (toc.ts) and, when they differ from the ones
// printed on its contents page, the report is printed again with them.
//
// To print most reports only once, each report starts from the page numbers of a finished report of
// the same kind and the same chapters (the unit reports are alike, so are the regional ones); a guess is
// only a first try: every PDF's own destinations are checked, and a wrong guess costs the reprint that
// every report used to need.
import type { Staging } from '../output.js';
import type { PdfJob, Printer } from '../print/pdf.js';
import type { Scope } from './context.js';
import { renderHtml } from './html.js';
import type { ReportModel } from './model.js';
import { destinationPages } from './toc.js';

type Contents = ReportModel['contents'];

/** At most this many prints of one report: the numbers settle after two at the latest. */
export const MAX_PRINTS = 3;

/** How a report got its page numbers: quick prints for the page breaks only, and full prints. */
export interface Prints {
  readonly measured: number;
  readonly printed: number;
}

export class PageGuesses {
  private readonly pages = new Map<string, Contents>();

  private static key(kind: Scope['kind'], contents: Contents): string {
    return JSON.stringify([kind, contents.map((c) => [c.id, c.title])]);
  }

  /** The contents with the pages of a finished report of the same shape, or null if none is finished. */
  guess(kind: Scope['kind'], contents: Contents): Contents | null {
    return this.pages.get(PageGuesses.key(kind, contents)) ?? null;
  }

  /** Records contents whose pages a print confirmed. */
  learn(kind: Scope['kind'], contents: Contents): void {
    this.pages.set(PageGuesses.key(kind, contents), contents);
  }
}

/** The contents with the pages read from a print; entries without a destination keep no page. */
export function withPages(contents: Contents, pages: ReadonlyMap<string, number>): Contents {
  return contents.map((c) => ({ ...c, page: pages.get(c.id) ?? null }));
}

export function samePages(a: Contents, b: Contents): boolean {
  return a.length === b.length && a.every((c, i) => c.page === b[i]!.page);
}

/**
 * 4. HTML and 5. PDF of one report: printed with the best page numbers known for its contents, then
 * again while the pages read from the PDF differ from the printed ones. With no finished report of
 * its shape to start from, a quick print (Printer.measure: the same page breaks at half the cost)
 * finds the pages first, so the full print usually needs doing once.
 */
export async function printReport(
  printer: Printer, stage: Pick<Staging, 'path' | 'write'>, name: string, built: ReportModel, kind: Scope['kind'], guesses: PageGuesses,
  // the HTML and the reading of a PDF's pages; a test puts a fake layout in their place
  io: { render: (m: ReportModel) => string; readPages: (pdf: Buffer) => ReadonlyMap<string, number> } = { render: renderHtml, readPages: destinationPages },
): Promise<Prints> {
  const job: PdfJob = {
    htmlPath: stage.path(`${name}.html`),
    pdfPath: stage.path(`${name}.pdf`),
    headerLeft: built.registry,
    headerRight: `${built.s.annualReport} ${built.year}${built.scopeName ? ` – ${built.scopeName}` : ''}`,
    pageOf: built.s.pageOf as [string, string],
  };
  let model: ReportModel = built;
  let measured = 0;
  const guess = guesses.guess(kind, built.contents);
  if (guess !== null) {
    model = { ...built, contents: guess };
  } else {
    await stage.write(`${name}.html`, io.render(model));
    model = { ...model, contents: withPages(model.contents, io.readPages(await printer.measure(job))) };
    measured = 1;
  }
  for (let printed = 1; ; printed++) {
    await stage.write(`${name}.html`, io.render(model));
    const contents = withPages(model.contents, io.readPages(await printer.print(job)));
    if (samePages(contents, model.contents)) {
      guesses.learn(kind, contents);
      return { measured, printed };
    }
    if (printed === MAX_PRINTS) return { measured, printed };
    model = { ...model, contents };
  }
}
