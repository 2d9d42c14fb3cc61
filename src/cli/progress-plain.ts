// Progress for logs (stderr not a terminal, CI, TERM=dumb): one line per finished step, and one per
// thing done in a counted step (each report printed), each with the time since the run started.
// Nothing is redrawn, so there are no escape codes.
import { finishedLine, logLine } from './progress-format.js';
import type { ProgressView, StepState } from './progress.js';

export class PlainView implements ProgressView {
  constructor(
    private readonly to: { write(text: string): unknown },
    private readonly now: () => number,
  ) {}

  started(): void {}

  advanced(s: StepState): void {
    if (s.total === undefined || s.unit === 'bytes') return;
    this.to.write(`${logLine(this.now(), `${s.label}: ${s.done}/${s.total}${s.note ? ` ${s.note}` : ''}`)}\n`);
  }

  ended(s: StepState): void {
    this.to.write(`${logLine(s.ended ?? this.now(), finishedLine(s))}\n`);
  }

  clear(): void {}

  close(): void {}
}
