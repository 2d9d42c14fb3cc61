// The output folder: a lock against concurrent runs, leftovers of killed runs removed, the build
// manifest removing only files of earlier builds, and --out paths that cannot be folders.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/output.js';
import { LOCK_NAME } from '../../src/output-lock.js';
import { MANIFEST_NAME, readManifest } from '../../src/output-manifest.js';
import { cli, fixture, tempDir } from '../helpers.js';

/** A pid that is certainly not running: a child that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const c = spawn('true');
  await new Promise((r) => c.once('exit', r));
  return c.pid!;
}

const sleeper = spawn('sleep', ['600']);
afterAll(() => sleeper.kill());

const write = (out: string, files: Record<string, string>, manifest = true) =>
  writeAtomically(out, async (s) => {
    for (const [n, t] of Object.entries(files)) await s.write(n, t);
  }, { manifest });

describe('output folder', () => {
  it('refuses a second run while the first holds the lock, naming its pid', async () => {
    const out = tempDir();
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: sleeper.pid, start: null }));
    await expect(write(out, { 'a.txt': 'a' })).rejects.toThrow(new RegExp(`another regreport run \\(pid ${sleeper.pid}\\) is writing to`));
    expect(existsSync(join(out, 'a.txt'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, LOCK_NAME), 'utf8'))).toEqual({ pid: sleeper.pid, start: null });
  });

  it('the CLI: exit 2 for a run into a locked folder, nothing written', async () => {
    const out = tempDir();
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: sleeper.pid, start: null }));
    const r = await cli('metrics', '--data', fixture({}), '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`another regreport run \\(pid ${sleeper.pid}\\) is writing to ${out}\n  wait for it to finish`));
    expect(readdirSync(out)).toEqual([LOCK_NAME]);
    expect(r.out).toBe(''); // refused before loading, not after
  });

  it('takes over the lock of a run that died, and releases its own', async () => {
    const out = tempDir();
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: await deadPid(), start: null }));
    await write(out, { 'a.txt': 'a' });
    expect(readdirSync(out).sort()).toEqual([MANIFEST_NAME, 'a.txt']);
  });

  it('removes staging folders and half-written files that killed runs left, and nothing else', async () => {
    const out = tempDir();
    const dead = await deadPid();
    mkdirSync(join(out, '.regreport-Ab12Cd'));
    writeFileSync(join(out, '.regreport-Ab12Cd', 'worklist-L1.csv'), 'patients');
    writeFileSync(join(out, `${MANIFEST_NAME}.${dead}.tmp`), '{');
    writeFileSync(join(out, '.regreport-notes'), 'mine');
    mkdirSync(join(out, '.regreport-toolong'));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await write(out, { 'a.txt': 'a' }, false);
    expect(readdirSync(out).sort()).toEqual(['.regreport-notes', '.regreport-toolong', 'a.txt', 'notes.txt']);
  });

  it('a build removes the files of its earlier builds that it did not write again, never others', async () => {
    const out = tempDir();
    await write(out, { 'report-2024-region-HV.pdf': '1', 'report-2024-region-HN.pdf': '1', 'internal/metrics.json': '1' });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, MANIFEST_NAME), JSON.stringify({ tool: 'regreport', files: [...readManifest(out), '../outside.txt', 'notes.txt/..', '.hidden'] }));
    writeFileSync(join(out, '..', 'outside.txt'), 'not ours');
    await write(out, { 'report-2024-region-HV.pdf': '2', 'internal/metrics.json': '2' });
    expect(readdirSync(out).sort()).toEqual([MANIFEST_NAME, 'internal', 'notes.txt', 'report-2024-region-HV.pdf']);
    expect(readFileSync(join(out, 'internal/metrics.json'), 'utf8')).toBe('2');
    expect(readManifest(out)).toEqual(['internal/metrics.json', 'report-2024-region-HV.pdf']);
    expect(existsSync(join(out, '..', 'outside.txt'))).toBe(true);
  });

  it('--out that is a file, below a file, or too long: bad input, nothing made', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    await expect(write(join(dir, 'file'), { a: 'a' })).rejects.toThrow(/--out .*file is a file, not a folder/);
    await expect(write(join(dir, 'file', 'sub'), { a: 'a' })).rejects.toThrow(/lies below a file/);
    await expect(write(join(dir, 'x'.repeat(300)), { a: 'a' })).rejects.toThrow(/too long a path/);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
