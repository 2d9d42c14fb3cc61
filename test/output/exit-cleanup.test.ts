// Cleanups on a signal run last registered first, so that a child writing into a folder (qpdf into a
// staging folder) is stopped before the folder is removed; then the process exits 128 + the signal.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('exit cleanups', () => {
  it('SIGTERM runs them in reverse order of registration, each once, and exits 143', () => {
    const script = `
      const { onAbort } = await import('./dist/exit-cleanup.js');
      onAbort(() => process.stdout.write('remove staging folder\\n'));
      const unregister = onAbort(() => process.stdout.write('never: unregistered\\n'));
      onAbort(() => process.stdout.write('stop qpdf\\n'));
      onAbort(() => { throw new Error('a failing cleanup does not stop the others'); });
      unregister();
      process.kill(process.pid, 'SIGTERM');
      setTimeout(() => process.stdout.write('not reached\\n'), 5000);
    `;
    const r = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stdout).toBe('stop qpdf\nremove staging folder\n');
    expect(r.status).toBe(143);
  });
});
