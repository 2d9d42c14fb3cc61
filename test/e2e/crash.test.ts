// Kills at several moments of a build: only whole files under final names, no Chromium left behind,
// and a re-run into the same folder gives byte-identical files (SOURCE_DATE_EPOCH fixes the time)
// with no leftovers. SIGTERM removes the staging folder and the lock itself.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES_HEADER, FORMS_HEADER, fixture, tempDir } from '../helpers.js';
import { descendants, exited, running, startCli, waitFor } from './proc.js';

// Two regions with a unit each: five reports (national, two regional, two unit reports), so a kill can
// fall between one PDF and the next.
const DATA = fixture({
  cases: [CASES_HEADER, 'A,PA,2024-02-01,C49.2,,F,50,R1,L1,', 'B,PB,2024-03-01,C49.2,,F,50,R1,L1,', 'C,PC,2023-05-01,C40.1,,M,50,R1,L1,', 'F,PF,2024-01-15,C49.2,,M,50,R2,L2,'],
  forms: [FORMS_HEADER, 'f1,A,registration,L1,2024-03-01,,,', 'f5,F,treatment,C2,2024-03-01,surgery,2024-02-20,C2'],
});
const build = (out: string) => startCli(['build', '--data', DATA, '--out', out], { SOURCE_DATE_EPOCH: '1700000000' });

/** Every file below `dir` (relative paths), hidden ones included. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((n) => {
    const rel = prefix ? `${prefix}/${n}` : n;
    return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
  }).sort();
}

const stagingOf = (out: string) => (existsSync(out) ? readdirSync(out).filter((n) => n.startsWith('.regreport-')) : []);
const stagedPdf = (out: string) => stagingOf(out).some((s) => readdirSync(join(out, s)).some((f) => f.endsWith('.pdf')));
const isBrowser = (name: string) => /chrom|headless/i.test(name);

let reference: string;
beforeAll(async () => {
  reference = join(tempDir(), 'reference');
  expect(await exited(build(reference))).toBe(0);
  expect(files(reference).filter((f) => f.endsWith('.pdf'))).toHaveLength(5);
}, 60_000);

function expectSameAsReference(out: string, rel: readonly string[], moment: string): void {
  for (const f of rel) expect(readFileSync(join(out, f)).equals(readFileSync(join(reference, f))), `${moment}: ${f}`).toBe(true);
}

/**
 * Starts a build and SIGKILLs it at `moment` (with `browser`, once Chromium runs); checks that none of
 * its processes survives (Chromium starts its own process group) and only whole files are visible.
 */
async function killAt(out: string, moment: string, when: (out: string) => boolean, browser = false): Promise<void> {
  const child = build(out);
  expect(await waitFor(() => when(out) && (!browser || descendants(child.pid!).filter((p) => isBrowser(p.name)).length >= 2), 45_000), moment).toBe(true);
  const tree = descendants(child.pid!).map((p) => p.pid);
  child.kill('SIGKILL');
  await exited(child);
  expect(await waitFor(() => running(tree).length === 0, 15_000), `${moment}: still running ${running(tree).join(', ')}`).toBe(true);
  const visible = existsSync(out) ? files(out).filter((f) => !f.startsWith('.')) : [];
  expectSameAsReference(out, visible, moment);
}

async function rerunMatchesReference(out: string, moment: string): Promise<void> {
  expect(await exited(build(out)), moment).toBe(0);
  expect(files(out), moment).toEqual(files(reference));
  expectSameAsReference(out, files(reference), moment);
}

describe('crash safety', () => {
  it('SIGKILL at several moments: whole files only, no browser left, and a byte-identical re-run', async () => {
    const out = join(tempDir(), 'out');
    await killAt(out, 'when the staging folder appears', (o) => stagingOf(o).length > 0);
    await killAt(out, 'while printing (the browser runs)', (o) => stagingOf(o).length > 0, true);
    await rerunMatchesReference(out, 'after two kills');
    // Over a complete folder: the files of the earlier run stay whole and in place.
    await killAt(out, 'while printing over a complete folder', stagedPdf);
    // (besides the dead run's staging folder and lock, which the next run removes and takes over)
    expect(files(out).filter((f) => !f.startsWith('.regreport-') && f !== '.regreport.lock')).toEqual(files(reference));
    await rerunMatchesReference(out, 'after the third kill');
  }, 120_000);

  it('SIGTERM while printing: exit 143, staging folder and lock removed', async () => {
    const out = join(tempDir(), 'term');
    const child = build(out);
    expect(await waitFor(() => stagedPdf(out), 45_000)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(143);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);
});
