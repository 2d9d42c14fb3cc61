// The publishing package, from the published metric table alone, staged and renamed into place together:
//   1. metrics-published.csv/.parquet   the table itself (withheld rows blank)
//   2. imongr.csv                       SKDE's indicator upload file
//   3. results.xlsx                     one sheet per indicator, for Excel
//   4. results.html                     the offline interactive results page
//   5. figure-<lang>-<report>-NN-*.svg  the charts of the national and regional reports as SVG and
//      and .png                         300 dpi PNG, and
//      figures-<lang>.md                their list (flat: the staging folder renames files, not folders)
// Nothing in-house is written here: the folder can be handed on as it is.
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Language } from '../config/types.js';
import type { LoadedExtract } from '../load/loader.js';
import type { MetricResult } from '../metrics/metrics.js';
import { stagePublishedFiles } from '../metrics/files.js';
import { writeAtomically } from '../output.js';
import { reportContext } from '../report/context.js';
import { generationTime } from '../print/clock.js';
import { figureBase, figuresMarkdown, reportFigures } from './figures.js';
import { imongrCsv, imongrRows } from './imongr.js';
import type { Names } from './indicators.js';
import { pageData, resultsHtml } from './page.js';
import { svgToPng } from './png.js';
import { inStep, SILENT, type Progress } from '../progress.js';
import { resultsSheets, workbook } from './xlsx.js';

export interface PublishResult {
  readonly written: readonly string[];
  readonly figures: number;
  readonly imongrRows: number;
}

/** Units (with their organisation numbers) and regions in the report's order. */
export async function namesOf(x: LoadedExtract, regions: ReadonlyMap<string, string>): Promise<Names> {
  const rows = await x.db.all<{ unit_code: string; unit_name: string; region_code: string; orgnr: string | null }>(
    'SELECT unit_code, unit_name, region_code, orgnr FROM clean_units ORDER BY line',
  );
  return { units: new Map(rows.map((u) => [u.unit_code, { name: u.unit_name, region: u.region_code, orgnr: u.orgnr }])), regions };
}

/** `languages`: the first is the language of results.xlsx and results.html; figures come in each. */
export async function publish(x: LoadedExtract, result: MetricResult, opts: { out: string; languages: readonly Language[]; progress?: Progress }): Promise<PublishResult> {
  const progress = opts.progress ?? SILENT;
  const [lang] = opts.languages;
  if (lang === undefined) throw new Error('publish: no language');
  const ctx = await reportContext(x, result, lang);
  const names = await namesOf(x, ctx.regions);
  const unitOrgnr = new Map([...names.units].flatMap(([code, u]) => (u.orgnr ? [[code, u.orgnr] as const] : [])));
  const imongr = imongrRows(ctx.table, x.config, unitOrgnr);
  const created = new Date(generationTime());
  let figures = 0;
  const written = await writeAtomically(opts.out, async (stage) => {
    await inStep(progress, 'reports', 'imongr.csv, results.xlsx and results.html', async () => {
      await stagePublishedFiles(x.db, stage, result.published);
      await stage.write('imongr.csv', imongrCsv(imongr));
      await stage.write('results.xlsx', await workbook(resultsSheets(ctx.table, x.config, names, lang), created));
      await stage.write('results.html', resultsHtml(pageData(ctx.table, x.config, names, lang)));
    });
    for (const l of opts.languages) {
      const lctx = l === lang ? ctx : { ...ctx, language: l };
      const figs = await inStep(progress, 'reports', `charts (${l})`, () => reportFigures(lctx));
      // PNGs at 300 dpi are the slow part: one counted step, so the time left can be told.
      const drawing = progress.begin('reports', `figures as SVG and PNG (${l})`, { total: figs.length, unit: 'figures' });
      for (const fig of figs) {
        await stage.write(`${figureBase(fig, l)}.svg`, fig.svg);
        await stage.write(`${figureBase(fig, l)}.png`, svgToPng(fig.svg));
        drawing.advance(`${figureBase(fig, l)}.png`);
      }
      drawing.end();
      await stage.write(`figures-${l}.md`, figuresMarkdown(figs, lctx));
      figures += figs.length;
    }
  });
  // Figures of an earlier run that this one did not make (a region or language since dropped) would
  // be handed on with the package: remove them.
  const made = new Set(written.map((w) => basename(w)));
  for (const f of await readdir(opts.out)) {
    if (/^(figure-[a-z]{2}-.+\.(svg|png)|figures-[a-z]{2}\.md)$/.test(f) && !made.has(f)) await rm(join(opts.out, f));
  }
  return { written: [...made], figures, imongrRows: imongr.length };
}
