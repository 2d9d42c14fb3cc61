// The commands: each parses its options, calls the stages, prints a short summary, returns an exit code.
import { resolve } from 'node:path';
import { EXIT, InputError } from '../errors.js';
import { isIsoDate } from '../config/config.js';
import { loadExtract, type LoadedExtract } from '../load/loader.js';
import { accountingBalances, formatAccounting, formatIgnored } from '../load/accounting.js';
import { writeAtomically } from '../output.js';
import { generateSample, PROFILES, type ProfileName } from '../sample/generator.js';
import { computeMetricResult, computeMetrics, preparePathways, resolvePeriod, type MetricResult, type MetricTable, type Period } from '../metrics/metrics.js';
import { readMetricsJson, stageDataQuality, stageInHouseFiles, stagePublishedFiles } from '../metrics/files.js';
import { formatSummary } from '../metrics/summary.js';
import { compareTables, formatJunit, formatMarkdown, formatText, hasMoved } from '../check/compare.js';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { LANGUAGES, type Language } from '../config/types.js';
import type { ScopeOption } from '../report/build.js';

export interface Io {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly help: string;
  readonly arg?: string;
  readonly required?: boolean;
}

export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly details?: string;
  run(values: Values, io: Io): Promise<number>;
}

export const dataOption: OptionSpec = { type: 'string', arg: 'DIR', help: 'extract folder (registry.yaml, units, cases, forms, pathway_events)', required: true };
export const yearOption: OptionSpec = { type: 'string', arg: 'YYYY', help: 'report year (default: report_year in registry.yaml)' };
export const asOfOption: OptionSpec = { type: 'string', arg: 'YYYY-MM-DD', help: 'cut-off date (default: as_of in registry.yaml, else the latest registered_date)' };

export function str(values: Values, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
}

export function parseYearOption(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d{4}$/.test(s)) throw new InputError(`--year must be a four-digit year, got '${s}'`);
  return Number(s);
}

export function parseDateOption(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (!isIsoDate(s)) throw new InputError(`--as-of must be a real date written YYYY-MM-DD, got '${s}'`);
  return s;
}

export async function withExtract<T>(dir: string, fn: (x: LoadedExtract) => Promise<T>): Promise<T> {
  const x = await loadExtract(resolve(dir));
  try {
    return await fn(x);
  } finally {
    x.db.close();
  }
}

export function printLoadSummary(x: LoadedExtract, io: Io): void {
  io.out.write(`${x.config.name}: rows read, used and rejected\n${formatAccounting(x)}\n`);
  for (const l of formatIgnored(x)) io.out.write(`${l}\n`);
  if (!accountingBalances(x)) throw new Error('row accounting does not balance');
}

const validate: Command = {
  summary: 'load and check an extract folder; print the row accounting',
  usage: '--data DIR [--out DIR]',
  options: {
    data: dataOption,
    out: { type: 'string', arg: 'DIR', help: 'also write internal/data-quality.csv (every rejected row: table, line, column, value, rule; owner-only) here' },
  },
  async run(values, io) {
    return withExtract(str(values, 'data')!, async (x) => {
      printLoadSummary(x, io);
      await preparePathways(x, await resolvePeriod(x, {}));
      const out = str(values, 'out');
      if (out) {
        const written = await writeAtomically(resolve(out), (s) => stageDataQuality(x.db, s));
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

/** --out, defaulting to reports/<name of the extract folder>. */
export function outDir(values: Values): string {
  return resolve(str(values, 'out') ?? `reports/${basename(resolve(str(values, 'data')!))}`);
}

export function periodOf(x: LoadedExtract, values: Values): Promise<Period> {
  return resolvePeriod(x, { year: parseYearOption(str(values, 'year')), asOf: parseDateOption(str(values, 'as-of')) });
}

export async function metricResultOf(x: LoadedExtract, values: Values): Promise<MetricResult> {
  return computeMetricResult(x, await periodOf(x, values));
}

/** Checks --year and --as-of before the (slow) load, so a typo fails at once. */
function checkPeriodOptions(values: Values): void {
  parseYearOption(str(values, 'year'));
  parseDateOption(str(values, 'as-of'));
}

const langOption: OptionSpec = { type: 'string', arg: 'nb|sv|en', help: "language (default: registry.yaml's)" };

function langOf(values: Values): Language | undefined {
  const lang = str(values, 'lang');
  if (lang !== undefined && !LANGUAGES.includes(lang as Language)) throw new InputError(`--lang must be one of ${LANGUAGES.join(', ')}, got '${lang}'`);
  return lang as Language | undefined;
}

const metrics: Command = {
  summary: 'compute the metric table (coverage, centralisation, pathway times)',
  usage: '--data DIR [--year Y] [--as-of YYYY-MM-DD] [--out DIR]',
  options: {
    data: dataOption,
    year: yearOption,
    'as-of': asOfOption,
    out: { type: 'string', arg: 'DIR', help: 'output folder (default reports/<extract folder name>)' },
  },
  details:
    'Writes the published metric table metrics-published.csv/.parquet (withheld rows without numbers), and in\ninternal/ (owner-only, never to be published) metrics.json, metrics.csv, metrics.parquet, metrics.arrow\n(Arrow IPC) and data-quality.csv. The same input gives byte-identical metrics.json.',
  async run(values, io) {
    checkPeriodOptions(values);
    return withExtract(str(values, 'data')!, async (x) => {
      printLoadSummary(x, io);
      const { table, published } = await metricResultOf(x, values);
      const written = await writeAtomically(outDir(values), async (s) => {
        await stagePublishedFiles(x.db, s, published);
        await stageInHouseFiles(x.db, s, table);
      });
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
  },
  details: 'Exit code 0: nothing moved beyond the tolerance; 1: something moved (the diff is printed); 2: bad input.\nYear and cut-off default to the baseline\'s, so the same period is recomputed.',
  async run(values, io) {
    const baselinePath = str(values, 'baseline')!;
    if (!existsSync(baselinePath)) throw new InputError(`baseline not found: ${baselinePath}`, { hint: 'write one with: regreport metrics --data DIR --out DIR' });
    let baseline: MetricTable;
    try {
      baseline = readMetricsJson(baselinePath);
      if (!Array.isArray(baseline.metrics)) throw new Error('no metrics list');
    } catch (e) {
      throw new InputError(`not a metrics.json written by regreport (${(e as Error).message})`, { file: baselinePath });
    }
    const tolText = str(values, 'tolerance') ?? '0';
    const tolerance = Number(tolText);
    if (!(tolerance >= 0)) throw new InputError(`--tolerance must be a number ≥ 0, got '${tolText}'`);
    const format = str(values, 'format') ?? 'text';
    if (!['text', 'markdown', 'junit'].includes(format)) throw new InputError(`--format must be text, markdown or junit, got '${format}'`);
    const year = parseYearOption(str(values, 'year')) ?? baseline.year;
    const asOf = parseDateOption(str(values, 'as-of')) ?? baseline.as_of;
    return withExtract(str(values, 'data')!, async (x) => {
      const current = await computeMetrics(x, await resolvePeriod(x, { year, asOf }));
      const c = compareTables(baseline, current, tolerance);
      io.out.write(format === 'markdown' ? formatMarkdown(c) : format === 'junit' ? formatJunit(c, current) : formatText(c));
      return hasMoved(c) ? EXIT.changed : EXIT.ok;
    });
  },
};

const build: Command = {
  summary: 'build the annual report: PDF and HTML, national and per health region, plus the metric files',
  usage: '--data DIR [--year Y] [--as-of D] [--out DIR] [--lang nb|sv|en] [--scope national|regions|units|all]',
  options: {
    data: dataOption,
    year: yearOption,
    'as-of': asOfOption,
    out: { type: 'string', arg: 'DIR', help: 'output folder (default reports/<extract folder name>)' },
    lang: langOption,
    scope: { type: 'string', arg: 'SCOPE', help: 'national, regions (one report per health region), units (one short report per reporting unit) or all (default)' },
  },
  details:
    'Writes report-<year>-national.pdf/.html, report-<year>-region-<code>.pdf/.html and the metric files.\nPrinting needs Debian\'s chromium-headless-shell (or chromium); set REGREPORT_CHROMIUM to use another.\nSOURCE_DATE_EPOCH fixes the generation time printed in the colophon.',
  async run(values, io) {
    const lang = langOf(values);
    const scope = str(values, 'scope') ?? 'all';
    if (!['national', 'regions', 'units', 'all'].includes(scope)) throw new InputError(`--scope must be national, regions, units or all, got '${scope}'`);
    checkPeriodOptions(values);
    // The report stack (Vega, Handlebars, Puppeteer) loads only for the commands that print.
    const { findChromium } = await import('../print/pdf.js');
    const { buildReports } = await import('../report/build.js');
    findChromium();
    return withExtract(str(values, 'data')!, async (x) => {
      printLoadSummary(x, io);
      const metricResult = await metricResultOf(x, values);
      const table = metricResult.table;
      const started = Date.now();
      const result = await buildReports(x, metricResult, { out: outDir(values), language: lang ?? x.config.language, scope: scope as ScopeOption });
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
  },
  details:
    'Lists every cohort case diagnosed in the report year or the year before that lacks a form of a\ncoverage.form_types type as of the cut-off: worklist.csv, worklist-<unit>.csv (UTF-8 with BOM) and a\none-page cover sheet worklist-<unit>.pdf per unit.',
  async run(values, io) {
    const unit = str(values, 'unit');
    const region = str(values, 'region');
    if (unit !== undefined && region !== undefined) throw new InputError('give --unit or --region, not both');
    const lang = langOf(values);
    checkPeriodOptions(values);
    const { findChromium } = await import('../print/pdf.js');
    const { writeWorklists } = await import('../worklist/worklist.js');
    findChromium();
    return withExtract(str(values, 'data')!, async (x) => {
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
