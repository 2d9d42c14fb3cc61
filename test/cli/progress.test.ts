// The progress display: its numbers worked by hand, the plain log, and the live view on a fake terminal
// whose screen is replayed from the escape sequences written to it.
import { describe, expect, it } from 'vitest';
import { activeLine, bytes, count, duration, finishedLine, rate, remaining } from '../../src/cli/progress-format.js';
import { LiveView, cut } from '../../src/cli/progress-live.js';
import { PlainView } from '../../src/cli/progress-plain.js';
import { Tracker, type StepState } from '../../src/cli/progress.js';
import { colourOf, displayOf, inCi } from '../../src/cli/run-io.js';
import { RunSummary, tableTimings } from '../../src/cli/summary.js';

const step = (s: Partial<StepState>): StepState => ({ stage: 'reports', label: 'print reports', unit: undefined, total: undefined, table: undefined, started: 0, done: 0, note: undefined, ended: undefined, ...s });

describe('numbers in the progress display', () => {
  it('durations: tenths below a minute, rounding up to the minute form at 59.95 s', () => {
    expect(duration(0)).toBe('0.0 s');
    expect(duration(49)).toBe('0.0 s');
    expect(duration(50)).toBe('0.1 s');
    expect(duration(59_949)).toBe('59.9 s');
    expect(duration(59_950)).toBe('1 min 00 s');
    expect(duration(125_400)).toBe('2 min 05 s');
    expect(duration(-5)).toBe('0.0 s');
  });

  it('sizes: the unit chosen after rounding, so 999,960 bytes is 1.0 MB and not 1000.0 kB', () => {
    expect(bytes(999)).toBe('999 B');
    expect(bytes(999.6)).toBe('1.0 kB');
    expect(bytes(1000)).toBe('1.0 kB');
    expect(bytes(999_949)).toBe('999.9 kB');
    expect(bytes(999_960)).toBe('1.0 MB');
    expect(bytes(7_251_291)).toBe('7.3 MB');
    expect(bytes(356_400_000)).toBe('356.4 MB');
    expect(bytes(1_210_000_000)).toBe('1.21 GB');
  });

  it('counts with separators; rates only for rows and bytes, and not from a step under 50 ms', () => {
    expect(count(3_396_363)).toBe('3,396,363');
    expect(rate(1000, 500, 'rows')).toBe('2,000 rows/s');
    expect(rate(7_300_000, 400, 'bytes')).toBe('18.3 MB/s');
    expect(rate(1000, 49, 'rows')).toBeNull();
    expect(rate(0, 1000, 'rows')).toBeNull();
    expect(rate(5, 1000, 'reports')).toBeNull();
  });

  it('time left: from the reports done so far, once a second has passed and one is done', () => {
    const s = step({ total: 5, unit: 'reports', started: 1000, done: 2 });
    // 2 reports in 4 s: 3 more take 6 s.
    expect(remaining(s, 5000)).toBe(6000);
    expect(remaining(s, 1999)).toBeNull();
    expect(remaining({ ...s, done: 0 }, 5000)).toBeNull();
    expect(remaining({ ...s, done: 5 }, 5000)).toBe(0);
    expect(remaining({ ...s, unit: 'bytes', total: 7_000_000 }, 5000)).toBeNull();
    expect(remaining({ ...s, total: undefined }, 5000)).toBeNull();
  });

  it('lines of running and finished steps', () => {
    expect(activeLine(step({ total: 5, unit: 'reports', started: 1000, done: 3 }), 5100)).toBe('print reports  3/5  4.1 s, about 2.7 s left');
    expect(activeLine(step({ label: 'read cases.csv', total: 7_251_291, unit: 'bytes', started: 0 }), 300)).toBe('read cases.csv  7.3 MB  0.3 s');
    expect(finishedLine(step({ label: 'read cases.csv', unit: 'bytes', done: 7_251_291, started: 0, ended: 400 }))).toBe('read cases.csv: 7.3 MB in 0.4 s (18.1 MB/s)');
    expect(finishedLine(step({ label: 'check cases', started: 100, ended: 400 }))).toBe('check cases: 0.3 s');
    expect(finishedLine(step({ total: 5, unit: 'reports', done: 5, started: 0, ended: 6100 }))).toBe('print reports: 5 reports in 6.1 s');
  });
});

describe("a table's time in the summary", () => {
  it('rows per second over its read and check steps together; null for a table read in no measurable time', () => {
    const accounting = {
      cases: { read: 117_120, used: 104_095, rejected: 210, out_of_scope: 12_815, rules: {} },
      units: { read: 14, used: 14, rejected: 0, rules: {} },
    };
    const steps = [
      step({ stage: 'read', label: 'read cases.csv', table: 'cases', started: 0, ended: 400 }),
      step({ stage: 'read', label: 'read units.csv', table: 'units', started: 400, ended: 400 }),
      step({ stage: 'check', label: 'check cases', table: 'cases', started: 500, ended: 900 }),
      step({ stage: 'check', label: 'cohort and row accounting', started: 900, ended: 1100 }),
    ];
    // 117,120 rows in 0.4 + 0.4 s = 146,400 rows/s; the cohort step belongs to no table.
    expect(tableTimings({ accounting }, steps)).toEqual({
      cases: { rows: 117_120, seconds: 0.8, rows_per_second: 146_400 },
      units: { rows: 14, seconds: 0, rows_per_second: null },
    });
  });
});

describe('stage times in the summary', () => {
  it("a stage is the span of its steps (which may overlap), not their sum; steps still running are left out", () => {
    const steps = [
      step({ stage: 'start', label: 'start', started: 0, ended: 1500 }),
      step({ stage: 'reports', label: 'render reports', started: 1500, ended: 4000 }),
      step({ stage: 'reports', label: 'print reports', started: 3000, ended: 9000, total: 4, done: 4, unit: 'reports' }),
      step({ stage: 'files', label: 'metric files', started: 9000 }),
    ];
    const doc = new RunSummary('build').toJson({ status: 'ok', exitCode: 0, error: undefined, steps, totalMs: 9_876.4 });
    // reports: 1.5 s to 9.0 s is 7.5 s, though its steps add up to 8.5 s.
    expect(doc.timings).toEqual({
      total_seconds: 9.876,
      stages: { start: 1.5, reports: 7.5 },
      tables: {},
      steps: [
        { stage: 'start', step: 'start', seconds: 1.5 },
        { stage: 'reports', step: 'render reports', seconds: 2.5 },
        { stage: 'reports', step: 'print reports', seconds: 6, count: 4, unit: 'reports' },
      ],
    });
    expect(doc).toMatchObject({ version: 1, command: 'build', status: 'ok', exit_code: 0, error: null, registry: null, files: [] });
  });
});

describe('which display', () => {
  const tty = { isTTY: true };
  it('live only on a terminal, outside CI, with a TERM that can move the cursor; nothing under --quiet', () => {
    const flags = { quiet: false, json: false };
    expect(displayOf(tty, {}, flags)).toBe('live');
    expect(displayOf({}, {}, flags)).toBe('plain');
    expect(displayOf({ isTTY: false }, {}, flags)).toBe('plain');
    expect(displayOf(tty, { CI: 'true' }, flags)).toBe('plain');
    expect(displayOf(tty, { TERM: 'dumb' }, flags)).toBe('plain');
    expect(displayOf(tty, {}, { quiet: true, json: false })).toBe('off');
    expect(displayOf(tty, {}, { quiet: false, json: true })).toBe('live');
  });

  it('CI: set and not empty, false or 0', () => {
    expect([undefined, '', 'false', 'FALSE', '0'].map((CI) => inCi({ CI }))).toEqual([false, false, false, false, false]);
    expect(['true', '1', 'yes'].map((CI) => inCi({ CI }))).toEqual([true, true, true]);
  });

  it('NO_COLOR set to anything but the empty text turns colour off', () => {
    expect(colourOf({})).toBe(true);
    expect(colourOf({ NO_COLOR: '' })).toBe(true);
    expect(colourOf({ NO_COLOR: '1' })).toBe(false);
  });
});

describe('the plain log', () => {
  it('one line per finished step with the time since the start, no escape codes; a counted step says how far it is after 5 s of silence', () => {
    let now = 0;
    const lines: string[] = [];
    const t = new Tracker(new PlainView({ write: (s: string) => lines.push(s) }, () => now), () => now);
    const read = t.begin('read', 'read cases.csv', { unit: 'bytes', total: 7_251_291 });
    now = 400;
    read.end(7_251_291);
    const print = t.begin('reports', 'print reports', { total: 4, unit: 'reports' });
    now = 5399; // 4.999 s after the step began: nothing yet
    print.advance('report-2024-national.pdf');
    now = 5400; // 5 s: a line
    print.advance('report-2024-region-HN.pdf');
    now = 10_399; // 4.999 s after that line: nothing
    print.advance('report-2024-region-HSO.pdf');
    now = 15_000; // the last: its step's own line follows at once
    print.advance('report-2024-region-HV.pdf');
    print.end();
    expect(lines.join('')).toBe(
      '[   0.4 s] read cases.csv: 7.3 MB in 0.4 s (18.1 MB/s)\n' +
        '[   5.4 s] print reports: 2/4 report-2024-region-HN.pdf\n' +
        '[  15.0 s] print reports: 4 reports in 14.6 s\n',
    );
    expect(lines.join('')).not.toContain('\u001b');
    expect(t.steps.map((s) => [s.label, s.started, s.ended])).toEqual([['read cases.csv', 0, 400], ['print reports', 400, 15_000]]);
  });
});

describe('the start step', () => {
  it("runs from the run's start (0) to the first step, and is ended once", () => {
    let now = 700;
    const lines: string[] = [];
    const t = new Tracker(new PlainView({ write: (s: string) => lines.push(s) }, () => now), () => now);
    t.start();
    now = 1200;
    t.begin('read', 'read units.csv').end();
    t.begin('check', 'check units').end();
    expect(t.steps.map((s) => [s.stage, s.started, s.ended])).toEqual([['start', 0, 1200], ['read', 1200, 1200], ['check', 1200, 1200]]);
    expect(lines[0]).toBe('[   1.2 s] start: 1.2 s\n');
  });
});

/** A terminal screen replayed from what was written: \r, \n, cursor up (ESC[nA), erase down (ESC[J), colours ignored. */
class FakeTerminal {
  written = '';
  constructor(public columns: number) {}
  write(text: string): boolean {
    this.written += text;
    return true;
  }
  screen(): string[] {
    const rows: string[] = [''];
    let y = 0;
    // eslint-disable-next-line no-control-regex
    for (const m of this.written.matchAll(/\u001b\[(\d*)([A-Za-z])|\r|\n|[^\u001b\r\n]+/g)) {
      const [all, n, cmd] = m;
      if (cmd === 'A') y = Math.max(0, y - Number(n || 1));
      else if (cmd === 'J') {
        rows.splice(y + 1);
        rows[y] = '';
      } else if (cmd !== undefined) continue; // colours
      else if (all === '\n') rows[++y] ??= '';
      else if (all !== '\r') rows[y] = (rows[y] ?? '') + all;
    }
    return rows[rows.length - 1] === '' ? rows.slice(0, -1) : rows;
  }
}

describe('the live view', () => {
  function setup(columns = 80, color = false) {
    let now = 0;
    const tty = new FakeTerminal(columns);
    const view = new LiveView(tty, { color, now: () => now, interval: 0 });
    const t = new Tracker(view, () => now);
    return { tty, view, t, at: (ms: number) => (now = ms) };
  }

  it('redraws the running steps in place, below the finished ones', () => {
    const { tty, view, t, at } = setup();
    const a = t.begin('read', 'read cases.csv', { unit: 'bytes', total: 7_251_291 });
    const b = t.begin('reports', 'print reports', { total: 5, unit: 'reports' });
    expect(tty.screen()).toEqual(['⠋ read cases.csv  7.3 MB  0.0 s', '⠋ print reports  0/5  0.0 s']);
    at(400);
    a.end(7_251_291);
    expect(tty.screen()).toEqual(['✓ read cases.csv: 7.3 MB in 0.4 s (18.1 MB/s)', '⠋ print reports  0/5  0.4 s']);
    at(2400);
    b.advance('report-2024-national.pdf');
    view.draw([]);
    expect(tty.screen()).toEqual(['✓ read cases.csv: 7.3 MB in 0.4 s (18.1 MB/s)', '⠋ print reports  1/5  2.4 s, about 9.6 s left']);
    expect(tty.written).not.toContain('\u001b[3'); // no colour asked for
  });

  it('clears the running lines before an error, and nothing is drawn after close', () => {
    const { tty, t } = setup();
    t.begin('check', 'check forms');
    t.clear();
    tty.write('regreport validate: forms.csv:3: cannot parse the file\n');
    expect(tty.screen()).toEqual(['regreport validate: forms.csv:3: cannot parse the file']);
    t.close();
    expect(tty.screen()).toEqual(['regreport validate: forms.csv:3: cannot parse the file']);
  });

  it('cuts running lines to a narrow terminal, and erases what wrapped after it shrank', () => {
    const { tty, view, t } = setup(30);
    t.begin('read', 'read pathway_events_from_the_regional_registry.csv', { unit: 'bytes', total: 14_551_010 });
    const [line] = tty.screen();
    expect([...line!].length).toBe(29); // one short of the width: a full row may wrap early
    expect(line).toBe(`⠋ ${cut('read pathway_events_from_the_regional_registry.csv  14.6 MB  0.0 s', 27)}`);
    expect(line!.endsWith('…')).toBe(true);
    // The same 29 characters take two rows of a 20-column terminal: both are erased.
    tty.columns = 20;
    view.clear();
    expect(tty.written.endsWith('\r\u001b[2A\u001b[J')).toBe(true);
  });

  it('colours only the marks, and only when asked', () => {
    const { tty, t } = setup(80, true);
    t.begin('metrics', 'metrics').end();
    expect(tty.written).toContain('\u001b[36m⠋\u001b[39m metrics');
    expect(tty.written).toContain('\u001b[32m✓\u001b[39m metrics: 0.0 s');
  });
});
