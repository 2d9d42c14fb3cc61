// Where a run's output goes, decided once from --quiet, --json, the streams and the environment:
//   default  results and the load summary as before; progress on stderr, live on a terminal, else
//            one line per step (not a terminal, CI set, TERM=dumb);
//   --quiet  errors, and the warnings that change what the results mean, on stderr; nothing else;
//   --json   one JSON document on stdout at the end (summary.ts); progress on stderr as by default.
import { Writable } from 'node:stream';
import { LiveView } from './progress-live.js';
import { PlainView } from './progress-plain.js';
import { Tracker, type ProgressView } from './progress.js';
import { RunSummary } from './summary.js';
import type { LoadReport } from './extract.js';
import type { CommandIo, Io } from './options.js';

export type Display = 'live' | 'plain' | 'off';

export interface Flags {
  readonly quiet: boolean;
  readonly json: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** CI=true, CI=1, CI=yes … count; CI='' , CI=false and CI=0 do not (some tools set CI=false to say "not CI"). */
export function inCi(env: Env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false' && v !== '0';
}

export function displayOf(err: { readonly isTTY?: boolean }, env: Env, flags: Flags): Display {
  if (flags.quiet) return 'off';
  if (err.isTTY === true && !inCi(env) && env.TERM !== 'dumb') return 'live';
  return 'plain';
}

/** no-color.org: NO_COLOR set to anything but the empty text turns colour off. */
export function colourOf(env: Env): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

const discard = (): NodeJS.WritableStream => new Writable({ write: (_c, _e, done) => done() });

/** Writes through to `to`, first erasing the live lines so that they never mix with the text. */
function clearingFirst(to: NodeJS.WritableStream, view: ProgressView): NodeJS.WritableStream {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _e, done) {
      view.clear();
      to.write(chunk);
      done();
    },
  });
}

export interface Run {
  readonly io: CommandIo;
  readonly tracker: Tracker;
  readonly summary: RunSummary;
  readonly display: Display;
}

/** `now`: milliseconds since the run started. */
export function openRun(command: string, raw: Io, flags: Flags, env: Env, now: () => number): Run {
  const display = displayOf(raw.err as { isTTY?: boolean }, env, flags);
  const errTty = raw.err as NodeJS.WritableStream & { columns?: number };
  const view: ProgressView | null =
    display === 'live' ? new LiveView(errTty, { color: colourOf(env), now }) : display === 'plain' ? new PlainView(raw.err, now) : null;
  const tracker = new Tracker(view, now);
  tracker.start();
  const summary = new RunSummary(command);
  const shown = (s: NodeJS.WritableStream) => (view && display === 'live' && (s === raw.err || (s as { isTTY?: boolean }).isTTY) ? clearingFirst(s, view) : s);
  const silent = flags.quiet || flags.json;
  const out = silent ? discard() : shown(raw.out);
  const err = silent ? discard() : shown(raw.err);
  const warnTo = flags.json ? discard() : shown(raw.err);
  const io: CommandIo = {
    out,
    err,
    stdout: flags.json ? discard() : shown(raw.out),
    progress: tracker,
    summary,
    quiet: flags.quiet,
    json: flags.json,
    elapsed: now,
    warnings: (beside) => (silent ? warnTo : beside),
  };
  return { io, tracker, summary, display };
}

/** The load's warnings where --quiet and --json want them, and the extract into the --json summary. */
export function loadReport(io: CommandIo, to: NodeJS.WritableStream): LoadReport {
  return { warnings: io.warnings(to), loaded: (x) => io.summary.loaded(x), started: (p, w) => io.summary.started(p, w) };
}
