// Every command answers --help with its usage and options, exit 0.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { cli } from '../helpers.js';

describe('--help', () => {
  for (const name of Object.keys(COMMANDS)) {
    it(name, async () => {
      const r = await cli(name, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^regreport ${name}: `));
      expect(r.out).toMatch(/usage: regreport/);
      expect(r.out).toMatch(/--debug/);
    });
  }

  it('without a command: the list of commands, exit 2; with --help: exit 0', async () => {
    expect((await cli()).code).toBe(2);
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(r.out).toContain(`  ${name}`);
  });
});
