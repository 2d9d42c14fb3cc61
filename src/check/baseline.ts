// A baseline metrics.json (text) → a MetricTable, or bad input naming the file, the row and the field.
// Everything `check` compares is checked here, so a damaged baseline can never reach the SQL (whose
// errors would be internal) nor compare as "678 removed".
import { readFile } from 'node:fs/promises';
import { isIsoDate } from '../config/config.js';
import { InputError } from '../errors.js';
import { requireRegularFile } from '../load/inputs.js';
import type { MetricRow, MetricTable, TableCounts } from '../metrics/metrics.js';

const HINT = 'write the baseline again with: regreport metrics --data DIR --out DIR (and commit its metrics.json)';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 40));

/** Far above the metrics.json of a national all-cancer registry; a larger file is not a baseline. */
const MAX_BASELINE_BYTES = 1 << 30;

export async function readBaseline(path: string): Promise<MetricTable> {
  // A FIFO or /dev/zero would be read for ever.
  const st = await requireRegularFile(path);
  if (st.size > MAX_BASELINE_BYTES) throw new InputError(`the baseline is ${st.size} bytes, too large for a metrics.json`, { file: path, hint: HINT });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read the baseline (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path, hint: HINT });
  }
  return parseBaseline(text, path);
}

export function parseBaseline(text: string, file: string): MetricTable {
  const fail = (message: string, line?: number): never => {
    throw new InputError(`not a metrics.json written by regreport: ${message}`, line === undefined ? { file, hint: HINT } : { file, line, hint: HINT });
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    fail('it is not valid JSON', pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined);
  }
  if (!isObject(doc)) return fail('expected a JSON object with registry, year, as_of, tables and metrics');
  if (typeof doc.registry !== 'string') fail(`'registry' must be a text, got ${show(doc.registry)}`);
  if (!Number.isInteger(doc.year) || (doc.year as number) < 1900 || (doc.year as number) > 2999) fail(`'year' must be a four-digit year, got ${show(doc.year)}`);
  if (typeof doc.as_of !== 'string' || !isIsoDate(doc.as_of)) fail(`'as_of' must be a date written YYYY-MM-DD, got ${show(doc.as_of)}`);
  if (!isObject(doc.tables) || Object.keys(doc.tables).length === 0) fail("'tables' (the row accounting) is missing or empty");
  const tables: Record<string, TableCounts> = {};
  for (const [t, counts] of Object.entries(doc.tables as Json)) {
    if (!isObject(counts)) return fail(`'tables.${t}' must hold read, used and rejected`);
    for (const k of ['read', 'used', 'rejected', 'out_of_scope']) {
      if ((k !== 'out_of_scope' || counts[k] !== undefined) && !isCount(counts[k])) fail(`'tables.${t}.${k}' must be a whole number ≥ 0, got ${show(counts[k])}`);
    }
    tables[t] = counts as unknown as TableCounts;
  }
  if (!Array.isArray(doc.metrics)) return fail("'metrics' (the list of metric rows) is missing");
  const metrics = (doc.metrics as unknown[]).map((row, i) => checkRow(row, i, fail));
  return { registry: doc.registry as string, year: doc.year as number, as_of: doc.as_of as string, tables, metrics };
}

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isNumberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

function checkRow(row: unknown, i: number, fail: (m: string) => never): MetricRow {
  const at = `metric row ${i + 1}`;
  if (!isObject(row)) return fail(`${at} must be an object, got ${show(row)}`);
  for (const k of ['metric', 'level', 'group']) if (typeof row[k] !== 'string' || row[k] === '') fail(`${at}: '${k}' must be a text, got ${show(row[k])}`);
  for (const k of ['form_type', 'site_group', 'interval']) if (row[k] !== undefined && row[k] !== null && typeof row[k] !== 'string') fail(`${at}: '${k}' must be a text or null, got ${show(row[k])}`);
  if (!Number.isInteger(row.year)) fail(`${at}: 'year' must be a whole number, got ${show(row.year)}`);
  for (const k of ['numerator', 'denominator', 'value', 'ci_low', 'ci_high', 'target', 'median_days']) {
    if (row[k] !== undefined && !isNumberOrNull(row[k])) fail(`${at}: '${k}' must be a number or null, got ${show(row[k])}`);
  }
  for (const k of ['met', 'suppressed']) if (row[k] !== undefined && row[k] !== null && typeof row[k] !== 'boolean') fail(`${at}: '${k}' must be true, false or null, got ${show(row[k])}`);
  return { form_type: null, site_group: null, interval: null, ...row } as unknown as MetricRow;
}
