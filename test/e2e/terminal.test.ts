// The live display in a real pseudo-terminal (util-linux `script`): the CLI finds it is on a terminal,
// redraws in place, and leaves no running line behind, also when the run stops on bad input.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

/** Runs the compiled CLI with its stdio on a fresh pseudo-terminal; what the terminal received. */
function onTerminal(args: string, env: NodeJS.ProcessEnv = {}): string {
  const e: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
  delete e.CI;
  delete e.NO_COLOR;
  Object.assign(e, env);
  return execFileSync('script', ['-qec', `stty cols 100; node bin/regreport.js ${args}`, '/dev/null'], { encoding: 'utf8', env: e, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.skipIf(!hasScript)('on a real terminal', () => {
  it('steps are redrawn in place and end as a log of finished steps above the results', () => {
    const text = onTerminal('validate --data sample-data/no-sarcoma');
    // eslint-disable-next-line no-control-regex
    expect(text).toMatch(/\r\u001b\[\d+A\u001b\[J/); // cursor up, erase down
    expect(text).toContain('✓\u001b[39m read cases.csv: 241.6 kB in ');
    const after = text.slice(text.lastIndexOf('\u001b[J') + 3);
    expect(after).not.toMatch(SPINNER);
    expect(after).toMatch(/rows read, used and rejected/);
  }, 60_000);

  it('bad input: the running line is erased and the message stands below the finished steps', () => {
    const dir = tempDir();
    for (const f of readdirSync('sample-data/no-sarcoma')) copyFileSync(join('sample-data/no-sarcoma', f), join(dir, f));
    writeFileSync(join(dir, 'forms.csv'), 'form_id;case_id\nf1;A;x\n');
    let text = '';
    try {
      onTerminal(`validate --data ${dir}`);
    } catch (e) {
      text = String((e as { stdout: string }).stdout);
      expect((e as { status: number }).status).toBe(2);
    }
    const after = text.slice(text.lastIndexOf('\u001b[J') + 3);
    expect(after).not.toMatch(SPINNER);
    expect(after).toMatch(/^(\S.*\r?\n)*regreport validate: .*forms\.csv/);
    expect(text).not.toMatch(/✓\S* read forms\.csv/);
  }, 60_000);

  it('NO_COLOR: the same display without colour', () => {
    const text = onTerminal('validate --data sample-data/no-sarcoma', { NO_COLOR: '1' });
    expect(text).toContain('\u001b[J');
    expect(text).not.toContain('\u001b[3');
  }, 60_000);
});
