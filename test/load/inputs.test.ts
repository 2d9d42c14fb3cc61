// Input files: only regular files are read, and a file that changes during the load is refused.
import { appendFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { fingerprintInputs, requireRegularFile } from '../../src/load/inputs.js';
import { cli, fixture, tempDir } from '../helpers.js';

describe('input files', () => {
  // forms.csv as a folder, FIFO, device, dangling link or loop: see the table in test/cli/bad-input.test.ts.
  it('registry.yaml linked to /dev/zero is refused before it is read', async () => {
    const dir = fixture({});
    execFileSync('rm', ['-f', join(dir, 'registry.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'registry.yaml'));
    const r = await cli('validate', '--data', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/registry\.yaml is a device, not a file/);
  });

  it('hashes what was read, and refuses a file that changed meanwhile', async () => {
    const p = join(tempDir(), 'cases.csv');
    writeFileSync(p, 'a,b\n1,2\n');
    const unchanged = await fingerprintInputs([{ name: 'cases.csv', path: p }]);
    const [f] = await unchanged.verify();
    expect(f!.sha256).toBe('492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470');
    expect(f!.bytes).toBe(8);
    const changing = await fingerprintInputs([{ name: 'cases.csv', path: p }]);
    appendFileSync(p, '3,4\n');
    const e = await changing.verify().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe('cases.csv changed while it was being read');
  });

  it('requireRegularFile accepts a symbolic link to a regular file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.csv'), 'x\n');
    symlinkSync(join(dir, 'real.csv'), join(dir, 'link.csv'));
    expect((await requireRegularFile(join(dir, 'link.csv'))).size).toBe(2);
  });
});
