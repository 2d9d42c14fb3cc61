// The commands: each parses its options, calls the stages, prints a short summary, returns an exit code.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, InputError } from '../errors.js';
import { ruleExamples } from '../load/accounting.js';
import { IN_HOUSE_DIR, writeAtomically } from '../output.js';
import { generateSample, PROFILES, type ProfileName } from '../sample/generator.js';
import { computeMetricResult, computeMetrics, preparePathways } from '../metrics/metrics.js';
import { stageDataQuality, stageInHouseFiles, stagePublishedFiles } from '../metrics/files.js';
import { formatSummary } from '../metrics/summary.js';
import { readBaseline } from '../check/baseline.js';
import { compareTables, formatJunit, formatMarkdown, formatText, hasMoved } from '../check/compare.js';
import type { ScopeOption } from '../report/build.js';
import { publishCommand } from './publish.js';
import { cacheCommand } from './cache.js';
import { periodOf, startRun, withExtract } from './extract.js';
import {
  asOfOption, checkPeriodOptions, dataOption, langOf, langOption, outDir, parseDateOption, parseYearOption, resourceOptions, str,
  yearOption, type Command,
} from './options.js';

export type { Command, Io } from './options.js';

const validate: Command = {
  summary: 'load and check an extract folder; print the row accounting',
  usage: '--data DIR [--out DIR]',
  options: {
    data: dataOption,
    ...resourceOptions,
    out: { type: 'string', arg: 'DIR', help: 'also write internal/data-quality.csv (every rejected row: table, line, id, column, value, rule; owner-only) here' },
  },
  async run(values, io) {
    return withExtract(values, async (x) => {
      await preparePathways(x, await startRun(x, {}, io.out));
      // One example per rule shows what to fix without opening data-quality.csv.
      const examples = await ruleExamples(x.db);
      if (examples.length) io.out.write('first row per rule:\n');
      for (const e of examples) {
        const file = x.files.find((f) => f.table === e.table)?.name ?? e.table;
        io.out.write(`  ${e.rule.padEnd(17)} ${file}:${e.line}  ${e.id ?? ''}  ${e.column} = '${e.value ?? ''}'\n`);
      }
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

const metrics: Command = {
  summary: 'compute the metric table (coverage, centralisation, pathway times)',
  usage: '--data DIR [--year Y] [--as-of YYYY-MM-DD] [--out DIR]',
  options: {
    data: dataOption,
    ...resourceOptions,
    year: yearOption,
    'as-of': asOfOption,
    out: { type: 'string', arg: 'DIR', help: 'output folder (default reports/<extract folder name>)' },
  },
  details:
    'Writes the published metric table metrics-published.csv/.parquet (withheld rows without numbers), and in\ninternal/ (owner-only, never to be published) metrics.json, metrics.csv, metrics.parquet, metrics.arrow\n(Arrow IPC) and data-quality.csv. The same input gives byte-identical metrics.json.',
  async run(values, io) {
    checkPeriodOptions(values);
    return withExtract(values, async (x) => {
      const { table, published } = await computeMetricResult(x, await periodOf(x, values, io.out));
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
    ...resourceOptions,
    baseline: { type: 'string', arg: 'FILE', help: 'a metrics.json written earlier by regreport metrics', required: true },
    tolerance: { type: 'string', arg: 'X', help: 'largest absolute change that does not count as moved (default 0)' },
    format: { type: 'string', arg: 'FORMAT', help: 'text (default), markdown (GitHub step summary) or junit (XML)' },
    year: yearOption,
    'as-of': asOfOption,
  },
  details: 'Exit code 0: nothing moved beyond the tolerance; 1: something moved (the diff is printed); 2: bad input.\nYear and cut-off default to the baseline\'s, so the same period is recomputed.',
  async run(values, io) {
    const baselinePath = baselineFile(str(values, 'baseline')!);
    const baseline = await readBaseline(baselinePath);
    const tolText = str(values, 'tolerance') ?? '0';
    const tolerance = Number(tolText);
    if (!(tolerance >= 0)) throw new InputError(`--tolerance must be a number ≥ 0, got '${tolText}'`);
    const format = str(values, 'format') ?? 'text';
    if (!['text', 'markdown', 'junit'].includes(format)) throw new InputError(`--format must be text, markdown or junit, got '${format}'`);
    const year = parseYearOption(str(values, 'year')) ?? baseline.year;
    const asOf = parseDateOption(str(values, 'as-of')) ?? baseline.as_of;
    return withExtract(values, async (x) => {
      // stdout may be a Markdown summary or JUnit XML: the load summary goes to stderr.
      const current = await computeMetrics(x, await startRun(x, { year, asOf }, io.err));
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
    ...resourceOptions,
    year: yearOption,
    'as-of': asOfOption,
    out: { type: 'string', arg: 'DIR', help: 'output folder (default reports/<extract folder name>)' },
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
    const { findChromium } = await import('../print/pdf.js');
    const { buildReports } = await import('../report/build.js');
    findChromium();
    return withExtract(values, async (x, inputs) => {
      const metricResult = await computeMetricResult(x, await periodOf(x, values, io.out));
      const table = metricResult.table;
      const started = Date.now();
      const result = await buildReports(x, metricResult, { out: outDir(values), language: lang ?? x.config.language, scope: scope as ScopeOption, inputs });
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
    ...resourceOptions,
    out: { type: 'string', arg: 'DIR', help: 'folder for the lists (created with permissions 0700; files 0600)', required: true },
    year: yearOption,
    'as-of': asOfOption,
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
    const { findChromium } = await import('../print/pdf.js');
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
      const period = await periodOf(x, values, io.out);
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

/** --baseline: a metrics.json; given a folder, say which file to name. */
function baselineFile(path: string): string {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`baseline not found: ${path}`, { hint: 'write one with: regreport metrics --data DIR --out DIR' });
  }
  if (isDir) {
    // metrics and build keep metrics.json in the in-house folder under their --out.
    throw new InputError(`--baseline is a folder: ${path}`, { hint: `give the in-house metrics.json: --baseline ${join(path, IN_HOUSE_DIR, 'metrics.json')}` });
  }
  return path;
}


export const COMMANDS: Readonly<Record<string, Command>> = { validate, metrics, check, build, publish: publishCommand, worklist, sample, cache: cacheCommand };
