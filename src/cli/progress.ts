// The run's steps as the stages report them (src/progress.ts) → a view (live, plain lines or none) and
// the record of every step's time that the --json summary reports.
import type { Progress, Stage, Step, StepOptions } from '../progress.js';

/** One step as far as it has come. Times are milliseconds on the run's clock. */
export interface StepState {
  readonly stage: Stage;
  readonly label: string;
  readonly unit: string | undefined;
  readonly total: number | undefined;
  readonly table: string | undefined;
  readonly started: number;
  done: number;
  /** the name of the last thing done (the report just printed) */
  note: string | undefined;
  ended: number | undefined;
}

/** How the steps are shown. `clear` makes room for a message (an error) that must be readable. */
export interface ProgressView {
  started(s: StepState): void;
  advanced(s: StepState): void;
  ended(s: StepState): void;
  clear(): void;
  close(): void;
}

export class Tracker implements Progress {
  readonly steps: StepState[] = [];
  /** from the run's start until the first step: something is shown at once, and its time is told */
  private starting: Step | null = null;

  constructor(
    private readonly view: ProgressView | null,
    /** milliseconds since the run started */
    readonly now: () => number,
  ) {}

  /** Begins the start step, at the run's start (time 0), not at the time of the call. */
  start(): void {
    this.starting = this.begin('start', 'start', {}, 0);
  }

  begin(stage: Stage, label: string, opts: StepOptions = {}, at = this.now()): Step {
    this.starting?.end();
    this.starting = null;
    const s: StepState = {
      stage, label, unit: opts.unit, total: opts.total, table: opts.table,
      started: at, done: 0, note: undefined, ended: undefined,
    };
    this.steps.push(s);
    this.view?.started(s);
    return {
      advance: (note?: string) => {
        if (s.ended !== undefined) return;
        s.done += 1;
        s.note = note;
        this.view?.advanced(s);
      },
      end: (count?: number) => {
        if (s.ended !== undefined) return;
        if (count !== undefined) s.done = count;
        s.ended = this.now();
        this.view?.ended(s);
      },
    };
  }

  /** Before an error message: nothing half-drawn above or around it. */
  clear(): void {
    this.view?.clear();
  }

  close(): void {
    this.view?.close();
  }
}
