// The extract as the commands see it: loaded with the resource options, its files proven unchanged
// during the load (their hashes are what the colophon prints), closed whatever happens.
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { accountingBalances, formatAccounting, formatEncodings, formatIgnored } from '../load/accounting.js';
import { locateTables } from '../load/files.js';
import type { InputFingerprint } from '../load/inputs.js';
import type { LoadedExtract } from '../load/loader.js';
import { loadExtractCached } from '../cache/cached-load.js';
import { checkRejections, checkReportYear, extractWarnings, formatWarning, type ExtractWarning } from '../load/plausibility.js';
import { resolvePeriod, type Period } from '../metrics/metrics.js';
import { checkOutputPath } from '../output.js';
import { refuseIfLocked } from '../output-lock.js';
import { SILENT, type Progress } from '../progress.js';
import { cacheOptionsOf, outDir, parseDateOption, parseYearOption, resourcesOf, str, type Values } from './options.js';

export type { Io } from './options.js';

/**
 * Loads --data, hashing registry.yaml and every table file while DuckDB reads them, or takes the
 * validated tables from the repeat-run cache when the hashes match (src/cache/).
 */
export async function withExtract<T>(values: Values, fn: (x: LoadedExtract, inputs: readonly InputFingerprint[]) => Promise<T>, progress: Progress = SILENT): Promise<T> {
  const resources = resourcesOf(values);
  const cache = { ...cacheOptionsOf(values), outDir: outDir(values) };
  const out = str(values, 'out');
  if (out !== undefined) {
    checkOutputPath(resolve(out));
    refuseIfLocked(resolve(out));
  }
  const dir = resolve(str(values, 'data')!);
  const tables = await locateTables(dir);
  await loadConfig(join(dir, 'registry.yaml')); // its errors first, as the loader would give them
  const { x, inputs } = await loadExtractCached(dir, tables, resources, cache, (note) => process.stderr.write(`note: ${note}\n`), progress);
  try {
    return await fn(x, inputs);
  } finally {
    x.db.close();
  }
}

/** The files and how each was read, the row accounting, ignored columns. */
export function printLoadSummary(x: LoadedExtract, to: NodeJS.WritableStream): void {
  to.write(`${x.config.name}: ${formatEncodings(x)}\nrows read, used and rejected\n${formatAccounting(x)}\n`);
  for (const l of formatIgnored(x)) to.write(`${l}\n`);
  if (!accountingBalances(x)) throw new Error('row accounting does not balance');
}

/** Who else hears of the load: where the warnings go (else beside the summary), and the --json summary. */
export interface LoadReport {
  readonly warnings?: NodeJS.WritableStream;
  loaded?(x: LoadedExtract): void;
  started?(period: Period, warnings: readonly ExtractWarning[]): void;
}

/**
 * What every command does once the extract is loaded: print the load summary, stop on implausible
 * input (before anything is written), resolve the period and print the warnings.
 */
export async function startRun(x: LoadedExtract, opts: { year?: number | undefined; asOf?: string | undefined }, to: NodeJS.WritableStream, report: LoadReport = {}): Promise<Period> {
  report.loaded?.(x);
  printLoadSummary(x, to);
  await checkRejections(x);
  const period = await resolvePeriod(x, opts);
  // Warnings first: 'site group matches no case' explains an empty report year.
  const warnings = await extractWarnings(x, period);
  report.started?.(period, warnings);
  for (const w of warnings) (report.warnings ?? to).write(`warning: ${formatWarning(w)}\n`);
  await checkReportYear(x, period);
  return period;
}

/** startRun with --year and --as-of. */
export function periodOf(x: LoadedExtract, values: Values, to: NodeJS.WritableStream, report: LoadReport = {}): Promise<Period> {
  return startRun(x, { year: parseYearOption(str(values, 'year')), asOf: parseDateOption(str(values, 'as-of')) }, to, report);
}
