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
import { compareTables, comparisonJson, formatJunit, formatMarkdown, formatText, hasMoved } from '../check/compare.js';
import { inStep } from '../progress.js';
import { publishCommand } from './publish.js';
import { buildCommand, worklistCommand } from './print-commands.js';
import { cacheCommand } from './cache.js';
import { periodOf, startRun, withExtract } from './extract.js';
import {
  checkPeriodOptions, extractOptions, outDir, parseDateOption, parseYearOption, periodOptions, reportsOutOption, str, type Command,
} from './options.js';
import { loadReport } from './run-io.js';

export type { Command, Io } from './options.js';

/** What `sample` writes into --out. */
const SAMPLE_FILES = ['registry.yaml', 'units.csv', 'cases.csv', 'forms.csv', 'pathway_events.csv'];

const validate: Command = {
  summary: 'load and check an extract folder; print the row accounting',
  usage: '--data DIR [--out DIR]',
  options: {
    ...extractOptions,
    out: { type: 'string', arg: 'DIR', help: 'also write internal/data-quality.csv (every rejected row: table, line, id, column, value, rule; owner-only) here' },
  },
  async run(values, io) {
    return withExtract(values, async (x, inputs) => {
      io.summary.hashed(inputs);
      await preparePathways(x, await startRun(x, {}, io.out, loadReport(io, io.out)));
      // One example per rule shows what to fix without opening data-quality.csv.
      const examples = await ruleExamples(x.db);
      if (examples.length) io.out.write('first row per rule:\n');
      for (const e of examples) {
        const file = x.files.find((f) => f.table === e.table)?.name ?? e.table;
        io.out.write(`  ${e.rule.padEnd(17)} ${file}:${e.line}  ${e.id ?? ''}  ${e.column} = '${e.value ?? ''}'\n`);
      }
      const out = str(values, 'out');
      if (out) {
        const written = await inStep(io.progress, 'files', 'data-quality.csv', () => writeAtomically(resolve(out), (s) => stageDataQuality(x.db, s)));
        io.summary.wrote(resolve(out), written);
        io.out.write(`wrote ${written.join(', ')}\n`);
      }
      return EXIT.ok;
    }, io.progress);
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
    const step = io.progress.begin('files', 'write the sample extract', { unit: 'rows' });
    const counts = await generateSample({ profile: profile as ProfileName, seed, scale, out });
    step.end(Object.values(counts).reduce((a, b) => a + b, 0));
    io.summary.wrote(out, SAMPLE_FILES);
    io.summary.set({ rows: counts });
    io.out.write(`wrote ${out}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')} rows\n`);
    return EXIT.ok;
  },
};

const metrics: Command = {
  summary: 'compute the metric table (coverage, centralisation, pathway times)',
  usage: '--data DIR [--year Y] [--as-of YYYY-MM-DD] [--out DIR]',
  options: {
    ...extractOptions,
    ...periodOptions,
    out: reportsOutOption,
  },
  details:
    'Writes the published metric table metrics-published.csv/.parquet (withheld rows without numbers), and in\ninternal/ (owner-only, never to be published) metrics.json, metrics.csv, metrics.parquet, metrics.arrow\n(Arrow IPC) and data-quality.csv. The same input gives byte-identical metrics.json.',
  async run(values, io) {
    checkPeriodOptions(values);
    return withExtract(values, async (x, inputs) => {
      io.summary.hashed(inputs);
      const period = await periodOf(x, values, io.out, loadReport(io, io.out));
      const { table, published } = await inStep(io.progress, 'metrics', 'metrics', () => computeMetricResult(x, period));
      const written = await inStep(io.progress, 'files', 'metric files', () =>
        writeAtomically(outDir(values), async (s) => {
          await stagePublishedFiles(x.db, s, published);
          await stageInHouseFiles(x.db, s, table);
        }),
      );
      io.summary.wrote(outDir(values), written);
      io.summary.set({ metric_rows: table.metrics.length, published_rows: published.length });
      io.out.write(`${formatSummary(table)}\nwrote ${written.join(', ')}\n`);
      return EXIT.ok;
    }, io.progress);
  },
};

const check: Command = {
  summary: 'recompute the metrics and compare them with a baseline metrics.json (for CI)',
  usage: '--data DIR --baseline FILE [--tolerance X] [--format text|markdown|junit] [--year Y] [--as-of D]',
  options: {
    ...extractOptions,
    baseline: { type: 'string', arg: 'FILE', help: 'a metrics.json written earlier by regreport metrics', required: true },
    tolerance: { type: 'string', arg: 'X', help: 'largest absolute change that does not count as moved (default 0)' },
    format: { type: 'string', arg: 'FORMAT', help: 'text (default), markdown (GitHub step summary) or junit (XML)' },
    ...periodOptions,
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
    return withExtract(values, async (x, inputs) => {
      io.summary.hashed(inputs);
      // stdout may be a Markdown summary or JUnit XML: the load summary goes to stderr.
      const period = await startRun(x, { year, asOf }, io.err, loadReport(io, io.err));
      const current = await inStep(io.progress, 'metrics', 'metrics', () => computeMetrics(x, period));
      const c = compareTables(baseline, current, tolerance);
      io.summary.set(comparisonJson(c));
      // Under --quiet the comparison asked for by --format stays, and the text one when something moved.
      if (!io.quiet || format !== 'text' || hasMoved(c)) {
        io.stdout.write(format === 'markdown' ? formatMarkdown(c) : format === 'junit' ? formatJunit(c, current) : formatText(c));
      }
      return hasMoved(c) ? EXIT.changed : EXIT.ok;
    }, io.progress);
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


export const COMMANDS: Readonly<Record<string, Command>> = { validate, metrics, check, build: buildCommand, publish: publishCommand, worklist: worklistCommand, sample, cache: cacheCommand };
