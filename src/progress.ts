// What a long run tells the person waiting for it: the steps of each stage as they start and end, with
// counts and totals. The stages only report; how it is shown (a live display on a
// terminal, one line per step in a log, nothing, a JSON summary) is the command line's business.

/**
 * The stages of a run, in the order they happen; the JSON summary times each of them. `start` is the
 * time from the process's start to the first step: Node and the program's modules, the options,
 * registry.yaml, finding the files and opening DuckDB.
 */
export const STAGES = ['start', 'read', 'check', 'metrics', 'reports', 'files'] as const;
export type Stage = (typeof STAGES)[number];

export interface StepOptions {
  /** how many things the step will do (reports to print), when known beforehand */
  readonly total?: number;
  /** what it counts: 'rows', 'reports', 'files' … */
  readonly unit?: string;
  /** the table the step works on, so that the summary can give each table's time and rows per second */
  readonly table?: string;
}

export interface Step {
  /** one more thing done; `note` names it (the report just printed) */
  advance(note?: string): void;
  /** the step has ended; `count` is the final number of things done (rows read), if not advanced one by one */
  end(count?: number): void;
}

export interface Progress {
  begin(stage: Stage, label: string, opts?: StepOptions): Step;
}

const NO_STEP: Step = { advance: () => undefined, end: () => undefined };

/** For callers that show nothing (tests, library use). */
export const SILENT: Progress = { begin: () => NO_STEP };

/** Runs `work` as one step; a step that fails is not reported as ended (the error says what happened). */
export async function inStep<T>(progress: Progress, stage: Stage, label: string, work: () => Promise<T>): Promise<T> {
  const step = progress.begin(stage, label);
  const result = await work();
  step.end();
  return result;
}
