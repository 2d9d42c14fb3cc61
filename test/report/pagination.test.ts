// Table-of-contents page numbers with as few prints as possible, against a fake layout: the "PDF" a fake
// printer returns is the page of each section as the layout puts it, so every case is worked by hand.
import { describe, expect, it } from 'vitest';
import type { PdfJob, Printer } from '../../src/print/pdf.js';
import type { ReportModel } from '../../src/report/model.js';
import { MAX_PRINTS, PageGuesses, printReport } from '../../src/report/pagination.js';

type Contents = ReportModel['contents'];

const contents = (pages: (number | null)[]): Contents => pages.map((page, i) => ({ id: `s${i}`, title: `Section ${i}`, page }));

function model(c: Contents): ReportModel {
  return { contents: c, registry: 'R', year: 2024, scopeName: null, s: { annualReport: 'Årsrapport', pageOf: ['Side', 'av'] } } as unknown as ReportModel;
}

/** A report whose sections start on `pages`, or on pages that depend on the printed numbers. */
function fakeLayout(layout: (printed: Contents) => number[]) {
  const html = new Map<string, Contents>();
  let prints = 0;
  let measures = 0;
  // A quick print lays the report out as a full one does; only the counts tell them apart.
  const pages = (job: PdfJob) => Promise.resolve(Buffer.from(JSON.stringify(layout(html.get(job.htmlPath)!))));
  const printer: Printer = {
    print(job: PdfJob) {
      prints++;
      return pages(job);
    },
    measure(job: PdfJob) {
      measures++;
      return pages(job);
    },
    close: () => Promise.resolve(),
  };
  const stage = { path: (n: string) => `/stage/${n}`, write: async () => {} };
  return {
    printer,
    stage,
    io: {
      render: (m: ReportModel) => {
        html.set('/stage/r.html', m.contents);
        return '';
      },
      readPages: (pdf: Buffer) => new Map((JSON.parse(pdf.toString()) as number[]).map((p, i) => [`s${i}`, p])),
    },
    prints: () => prints,
    measures: () => measures,
  };
}

describe('table-of-contents pages', () => {
  it('a report with no guess is measured by a quick print, then printed once with the pages it read', async () => {
    const f = fakeLayout(() => [2, 3, 7]);
    const guesses = new PageGuesses();
    expect(await printReport(f.printer, f.stage, 'r', model(contents([null, null, null])), 'unit', guesses, f.io)).toEqual({ measured: 1, printed: 1 });
    // The second report of the same shape starts from the first one's pages: no quick print.
    const g = fakeLayout(() => [2, 3, 7]);
    expect(await printReport(g.printer, g.stage, 'r', model(contents([null, null, null])), 'unit', guesses, g.io)).toEqual({ measured: 0, printed: 1 });
    expect([f.prints(), f.measures(), g.prints(), g.measures()]).toEqual([1, 1, 1, 0]);
  });

  it('numbers that move the pages once they are printed cost a second full print', async () => {
    // The quick print has no numbers on the contents page; with them, the last section moves on a page.
    const f = fakeLayout((printed) => (printed[0]?.page == null ? [2, 3, 7] : [2, 3, 8]));
    const guesses = new PageGuesses();
    expect(await printReport(f.printer, f.stage, 'r', model(contents([null, null, null])), 'national', guesses, f.io)).toEqual({ measured: 1, printed: 2 });
    expect(guesses.guess('national', contents([null, null, null]))!.map((c) => c.page)).toEqual([2, 3, 8]);
  });

  it('a wrong guess costs one more print and gives the right pages', async () => {
    const guesses = new PageGuesses();
    guesses.learn('unit', contents([2, 3, 7]));
    const f = fakeLayout(() => [2, 4, 8]);
    expect(await printReport(f.printer, f.stage, 'r', model(contents([null, null, null])), 'unit', guesses, f.io)).toEqual({ measured: 0, printed: 2 });
    // What it learnt is what this report's own PDF said.
    expect(guesses.guess('unit', contents([null, null, null]))!.map((c) => c.page)).toEqual([2, 4, 8]);
  });

  it('guesses are kept apart by kind of report and by chapters', () => {
    const guesses = new PageGuesses();
    guesses.learn('unit', contents([2, 3, 7]));
    expect(guesses.guess('region', contents([null, null, null]))).toBeNull();
    expect(guesses.guess('unit', contents([null, null]))).toBeNull();
    const retitled = contents([null, null, null]).map((c, i) => (i === 1 ? { ...c, title: 'Other' } : c));
    expect(guesses.guess('unit', retitled)).toBeNull();
    expect(guesses.guess('unit', contents([null, null, null]))!.map((c) => c.page)).toEqual([2, 3, 7]);
  });

  it('pages that keep moving with the printed numbers stop after the last allowed print', async () => {
    // Each print's numbers push the last two sections to where the print before did not put them.
    const f = fakeLayout((printed) => ((printed[2]?.page ?? 0) === 10 ? [2, 9, 11] : [2, 10, 10]));
    expect(await printReport(f.printer, f.stage, 'r', model(contents([null, null, null])), 'national', new PageGuesses(), f.io)).toEqual({ measured: 1, printed: MAX_PRINTS });
    expect(f.prints()).toBe(MAX_PRINTS);
  });
});
