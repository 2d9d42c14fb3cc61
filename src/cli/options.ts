// Options shared by several commands, and their parsers: each bad value is bad input naming the option.
import { basename, resolve } from 'node:path';
import { isIsoDate } from '../config/config.js';
import { LANGUAGES, type Language } from '../config/types.js';
import type { DbResources } from '../db-resources.js';
import { InputError } from '../errors.js';
import type { Progress } from '../progress.js';
import type { RunSummary } from './summary.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly help: string;
  readonly arg?: string;
  readonly required?: boolean;
}

export type Values = Record<string, string | boolean | undefined>;

export interface Io {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

/** What a command writes to, as --quiet and --json decide (run-io.ts). */
export interface CommandIo extends Io {
  /** stdout for what the caller asked for even under --quiet (check's comparison); silent under --json */
  readonly stdout: NodeJS.WritableStream;
  readonly progress: Progress;
  /** gathers the --json document */
  readonly summary: RunSummary;
  readonly quiet: boolean;
  readonly json: boolean;
  /** milliseconds since the run started */
  elapsed(): number;
  /** where warnings go, given the stream the load summary goes to: beside it, or stderr under --quiet */
  warnings(beside: NodeJS.WritableStream): NodeJS.WritableStream;
}

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly details?: string;
  /** words the command takes first (`cache list`); the chosen one is values.action */
  readonly actions?: readonly string[];
  run(values: Values, io: CommandIo): Promise<number>;
}

export const dataOption: OptionSpec = { type: 'string', arg: 'DIR', help: 'extract folder (registry.yaml, units, cases, forms, pathway_events)', required: true };
export const yearOption: OptionSpec = { type: 'string', arg: 'YYYY', help: 'report year (default: report_year in registry.yaml)' };
export const asOfOption: OptionSpec = { type: 'string', arg: 'YYYY-MM-DD', help: 'cut-off date (default: as_of in registry.yaml, else the latest registered_date)' };
export const langOption: OptionSpec = { type: 'string', arg: 'nb|sv|en', help: "language (default: registry.yaml's)" };

/** DuckDB's resources, for every command that loads an extract. */
export const resourceOptions: Readonly<Record<string, OptionSpec>> = {
  threads: { type: 'string', arg: 'N', help: 'DuckDB worker threads (default: one per CPU core)' },
  'memory-limit': { type: 'string', arg: 'SIZE', help: 'memory DuckDB may use before spilling to disk, e.g. 4GB (default: 80 % of RAM)' },
  'temp-dir': { type: 'string', arg: 'DIR', help: 'where DuckDB spills, in a private subfolder removed afterwards (default: the system temp folder)' },
  // The repeat-run cache (src/cache/) is part of how the extract is loaded, so every loading command has it.
  'cache-dir': { type: 'string', arg: 'DIR', help: 'private folder (700) for the repeat-run cache (default: $REGREPORT_CACHE_DIR, else .regreport-cache in the extract folder)' },
  'no-cache': { type: 'boolean', help: 'neither use nor write the repeat-run cache' },
};

/** --data and the resource options: every command that loads an extract. */
export const extractOptions: Readonly<Record<string, OptionSpec>> = { data: dataOption, ...resourceOptions };

/** --year and --as-of: every command that computes the metrics of a period. */
export const periodOptions: Readonly<Record<string, OptionSpec>> = { year: yearOption, 'as-of': asOfOption };

/** --out where the reports and metric files go by default. */
export const reportsOutOption: OptionSpec = { type: 'string', arg: 'DIR', help: 'output folder (default reports/<extract folder name>)' };

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

/** Checks --year and --as-of before the (slow) load, so a typo fails at once. */
export function checkPeriodOptions(values: Values): void {
  parseYearOption(str(values, 'year'));
  parseDateOption(str(values, 'as-of'));
}

export function langOf(values: Values): Language | undefined {
  const lang = str(values, 'lang');
  if (lang !== undefined && !LANGUAGES.includes(lang as Language)) throw new InputError(`--lang must be one of ${LANGUAGES.join(', ')}, got '${lang}'`);
  return lang as Language | undefined;
}

/** --out, defaulting to reports/<name of the extract folder>. */
export function outDir(values: Values): string {
  return resolve(str(values, 'out') ?? `reports/${basename(resolve(str(values, 'data')!))}`);
}

export function cacheOptionsOf(values: Values): { noCache: boolean; cacheDir: string | undefined } {
  const cacheDir = str(values, 'cache-dir');
  if (cacheDir !== undefined && values['no-cache'] === true) throw new InputError('give --cache-dir or --no-cache, not both');
  return { noCache: values['no-cache'] === true, cacheDir: cacheDir === undefined ? undefined : resolve(cacheDir) };
}

export function resourcesOf(values: Values): DbResources {
  const threads = str(values, 'threads');
  if (threads !== undefined && !/^[1-9]\d{0,3}$/.test(threads)) throw new InputError(`--threads must be a whole number from 1 to 9999, got '${threads}'`);
  const memory = str(values, 'memory-limit');
  if (memory !== undefined && !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memory.trim())) {
    throw new InputError(`--memory-limit must be a size such as 512MB, 4GB or 2GiB, got '${memory}'`);
  }
  const temp = str(values, 'temp-dir');
  return {
    threads: threads === undefined ? undefined : Number(threads),
    memoryLimit: memory?.trim().replace(/\s+/g, ''),
    tempDir: temp === undefined ? undefined : resolve(temp),
  };
}
