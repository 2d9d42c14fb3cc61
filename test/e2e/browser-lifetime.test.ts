// SIGKILL of a build while it prints leaves no Chromium behind: the browser's lifetime is tied to the
// process through its DevTools pipe.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { descendants, exited, running, startCli, waitFor } from './proc.js';

const isBrowser = (name: string) => /chrom|headless/i.test(name);

describe('browser lifetime', () => {
  it('no Chromium process outlives a build killed during printing', async () => {
    const child = startCli(['build', '--data', 'sample-data/no-sarcoma', '--out', join(tempDir(), 'killed')]);
    const pid = child.pid!;
    let browsers: number[] = [];
    const printing = await waitFor(() => {
      browsers = descendants(pid).filter((p) => isBrowser(p.name)).map((p) => p.pid);
      return browsers.length >= 2;
    }, 45_000);
    expect(printing, 'the build started a browser').toBe(true);
    const tree = descendants(pid).map((p) => p.pid);
    child.kill('SIGKILL');
    await exited(child);
    const gone = await waitFor(() => running(tree).length === 0, 15_000);
    expect(gone, `still running: ${running(tree).join(', ')}`).toBe(true);
  });
});
