// The annual report batch. The steps of a build:
//   1. context: the published metric table (withheld rows without numbers), labels, row accounting;
//   2. scopes: national, each region, each unit (--scope);
//   3. sections per scope: one view model per report (src/report/sections/);
//   4. HTML: the model through the Handlebars templates, one self-contained file per report;
//   5. PDF: every HTML file printed by one headless Chromium, then again with the page numbers of the
//      table of contents read from the first print (toc.ts), until they no longer move;
//   6. metric files: published ones beside the reports, in-house ones under internal/.
// Everything is staged and renamed into place together, so an interrupted run leaves nothing half-written.
import { basename, relative } from 'node:path';
import type { Language } from '../config/types.js';
import type { InputFingerprint } from '../load/inputs.js';
import type { LoadedExtract } from '../load/loader.js';
import type { MetricResult } from '../metrics/metrics.js';
import { stageInHouseFiles, stagePublishedFiles } from '../metrics/files.js';
import { writeAtomically } from '../output.js';
import { codeFileNames } from '../output-names.js';
import { printPdfs, type PdfJob } from '../print/pdf.js';
import { SILENT, type Progress } from '../progress.js';
import { reportContext, type Scope } from './context.js';
import { renderHtml } from './html.js';
import { buildModel, type ReportModel } from './model.js';
import { readDestinationPages } from './toc.js';


export type ScopeOption = 'national' | 'regions' | 'units' | 'all';

export interface BuildResult {
  readonly written: readonly string[];
  readonly reports: number;
}

export async function buildReports(x: LoadedExtract, result: MetricResult, opts: { out: string; language: Language; scope: ScopeOption; inputs: readonly InputFingerprint[]; progress?: Progress }): Promise<BuildResult> {
  const progress = opts.progress ?? SILENT;
  // 1. Context.
  const ctx = await reportContext(x, result, opts.language, opts.inputs);
  const { table } = ctx;
  // 2. Scopes.
  const scopes: Scope[] = [];
  const wanted = (s: Exclude<ScopeOption, 'all'>) => opts.scope === 'all' || opts.scope === s;
  if (wanted('national')) scopes.push({ kind: 'national' });
  if (wanted('regions')) for (const code of ctx.regions.keys()) scopes.push({ kind: 'region', code });
  // A unit report for every unit with a published row of its own (small units pooled or withheld
  // in every year have none: nothing could be printed for them).
  if (wanted('units')) for (const code of ctx.units.keys()) if (table.metrics.some((r) => r.level === 'unit' && r.group === code)) scopes.push({ kind: 'unit', code });
  const fileNames = { region: codeFileNames(ctx.regions.keys()), unit: codeFileNames(ctx.units.keys()) };
  let reports = 0;
  const written = await writeAtomically(opts.out, async (stage) => {
    const jobs: PdfJob[] = [];
    const printed: { model: ReportModel; name: string }[] = [];
    const rendering = progress.begin('reports', 'render reports', { total: scopes.length, unit: 'reports' });
    for (const scope of scopes) {
      // 3. Sections, and 4. HTML.
      const model = await buildModel(ctx, scope);
      const name = `report-${table.year}-${scope.kind === 'national' ? 'national' : `${scope.kind}-${fileNames[scope.kind].get(scope.code)!}`}`;
      await stage.write(`${name}.html`, renderHtml(model));
      printed.push({ model, name });
      jobs.push({
        htmlPath: stage.path(`${name}.html`),
        pdfPath: stage.path(`${name}.pdf`),
        headerLeft: model.registry,
        headerRight: `${model.s.annualReport} ${table.year}${model.scopeName ? ` – ${model.scopeName}` : ''}`,
        pageOf: model.s.pageOf as [string, string],
      });
      reports++;
      rendering.advance(`${name}.html`);
    }
    rendering.end();
    // 5. PDF, printed again while the page numbers of the contents change (at most three prints).
    await printWithProgress(progress, 'print reports', jobs);
    let pending = printed;
    for (let pass = 0; pass < 2 && pending.length; pass++) {
      const again: typeof printed = [];
      for (const p of pending) {
        const pages = await readDestinationPages(stage.path(`${p.name}.pdf`));
        const contents = p.model.contents.map((c) => ({ ...c, page: pages.get(c.id) ?? null }));
        if (contents.every((c, i) => c.page === p.model.contents[i]!.page)) continue;
        p.model = { ...p.model, contents };
        await stage.write(`${p.name}.html`, renderHtml(p.model));
        again.push(p);
      }
      await printWithProgress(progress, `print again for the contents' page numbers`, jobs.filter((j) => again.some((p) => j.htmlPath === stage.path(`${p.name}.html`))));
      pending = again;
    }
    // 6. Metric files.
    const files = progress.begin('files', 'metric files');
    await stagePublishedFiles(x.db, stage, result.published);
    await stageInHouseFiles(x.db, stage, result.table);
    files.end();
  }, { manifest: true });
  return { written: written.map((w) => relative(opts.out, w)), reports };
}

/** printPdfs as one counted step: each PDF printed is one report done. */
async function printWithProgress(progress: Progress, label: string, jobs: readonly PdfJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const step = progress.begin('reports', label, { total: jobs.length, unit: 'reports' });
  await printPdfs(jobs, undefined, (job) => step.advance(basename(job.pdfPath)));
  step.end();
}
