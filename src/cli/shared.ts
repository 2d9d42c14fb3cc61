// What the commands share: their types, common options, loading an extract and the start of every run.
import { basename, resolve } from 'node:path';
import { isIsoDate } from '../config/config.js';
import { LANGUAGES, type Language } from '../config/types.js';
import { InputError } from '../errors.js';
import { accountingBalances, formatAccounting, formatEncodings, formatIgnored } from '../load/accounting.js';
import { loadExtract, type LoadedExtract } from '../load/loader.js';
import { checkRejections, checkReportYear, extractWarnings, formatWarning } from '../load/plausibility.js';
import { resolvePeriod, type Period } from '../metrics/metrics.js';

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

/** The files and how each was read, the row accounting, ignored columns. */
export function printLoadSummary(x: LoadedExtract, to: NodeJS.WritableStream): void {
  to.write(`${x.config.name}: ${formatEncodings(x)}\nrows read, used and rejected\n${formatAccounting(x)}\n`);
  for (const l of formatIgnored(x)) to.write(`${l}\n`);
  if (!accountingBalances(x)) throw new Error('row accounting does not balance');
}

/**
 * What every command does once the extract is loaded: print the load summary, stop on implausible
 * input (before anything is written), resolve the period and print the warnings.
 */
export async function startRun(x: LoadedExtract, opts: { year?: number | undefined; asOf?: string | undefined }, to: NodeJS.WritableStream): Promise<Period> {
  printLoadSummary(x, to);
  await checkRejections(x);
  const period = await resolvePeriod(x, opts);
  // Warnings first: 'site group matches no case' explains an empty report year.
  for (const w of await extractWarnings(x, period)) to.write(`warning: ${formatWarning(w)}\n`);
  await checkReportYear(x, period);
  return period;
}

/** --out, defaulting to reports/<name of the extract folder>. */
export function outDir(values: Values): string {
  return resolve(str(values, 'out') ?? `reports/${basename(resolve(str(values, 'data')!))}`);
}

/** startRun with --year and --as-of. */
export function periodOf(x: LoadedExtract, values: Values, to: NodeJS.WritableStream): Promise<Period> {
  return startRun(x, { year: parseYearOption(str(values, 'year')), asOf: parseDateOption(str(values, 'as-of')) }, to);
}

/** Checks --year and --as-of before the (slow) load, so a typo fails at once. */
export function checkPeriodOptions(values: Values): void {
  parseYearOption(str(values, 'year'));
  parseDateOption(str(values, 'as-of'));
}

export const langOption: OptionSpec = { type: 'string', arg: 'nb|sv|en', help: "language (default: registry.yaml's)" };

export function langOf(values: Values): Language | undefined {
  const lang = str(values, 'lang');
  if (lang !== undefined && !LANGUAGES.includes(lang as Language)) throw new InputError(`--lang must be one of ${LANGUAGES.join(', ')}, got '${lang}'`);
  return lang as Language | undefined;
}

