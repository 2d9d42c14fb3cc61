// The --json summary: what a run read, how it accounted for the rows, what it warned about, what it
// wrote and how long each stage took, gathered while the command runs and printed as one JSON
// document on stdout at the end, also when it fails. The schema is docs/output.md (version 1).
import { statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { InputError } from '../errors.js';
import type { InputFingerprint } from '../load/inputs.js';
import type { LoadedExtract } from '../load/loader.js';
import { formatWarning, type ExtractWarning } from '../load/plausibility.js';
import { STAGES } from '../progress.js';
import { VERSION } from '../paths.js';
import type { StepState } from './progress.js';

/** Raised when the document's shape changes in a way a reader must know of. */
export const SUMMARY_VERSION = 1;

export type Status = 'ok' | 'changed' | 'bad_input' | 'internal_error';

export interface WrittenFile {
  readonly path: string;
  readonly bytes: number | null;
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class RunSummary {
  private extract: LoadedExtract | null = null;
  private inputs: readonly InputFingerprint[] = [];
  private period: { year: number; as_of: string } | null = null;
  private warnings: Record<string, unknown>[] = [];
  private out: string | null = null;
  private files: WrittenFile[] = [];
  private result: Record<string, unknown> = {};

  constructor(readonly command: string) {}

  /** The extract as loaded: its files, encodings, row accounting and ignored columns. */
  loaded(x: LoadedExtract): void {
    this.extract = x;
  }

  /** registry.yaml and the tables' files, hashed while they were read. */
  hashed(inputs: readonly InputFingerprint[]): void {
    this.inputs = inputs;
  }

  /** The report year and cut-off, and the warnings found for them. */
  started(period: { year: number; asOf: string }, warnings: readonly ExtractWarning[]): void {
    this.period = { year: period.year, as_of: period.asOf };
    this.warnings = warnings.map((w) => ({
      ...Object.fromEntries(Object.entries(w).map(([k, v]) => [snake(k), v as unknown])),
      message: formatWarning(w),
    }));
  }

  /** Files written into `dir` (absolute, or relative to it), with their sizes as they are now. */
  wrote(dir: string, names: readonly string[]): void {
    this.out = dir;
    for (const n of names) {
      const name = isAbsolute(n) ? relative(dir, n) : n;
      let size: number | null = null;
      try {
        size = statSync(join(dir, name)).size;
      } catch {
        // renamed into place and gone again (another run): listed without a size
      }
      this.files.push({ path: name, bytes: size });
    }
  }

  /** What is particular to the command (reports printed, rows compared …). */
  set(result: Record<string, unknown>): void {
    Object.assign(this.result, result);
  }

  toJson(end: { status: Status; exitCode: number; error: unknown; steps: readonly StepState[]; totalMs: number }): Record<string, unknown> {
    const ended = end.steps.filter((s) => s.ended !== undefined);
    const stages: Record<string, number> = {};
    for (const stage of STAGES) {
      const of = ended.filter((s) => s.stage === stage);
      // The stage's span: its steps may overlap (reports print two at a time).
      if (of.length) stages[stage] = seconds(Math.max(...of.map((s) => s.ended!)) - Math.min(...of.map((s) => s.started)));
    }
    return {
      version: SUMMARY_VERSION,
      tool: `regreport ${VERSION}`,
      command: this.command,
      status: end.status,
      exit_code: end.exitCode,
      error: errorJson(end.error),
      registry: this.extract?.config.name ?? null,
      period: this.period,
      inputs: this.extract ? inputsJson(this.extract, this.inputs) : [],
      accounting: this.extract?.accounting ?? {},
      ignored_columns: this.extract?.ignoredColumns ?? {},
      warnings: this.warnings,
      out: this.out,
      files: this.files,
      result: this.result,
      timings: {
        total_seconds: seconds(end.totalMs),
        stages,
        tables: this.extract ? tableTimings(this.extract, ended) : {},
        steps: ended.map((s) => ({
          stage: s.stage,
          step: s.label,
          seconds: seconds(s.ended! - s.started),
          ...(s.unit !== undefined && s.done > 0 ? { count: s.done, unit: s.unit } : {}),
        })),
      },
    };
  }
}

/** Per table: rows read, the seconds its reading and checking took, and rows per second over both. */
export function tableTimings(x: Pick<LoadedExtract, 'accounting'>, steps: readonly StepState[]): Record<string, { rows: number; seconds: number; rows_per_second: number | null }> {
  const out: Record<string, { rows: number; seconds: number; rows_per_second: number | null }> = {};
  for (const [table, a] of Object.entries(x.accounting)) {
    const ms = steps.filter((s) => s.table === table).reduce((n, s) => n + (s.ended! - s.started), 0);
    out[table] = { rows: a.read, seconds: seconds(ms), rows_per_second: ms > 0 ? Math.round((a.read / ms) * 1000) : null };
  }
  return out;
}

/** Each file with the encoding it was read in, its size and SHA-256 (null when the run stopped before hashing ended). */
function inputsJson(x: LoadedExtract, inputs: readonly InputFingerprint[]): Record<string, unknown>[] {
  const fingerprint = new Map(inputs.map((i) => [i.name, i]));
  return [
    { table: null, file: 'registry.yaml', format: 'yaml', encoding: 'utf-8', ...sizeAndHash(fingerprint.get('registry.yaml')) },
    ...x.files.map((f) => ({ table: f.table, file: f.name, format: f.format, encoding: x.encodings[f.table] ?? f.format, ...sizeAndHash(fingerprint.get(f.name)) })),
  ];
}

function sizeAndHash(f: InputFingerprint | undefined): { bytes: number | null; sha256: string | null } {
  return { bytes: f?.bytes ?? null, sha256: f?.sha256 ?? null };
}

function errorJson(e: unknown): Record<string, unknown> | null {
  if (e === undefined || e === null) return null;
  if (e instanceof InputError) {
    return { kind: 'bad_input', message: e.message, file: e.file ?? null, line: e.line ?? null, column: e.column ?? null, hint: e.hint ?? null, text: e.format() };
  }
  return { kind: 'internal_error', message: String((e as Error)?.message ?? e), file: null, line: null, column: null, hint: null, text: null };
}
