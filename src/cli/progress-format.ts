// How a step reads in the progress display and the log: durations, counts, rates and time left.
import type { StepState } from './progress.js';

/** 0.4 s, 12.3 s, 2 min 05 s: tenths while they matter, whole seconds past a minute. */
export function duration(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const secs = Math.round(ms / 1000);
  return `${Math.floor(secs / 60)} min ${String(secs % 60).padStart(2, '0')} s`;
}

/** 117,120: progress is read at a glance, so large counts get separators (unlike the accounting table). */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 775 B, 12.4 kB, 7.3 MB, 1.21 GB (decimal units, as file managers show sizes); the unit chosen after rounding. */
export function bytes(n: number): string {
  if (Math.round(n) < 1000) return `${Math.round(n)} B`;
  const kB = Math.round(n / 100) / 10;
  if (kB < 1000) return `${kB.toFixed(1)} kB`;
  const MB = Math.round(n / 1e5) / 10;
  if (MB < 1000) return `${MB.toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** Below this a rate is mostly start-up noise: not shown. */
const MIN_RATE_MS = 50;

/** '290,000 rows/s', '18.1 MB/s'; null when the step was too short to say, or counts reports. */
export function rate(done: number, ms: number, unit: string | undefined): string | null {
  if (ms < MIN_RATE_MS || done <= 0) return null;
  const perSecond = (done / ms) * 1000;
  if (unit === 'bytes') return `${bytes(perSecond)}/s`;
  if (unit === 'rows') return `${count(perSecond)} rows/s`;
  return null;
}

function amount(done: number, unit: string | undefined): string {
  if (unit === 'bytes') return bytes(done);
  return `${count(done)} ${unit ?? ''}`.trimEnd();
}

/** An estimate only once there is something to go by: a second of work and a first thing done. */
const MIN_ETA_MS = 1000;

/** Milliseconds left, from the time the things done so far took; null when there is nothing to go by yet. */
export function remaining(s: StepState, now: number): number | null {
  const elapsed = now - s.started;
  if (elapsed < MIN_ETA_MS) return null;
  // Only counted steps (reports): DuckDB's own estimate of a statement's progress proved too
  // unsteady (stuck at half for most of a read) to promise a time from.
  if (s.total === undefined || s.unit === 'bytes' || s.done <= 0 || s.done > s.total) return null;
  return (elapsed * (s.total - s.done)) / s.done;
}

/** A finished step: 'read cases.csv: 7.3 MB in 0.4 s (18.1 MB/s)', 'check cases: 0.3 s'. */
export function finishedLine(s: StepState): string {
  const ms = (s.ended ?? s.started) - s.started;
  if (s.done <= 0 || s.unit === undefined) return `${s.label}: ${duration(ms)}`;
  const r = rate(s.done, ms, s.unit);
  return `${s.label}: ${amount(s.done, s.unit)} in ${duration(ms)}${r ? ` (${r})` : ''}`;
}

/** A running step: 'print reports  3/5  4.1 s, about 2.7 s left'. */
export function activeLine(s: StepState, now: number): string {
  const parts = [s.label];
  if (s.total !== undefined && s.unit !== 'bytes') parts.push(`${s.done}/${s.total}`);
  else if (s.unit === 'bytes' && s.total !== undefined) parts.push(bytes(s.total));
  const left = remaining(s, now);
  parts.push(`${duration(now - s.started)}${left === null ? '' : `, about ${duration(left)} left`}`);
  return parts.join('  ');
}

/** A line of the plain log: the time since the run started, then the step. */
export function logLine(at: number, text: string): string {
  return `[${duration(at).padStart(8)}] ${text}`;
}
