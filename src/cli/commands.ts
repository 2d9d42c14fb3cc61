// The commands: each parses its options, calls the stages, prints a short summary, returns an exit code.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { EXIT, InputError } from '../errors.js';
import { dataQualityRows, DQ_HEADER } from '../load/accounting.js';
import { toCsv, writeAtomically } from '../output.js';
import { generateSample, PROFILES, type ProfileName } from '../sample/generator.js';
import { computeMetrics, preparePathways, resolvePeriod } from '../metrics/metrics.js';
import { stageMetricFiles } from '../metrics/files.js';
import { readBaseline } from '../check/baseline.js';
import { formatSummary } from '../metrics/summary.js';
import { compareTables, formatJunit, formatMarkdown, formatText, hasMoved } from '../check/compare.js';
import type { ScopeOption } from '../report/build.js';
import { metricTableOf, periodOf, printLoadSummary, withExtract, type Io } from './extract.js';
import {
  asOfOption, checkPeriodOptions, dataOption, langOf, langOption, outDir, parseDateOption, parseYearOption, resourceOptions, str,
  yearOption, type OptionSpec, type Values,
} from './options.js';

export type { Io } from './extract.js';

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly details?: string;
  run(values: Values, io: Io): Promise<number>;
}

const validate: Command = {
  summary: 'load and check an extract folder; print the row accounting',
  usage: '--data DIR [--out DIR]',
  options: {
    data: dataOption,
    out: { type: 'string', arg: 'DIR', help: 'also write data-quality.csv (every rejected row: table, line, column, value, rule) here' },
    ...resourceOptions,
  },
  async run(values, io) {
    return withExtract(values, async (x) => {
      printLoadSummary(x, io);
      await preparePathways(x, await resolvePeriod(x, {}));
      const out = str(values, 'out');
      if (out) {
        const rows = await dataQualityRows(x.db);
        const written = await writeAtomically(resolve(out), (s) =>
          s.write('data-quality.csv', toCsv(DQ_HEADER, rows.map((r) => [r.table, r.line, r.column, r.value, r.rule]))),
        );
        io.out.write(`wrote ${written.join(', ')}\n`);
      }
      return EXIT.ok;
    });
  },
};

const sample: Command = {
  summary: 'generate a synthetic registry extract (deterministic for a seed)',
  usage: '--profile no|se --out DIR [--seed N] [--scale K]',
  options: {
    profile: { type: 'string', arg: 'no|se', help: 'no: Norwegian sarcoma registry (nb); se: Swedish registry (sv)', required: true },
    out: { type: 'string', arg: 'DIR', help: 'folder to write the extract to', required: true },
    seed: { type: 'string', arg: 'N', help: 'random seed (default 1)' },
    scale: { type: 'string', arg: 'K', help: 'volume multiplier; 1 ≈ 300–400 cases a year, 300 ≈ one million cases (default 1)' },
  },
  async run(values, io) {
    const profile = str(values, 'profile')!;
    if (!(profile in PROFILES)) throw new InputError(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got '${profile}'`);
    const seed = Number(str(values, 'seed') ?? '1');
    const scale = Number(str(values, 'scale') ?? '1');
    if (!Number.isInteger(seed) || seed < 0) throw new InputError(`--seed must be a whole number ≥ 0, got '${str(values, 'seed')}'`);
    if (!(scale > 0 && scale <= 10000)) throw new InputError(`--scale must be a number above 0, got '${str(values, 'scale')}'`);
    const out = resolve(str(values, 'out')!);
    const counts = await generateSample({ profile: profile as ProfileName, seed, scale, out });
    io.out.write(`wrote ${out}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')} rows\n`);
    return EXIT.ok;
  },
};

const metrics: Command = {
  summary: 'compute the metric table (coverage, centralisation, pathway times)',
  usage: '--data DIR [--year Y] [--as-of YYYY-MM-DD] [--out DIR]',
  options: {
    data: dataOption,
    year: yearOption,
    'as-of': asOfOption,
    out: { type: 'string', arg: 'DIR', help: 'output folder (default reports/<extract folder name>)' },
    ...resourceOptions,
  },
  details:
    'Writes metrics.json, metrics.csv, metrics.parquet, metrics.arrow (Arrow IPC) and data-quality.csv.\nThe same input gives byte-identical metrics.json.',
  async run(values, io) {
    checkPeriodOptions(values);
    return withExtract(values, async (x) => {
      printLoadSummary(x, io);
      const table = await metricTableOf(x, values);
      const written = await writeAtomically(outDir(values), (s) => stageMetricFiles(x.db, s, table));
      io.out.write(`${formatSummary(table)}\nwrote ${written.join(', ')}\n`);
      return EXIT.ok;
    });
  },
};

const check: Command = {
  summary: 'recompute the metrics and compare them with a baseline metrics.json (for CI)',
  usage: '--data DIR --baseline FILE [--tolerance X] [--format text|markdown|junit] [--year Y] [--as-of D]',
  options: {
    data: dataOption,
    baseline: { type: 'string', arg: 'FILE', help: 'a metrics.json written earlier by regreport metrics', required: true },
    tolerance: { type: 'string', arg: 'X', help: 'largest absolute change that does not count as moved (default 0)' },
    format: { type: 'string', arg: 'FORMAT', help: 'text (default), markdown (GitHub step summary) or junit (XML)' },
    year: yearOption,
    'as-of': asOfOption,
    ...resourceOptions,
  },
  details: 'Exit code 0: nothing moved beyond the tolerance; 1: something moved (the diff is printed); 2: bad input.\nYear and cut-off default to the baseline\'s, so the same period is recomputed.',
  async run(values, io) {
    const baselinePath = str(values, 'baseline')!;
    if (!existsSync(baselinePath)) throw new InputError(`baseline not found: ${baselinePath}`, { hint: 'write one with: regreport metrics --data DIR --out DIR' });
    const baseline = await readBaseline(baselinePath);
    const tolText = str(values, 'tolerance') ?? '0';
    const tolerance = Number(tolText);
    if (!(tolerance >= 0)) throw new InputError(`--tolerance must be a number ≥ 0, got '${tolText}'`);
    const format = str(values, 'format') ?? 'text';
    if (!['text', 'markdown', 'junit'].includes(format)) throw new InputError(`--format must be text, markdown or junit, got '${format}'`);
    const year = parseYearOption(str(values, 'year')) ?? baseline.year;
    const asOf = parseDateOption(str(values, 'as-of')) ?? baseline.as_of;
    return withExtract(values, async (x) => {
      const current = await computeMetrics(x, await resolvePeriod(x, { year, asOf }));
      const c = compareTables(baseline, current, tolerance);
      io.out.write(format === 'markdown' ? formatMarkdown(c) : format === 'junit' ? formatJunit(c, current) : formatText(c));
      return hasMoved(c) ? EXIT.changed : EXIT.ok;
    });
  },
};

const build: Command = {
  summary: 'build the annual report: PDF and HTML, national and per health region, plus the metric files',
  usage: '--data DIR [--year Y] [--as-of D] [--out DIR] [--lang nb|sv|en] [--scope national|regions|all]',
  options: {
    data: dataOption,
    year: yearOption,
    'as-of': asOfOption,
    out: { type: 'string', arg: 'DIR', help: 'output folder (default reports/<extract folder name>)' },
    lang: langOption,
    scope: { type: 'string', arg: 'SCOPE', help: 'national, regions (one report per health region) or all (default)' },
    ...resourceOptions,
  },
  details:
    'Writes report-<year>-national.pdf/.html, report-<year>-region-<code>.pdf/.html and the metric files.\nPrinting needs Debian\'s chromium-headless-shell (or chromium); set REGREPORT_CHROMIUM to use another.\nSOURCE_DATE_EPOCH fixes the generation time printed in the colophon.\nFiles an earlier build wrote into the same folder and this one does not write again are removed\n(they are listed in .regreport.manifest.json); nothing else is.',
  async run(values, io) {
    const lang = langOf(values);
    const scope = str(values, 'scope') ?? 'all';
    if (!['national', 'regions', 'all'].includes(scope)) throw new InputError(`--scope must be national, regions or all, got '${scope}'`);
    checkPeriodOptions(values);
    // The report stack (Vega, Handlebars, Puppeteer) loads only for the commands that print.
    const { findChromium } = await import('../report/pdf.js');
    const { buildReports } = await import('../report/build.js');
    findChromium();
    return withExtract(values, async (x, inputs) => {
      printLoadSummary(x, io);
      const table = await metricTableOf(x, values);
      const started = Date.now();
      const result = await buildReports(x, table, { out: outDir(values), language: lang ?? x.config.language, scope: scope as ScopeOption, inputs });
      io.out.write(`${formatSummary(table)}\n${result.reports} report(s) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir(values)}\n  ${result.written.join('\n  ')}\n`);
      return EXIT.ok;
    });
  },
};

const worklist: Command = {
  summary: 'list the cases each unit still has to register (patient-level; never published)',
  usage: '--data DIR --out DIR [--year Y] [--as-of D] [--unit CODE | --region CODE] [--lang nb|sv|en]',
  options: {
    data: dataOption,
    out: { type: 'string', arg: 'DIR', help: 'folder for the lists (created with permissions 0700; files 0600)', required: true },
    year: yearOption,
    'as-of': asOfOption,
    unit: { type: 'string', arg: 'CODE', help: 'only this reporting unit' },
    region: { type: 'string', arg: 'CODE', help: 'only the units of this health region' },
    lang: langOption,
    ...resourceOptions,
  },
  details:
    'Lists every cohort case diagnosed in the report year or the year before that lacks a form of a\ncoverage.form_types type as of the cut-off: worklist.csv, worklist-<unit>.csv (UTF-8 with BOM) and a\none-page cover sheet worklist-<unit>.pdf per unit.',
  async run(values, io) {
    const unit = str(values, 'unit');
    const region = str(values, 'region');
    if (unit !== undefined && region !== undefined) throw new InputError('give --unit or --region, not both');
    const lang = langOf(values);
    checkPeriodOptions(values);
    const { findChromium } = await import('../report/pdf.js');
    const { writeWorklists } = await import('../worklist/worklist.js');
    findChromium();
    return withExtract(values, async (x) => {
      const units = await x.db.all<{ unit_code: string; region_code: string }>('SELECT unit_code, region_code FROM clean_units ORDER BY unit_code');
      if (unit !== undefined && !units.some((u) => u.unit_code === unit)) {
        throw new InputError(`unknown unit code '${unit}'`, { hint: `valid unit codes: ${units.map((u) => u.unit_code).join(', ')}` });
      }
      const regions = [...new Set(units.map((u) => u.region_code))].sort();
      if (region !== undefined && !regions.includes(region)) {
        throw new InputError(`unknown region code '${region}'`, { hint: `valid region codes: ${regions.join(', ')}` });
      }
      const period = await periodOf(x, values);
      const table = await computeMetrics(x, period);
      const out = resolve(str(values, 'out')!);
      const r = await writeWorklists(x, table, period, { out, language: lang ?? x.config.language, selection: { unit, region } });
      io.out.write(
        `${r.rows} case(s) missing a form, diagnosed ${period.year - 1}–${period.year}, as of ${period.asOf}; ${r.units} unit(s)\n` +
          `wrote ${r.files.length} files to ${out}\n` +
          'These files hold patient-level data (case and patient ids, diagnosis dates). They are readable by you\n' +
          'only (0600, folder 0700): keep them on secure storage, send them only by secure channels, and\n' +
          'never publish them.\n',
      );
      return EXIT.ok;
    });
  },
};

export const COMMANDS: Readonly<Record<string, Command>> = { validate, metrics, check, build, worklist, sample };
