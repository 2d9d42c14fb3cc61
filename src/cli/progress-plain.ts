// Progress for logs (stderr not a terminal, CI, TERM=dumb): one line per finished step, each with the
// time since the run started, and in a long counted step (reports printing) a line for the thing just
// done when the step has been silent for a while, so a log shows that the run is alive. Nothing is
// redrawn, so there are no escape codes.
import { finishedLine, logLine } from './progress-format.js';
import type { ProgressView, StepState } from './progress.js';

/** A counted step says how far it is at most this often (ms); a short one says nothing until it ends. */
export const HEARTBEAT_MS = 5000;

export class PlainView implements ProgressView {
  /** when each running step last had a line */
  private readonly lastLine = new Map<StepState, number>();

  constructor(
    private readonly to: { write(text: string): unknown },
    private readonly now: () => number,
  ) {}

  started(s: StepState): void {
    this.lastLine.set(s, s.started);
  }

  advanced(s: StepState): void {
    if (s.total === undefined || s.unit === 'bytes' || s.done >= s.total) return; // the last one: its step's line follows
    const now = this.now();
    if (now - (this.lastLine.get(s) ?? s.started) < HEARTBEAT_MS) return;
    this.lastLine.set(s, now);
    this.to.write(`${logLine(now, `${s.label}: ${s.done}/${s.total}${s.note ? ` ${s.note}` : ''}`)}\n`);
  }

  ended(s: StepState): void {
    this.lastLine.delete(s);
    this.to.write(`${logLine(s.ended ?? this.now(), finishedLine(s))}\n`);
  }

  clear(): void {}

  close(): void {}
}
