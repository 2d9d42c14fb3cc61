// The commands that print PDFs with the headless browser: build (the annual report) and worklist.
import { resolve } from 'node:path';
import { EXIT, InputError } from '../errors.js';
import { computeMetricResult, computeMetrics } from '../metrics/metrics.js';
import { formatSummary } from '../metrics/summary.js';
import { inStep } from '../progress.js';
import type { ScopeOption } from '../report/build.js';
import { periodOf, withExtract } from './extract.js';
import { checkPeriodOptions, extractOptions, langOf, langOption, outDir, periodOptions, reportsOutOption, str, type Command } from './options.js';
import { loadReport } from './run-io.js';

export const buildCommand: Command = {
  summary: 'build the annual report: PDF and HTML, national and per health region, plus the metric files',
  usage: '--data DIR [--year Y] [--as-of D] [--out DIR] [--lang nb|sv|en] [--scope national|regions|units|all]',
  options: {
    ...extractOptions,
    ...periodOptions,
    out: reportsOutOption,
    lang: langOption,
    scope: { type: 'string', arg: 'SCOPE', help: 'national, regions (one report per health region), units (one short report per reporting unit) or all (default)' },
  },
  details:
    'Writes report-<year>-national.pdf/.html, report-<year>-region-<code>.pdf/.html and the metric files.\nPrinting needs Debian\'s chromium-headless-shell (or chromium); set REGREPORT_CHROMIUM to use another.\nSOURCE_DATE_EPOCH fixes the generation time printed in the colophon.\nFiles an earlier build wrote into the same folder and this one does not write again are removed\n(they are listed in .regreport.manifest.json); nothing else is.',
  async run(values, io) {
    const lang = langOf(values);
    const scope = str(values, 'scope') ?? 'all';
    if (!['national', 'regions', 'units', 'all'].includes(scope)) throw new InputError(`--scope must be national, regions, units or all, got '${scope}'`);
    checkPeriodOptions(values);
    // The report stack (Vega, Handlebars, Puppeteer) loads only for the commands that print.
    const { checkPrintTools } = await import('../print/tools.js');
    checkPrintTools();
    // The browser driver loads and the browser starts, and the report stack (Vega, Handlebars) loads,
    // while DuckDB reads the extract on its own threads; the browser is closed however the run ends.
    const starting = import('../print/pdf.js').then((m) => m.startPrinter());
    starting.catch(() => undefined); // awaited below, where a failure to start is the error to report
    const reportStack = import('../report/build.js');
    reportStack.catch(() => undefined);
    try {
      return await withExtract(values, async (x, inputs) => {
        io.summary.hashed(inputs);
        const period = await periodOf(x, values, io.out, loadReport(io, io.out));
        const metricResult = await inStep(io.progress, 'metrics', 'metrics', () => computeMetricResult(x, period));
        const table = metricResult.table;
        const out = outDir(values);
        const { buildReports } = await reportStack;
        const result = await buildReports(x, metricResult, { out, language: lang ?? x.config.language, scope: scope as ScopeOption, inputs, progress: io.progress, printer: await starting });
        io.summary.wrote(out, result.written);
        io.summary.set({ reports: result.reports, prints: result.prints, metric_rows: table.metrics.length, published_rows: metricResult.published.length });
        // The whole run's time, start-up and loading included: what the person waited.
        io.out.write(`${formatSummary(table)}\n${result.reports} report(s) in ${(io.elapsed() / 1000).toFixed(1)} s → ${out}\n  ${result.written.join('\n  ')}\n`);
        return EXIT.ok;
      }, io.progress);
    } finally {
      await (await starting.catch(() => null))?.close();
    }
  },
};

export const worklistCommand: Command = {
  summary: 'list the cases each unit still has to register (patient-level; never published)',
  usage: '--data DIR --out DIR [--year Y] [--as-of D] [--unit CODE | --region CODE] [--lang nb|sv|en]',
  options: {
    ...extractOptions,
    out: { type: 'string', arg: 'DIR', help: 'folder for the lists (created with permissions 0700; files 0600)', required: true },
    ...periodOptions,
    unit: { type: 'string', arg: 'CODE', help: 'only this reporting unit' },
    region: { type: 'string', arg: 'CODE', help: 'only the units of this health region' },
    lang: langOption,
  },
  details:
    'Lists every cohort case diagnosed in the report year or the year before that lacks a form of a\ncoverage.form_types type as of the cut-off: worklist.csv, worklist-<unit>.csv (UTF-8 with BOM), its Excel\ntwin worklist-<unit>.xlsx and a one-page cover sheet worklist-<unit>.pdf per unit.',
  async run(values, io) {
    const unit = str(values, 'unit');
    const region = str(values, 'region');
    if (unit !== undefined && region !== undefined) throw new InputError('give --unit or --region, not both');
    const lang = langOf(values);
    checkPeriodOptions(values);
    const { checkPrintTools } = await import('../print/tools.js');
    const { writeWorklists } = await import('../worklist/worklist.js');
    checkPrintTools();
    return withExtract(values, async (x, inputs) => {
      io.summary.hashed(inputs);
      const units = await x.db.all<{ unit_code: string; region_code: string }>('SELECT unit_code, region_code FROM clean_units ORDER BY unit_code');
      if (unit !== undefined && !units.some((u) => u.unit_code === unit)) {
        throw new InputError(`unknown unit code '${unit}'`, { hint: `valid unit codes: ${units.map((u) => u.unit_code).join(', ')}` });
      }
      const regions = [...new Set(units.map((u) => u.region_code))].sort();
      if (region !== undefined && !regions.includes(region)) {
        throw new InputError(`unknown region code '${region}'`, { hint: `valid region codes: ${regions.join(', ')}` });
      }
      const period = await periodOf(x, values, io.out, loadReport(io, io.out));
      const table = await inStep(io.progress, 'metrics', 'metrics', () => computeMetrics(x, period));
      const out = resolve(str(values, 'out')!);
      const r = await inStep(io.progress, 'reports', 'worklists', () =>
        writeWorklists(x, table, period, { out, language: lang ?? x.config.language, selection: { unit, region }, progress: io.progress }),
      );
      io.summary.wrote(out, r.files);
      io.summary.set({ cases_missing: r.rows, units: r.units });
      io.out.write(
        `${r.rows} case(s) missing a form, diagnosed ${period.year - 1}–${period.year}, as of ${period.asOf}; ${r.units} unit(s)\n` +
          `wrote ${r.files.length} files to ${out}\n` +
          'These files hold patient-level data (case and patient ids, diagnosis dates). They are readable by you\n' +
          'only (0600, folder 0700): keep them on secure storage, send them only by secure channels, and\n' +
          'never publish them.\n',
      );
      return EXIT.ok;
    }, io.progress);
  },
};
