// The extract as the commands see it: loaded with the resource options, its files proven unchanged
// during the load (their hashes are what the colophon prints), closed whatever happens.
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { accountingBalances, formatAccounting, formatIgnored } from '../load/accounting.js';
import { locateTables } from '../load/files.js';
import { fingerprintInputs, type InputFingerprint } from '../load/inputs.js';
import { loadExtract, type LoadedExtract } from '../load/loader.js';
import { computeMetrics, resolvePeriod, type MetricTable, type Period } from '../metrics/metrics.js';
import { TABLES } from '../load/contract.js';
import { checkOutputPath } from '../output.js';
import { refuseIfLocked } from '../output-lock.js';
import { parseDateOption, parseYearOption, resourcesOf, str, type Values } from './options.js';

export interface Io {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

/** Loads --data, hashing registry.yaml and every table file while DuckDB reads them. */
export async function withExtract<T>(values: Values, fn: (x: LoadedExtract, inputs: readonly InputFingerprint[]) => Promise<T>): Promise<T> {
  const resources = resourcesOf(values);
  const out = str(values, 'out');
  if (out !== undefined) {
    checkOutputPath(resolve(out));
    refuseIfLocked(resolve(out));
  }
  const dir = resolve(str(values, 'data')!);
  const tables = await locateTables(dir);
  await loadConfig(join(dir, 'registry.yaml')); // its errors first, as the loader would give them
  const files = [{ name: 'registry.yaml', path: join(dir, 'registry.yaml') }, ...TABLES.flatMap((t) => (tables[t] ? [tables[t]] : []))];
  const hashing = await fingerprintInputs(files);
  const x = await loadExtract(dir, resources);
  try {
    const inputs = await hashing.verify();
    return await fn(x, inputs);
  } finally {
    x.db.close();
  }
}

export function printLoadSummary(x: LoadedExtract, io: Io): void {
  io.out.write(`${x.config.name}: rows read, used and rejected\n${formatAccounting(x)}\n`);
  for (const l of formatIgnored(x)) io.out.write(`${l}\n`);
  if (!accountingBalances(x)) throw new Error('row accounting does not balance');
}

export function periodOf(x: LoadedExtract, values: Values): Promise<Period> {
  return resolvePeriod(x, { year: parseYearOption(str(values, 'year')), asOf: parseDateOption(str(values, 'as-of')) });
}

export async function metricTableOf(x: LoadedExtract, values: Values): Promise<MetricTable> {
  return computeMetrics(x, await periodOf(x, values));
}
