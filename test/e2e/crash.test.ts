// Kills at several moments of a build: only whole files under final names, and a re-run into the same
// folder gives byte-identical files (SOURCE_DATE_EPOCH fixes the time) with no leftovers. SIGTERM
// removes the staging folder and the lock itself.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { exited, startCli, waitFor } from './proc.js';

const ENV = { SOURCE_DATE_EPOCH: '1700000000' };
const build = (out: string) => startCli(['build', '--data', 'sample-data/no-sarcoma', '--out', out], ENV);

/** Every file below `dir` (relative paths), hidden ones included. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((n) => {
    const rel = prefix ? `${prefix}/${n}` : n;
    return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
  }).sort();
}

const stagingOf = (out: string) => (existsSync(out) ? readdirSync(out).filter((n) => n.startsWith('.regreport-')) : []);
const stagedPdf = (out: string) => stagingOf(out).some((s) => readdirSync(join(out, s)).some((f) => f.endsWith('.pdf')));

let reference: string;
beforeAll(async () => {
  reference = join(tempDir(), 'reference');
  expect(await exited(build(reference))).toBe(0);
}, 60_000);

function expectSameAsReference(out: string, rel: readonly string[]): void {
  for (const f of rel) expect(readFileSync(join(out, f)).equals(readFileSync(join(reference, f))), f).toBe(true);
}

describe('crash safety', () => {
  const moments: [string, (out: string) => boolean, boolean][] = [
    ['when the staging folder appears', (out) => stagingOf(out).length > 0, false],
    ['while printing', stagedPdf, false],
    ['while printing a re-run over a complete folder', stagedPdf, true],
  ];
  for (const [moment, when, overComplete] of moments) {
    it(`SIGKILL ${moment}: whole files only, and a byte-identical re-run`, async () => {
      const out = join(tempDir(), 'out');
      if (overComplete) expect(await exited(build(out))).toBe(0);
      const child = build(out);
      expect(await waitFor(() => when(out), 45_000), moment).toBe(true);
      child.kill('SIGKILL');
      await exited(child);
      // Under final names: nothing, or complete files of a whole build (never a part of one).
      const visible = existsSync(out) ? files(out).filter((f) => !f.startsWith('.')) : [];
      expectSameAsReference(out, visible);
      expect(await exited(build(out))).toBe(0);
      expect(files(out)).toEqual(files(reference));
      expectSameAsReference(out, files(reference));
    }, 90_000);
  }

  it('SIGTERM while printing: exit 143, staging folder and lock removed', async () => {
    const out = join(tempDir(), 'term');
    const child = build(out);
    expect(await waitFor(() => stagedPdf(out), 45_000)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(143);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);
});
