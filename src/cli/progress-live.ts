// Progress on a terminal: the running steps redrawn in place below the finished ones, which stay as
// a log. A few ANSI sequences of our own rather than a library: cursor up, erase down, and colour
// only when NO_COLOR is unset. Every running line is cut to the terminal's width, since a line that
// wrapped would throw the cursor arithmetic off (and one as wide as the terminal may wrap early); finished lines are written once and may wrap.
import { activeLine, finishedLine } from './progress-format.js';
import type { ProgressView, StepState } from './progress.js';

/** What the view needs of a terminal stream (a fake one in the tests). */
export interface Terminal {
  write(text: string): unknown;
  readonly columns?: number | undefined;
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const ESC = '\u001b[';

export interface LiveOptions {
  readonly color: boolean;
  readonly now: () => number;
  /** redraw interval in ms; 0: only on events (the tests draw by hand) */
  readonly interval?: number;
}

export class LiveView implements ProgressView {
  private readonly active: StepState[] = [];
  /** the running lines now on screen, as drawn */
  private drawn: string[] = [];
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tty: Terminal,
    private readonly opts: LiveOptions,
  ) {}

  started(s: StepState): void {
    this.active.push(s);
    this.tick();
    this.draw([]);
  }

  advanced(): void {
    this.draw([]);
  }

  ended(s: StepState): void {
    const i = this.active.indexOf(s);
    if (i !== -1) this.active.splice(i, 1);
    this.draw([this.mark('✓', 32) + ' ' + finishedLine(s)]);
    if (this.active.length === 0) this.stop();
  }

  /** Erases the running lines; they come back at the next redraw. */
  clear(): void {
    if (this.drawn.length) this.tty.write(this.erase());
    this.drawn = [];
  }

  close(): void {
    this.stop();
    this.clear();
  }

  /** Redraws: the finished lines once, then the running ones, in one write so it does not flicker. */
  draw(finished: readonly string[]): void {
    const width = this.width();
    const running = this.active.map((s) => `${this.mark(SPINNER[this.frame % SPINNER.length]!, 36)} ${cut(activeLine(s, this.opts.now()), width - 3)}`);
    const text = this.erase() + finished.map((l) => `${l}\n`).join('') + running.map((l) => `${l}\n`).join('');
    this.drawn = running;
    if (text !== '') this.tty.write(text);
  }

  private tick(): void {
    const every = this.opts.interval ?? 100;
    if (this.timer !== undefined || every <= 0) return;
    this.timer = setInterval(() => {
      this.frame++;
      this.draw([]);
    }, every);
    this.timer.unref(); // never what keeps the process alive
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private width(): number {
    // A pseudo-terminal that was never sized says 0.
    const c = this.tty.columns;
    return c !== undefined && c > 0 ? Math.max(20, c) : 80;
  }

  /** Up over the running lines (as many screen rows as they take now) and erase to the end. */
  private erase(): string {
    if (this.drawn.length === 0) return '';
    const width = this.width();
    const rows = this.drawn.reduce((n, l) => n + Math.max(1, Math.ceil(visibleLength(l) / width)), 0);
    return `\r${ESC}${rows}A${ESC}J`;
  }

  private mark(symbol: string, colour: number): string {
    return this.opts.color ? `${ESC}${colour}m${symbol}${ESC}39m` : symbol;
  }
}

/** Cuts a line to `width` characters, with … where it was cut. */
export function cut(line: string, width: number): string {
  const chars = [...line];
  return chars.length <= width ? line : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

function visibleLength(line: string): number {
  // eslint-disable-next-line no-control-regex
  return [...line.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')].length;
}
