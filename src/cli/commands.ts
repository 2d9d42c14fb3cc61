// The commands: each parses its options, calls the stages, prints a short summary, returns an exit code.
import { resolve } from 'node:path';
import { EXIT, InputError } from '../errors.js';
import { isIsoDate } from '../config/config.js';
import { loadExtract, type LoadedExtract } from '../load/loader.js';
import { accountingBalances, dataQualityRows, DQ_HEADER, formatAccounting, formatIgnored } from '../load/accounting.js';
import { toCsv, writeAtomically } from '../output.js';
import { generateSample, PROFILES, type ProfileName } from '../sample/generator.js';

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
    out: { type: 'string', arg: 'DIR', help: 'also write data-quality.csv (every rejected row: table, line, column, value, rule) here' },
  },
  async run(values, io) {
    return withExtract(str(values, 'data')!, async (x) => {
      printLoadSummary(x, io);
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

export const COMMANDS: Readonly<Record<string, Command>> = { validate, sample };
