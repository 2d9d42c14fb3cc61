// The annual report batch. The steps of a build:
//   1. context: the published metric table (withheld rows without numbers), labels, row accounting;
//   2. scopes: national, each region, each unit (--scope);
//   3. sections per scope: one view model per report (src/report/sections/);
//   4. HTML: the model through the Handlebars templates, one self-contained file per report;
//   5. PDF: each HTML file printed by one headless Chromium as soon as it is ready, two reports at a
//      time, and again while the table of contents' page numbers move (pagination.ts);
//   3.–5. run per report, so the next report's charts are drawn while Chromium prints the last one;
//   6. metric files: published ones beside the reports, in-house ones under internal/.
// Everything is staged and renamed into place together, so an interrupted run leaves nothing half-written.
import { relative } from 'node:path';
import type { Language } from '../config/types.js';
import type { InputFingerprint } from '../load/inputs.js';
import type { LoadedExtract } from '../load/loader.js';
import type { MetricResult } from '../metrics/metrics.js';
import { stageInHouseFiles, stagePublishedFiles } from '../metrics/files.js';
import { writeAtomically } from '../output.js';
import { codeFileNames } from '../output-names.js';
import { eachConcurrently, PRINT_CONCURRENCY, startPrinter, type Printer } from '../print/pdf.js';
import { SILENT, type Progress } from '../progress.js';
import { reportContext, type Scope } from './context.js';
import { buildModel } from './model.js';
import { PageGuesses, printReport, type Prints } from './pagination.js';

export type ScopeOption = 'national' | 'regions' | 'units' | 'all';

export interface BuildResult {
  readonly written: readonly string[];
  readonly reports: number;
  /** quick prints for page breaks and full prints, over all reports (pagination.ts) */
  readonly prints: Prints;
}

export async function buildReports(x: LoadedExtract, result: MetricResult, opts: { out: string; language: Language; scope: ScopeOption; inputs: readonly InputFingerprint[]; printer?: Printer; progress?: Progress }): Promise<BuildResult> {
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
  const guesses = new PageGuesses();
  const ownPrinter = opts.printer ? null : await startPrinter();
  const printer = opts.printer ?? ownPrinter!;
  try {
    const prints = { measured: 0, printed: 0 };
    const written = await writeAtomically(opts.out, async (stage) => {
      // 3.–5. per report, two at a time: while Chromium prints one report, this process builds the
      // next one's charts and HTML.
      const reports = progress.begin('reports', 'render and print reports', { total: scopes.length, unit: 'reports' });
      await eachConcurrently(scopes, PRINT_CONCURRENCY, async (scope) => {
        const name = `report-${table.year}-${scope.kind === 'national' ? 'national' : `${scope.kind}-${fileNames[scope.kind].get(scope.code)!}`}`;
        const model = await buildModel(ctx, scope);
        const { measured, printed } = await printReport(printer, stage, name, model, scope.kind, guesses);
        prints.measured += measured;
        prints.printed += printed;
        reports.advance(`${name}.pdf${printed > 1 ? ` (printed ${printed} times for the contents' page numbers)` : ''}`);
      });
      reports.end();
      // 6. Metric files.
      const files = progress.begin('files', 'metric files');
      await stagePublishedFiles(x.db, stage, result.published);
      await stageInHouseFiles(x.db, stage, result.table);
      files.end();
    }, { manifest: true });
    return { written: written.map((w) => relative(opts.out, w)), reports: scopes.length, prints };
  } finally {
    await ownPrinter?.close();
  }
}
