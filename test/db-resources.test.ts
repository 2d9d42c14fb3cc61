// DuckDB's spill folder: private, under --temp-dir or the system temp folder, removed at close, and
// the ones killed runs left behind removed by the next run.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../src/db.js';
import { tempDir } from './helpers.js';

describe('spill folder', () => {
  it('is 0700 under --temp-dir while open, and gone after close, with dead runs\' folders', async () => {
    const temp = tempDir();
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    mkdirSync(join(temp, `regreport-spill-${dead.pid!}-AbC123`));
    mkdirSync(join(temp, 'regreport-spill-notes'));
    const db = await Db.open({ tempDir: temp, memoryLimit: '64MB', threads: 1 });
    const open = readdirSync(temp).filter((n) => n.startsWith(`regreport-spill-${process.pid}-`));
    expect(open).toHaveLength(1);
    expect(statSync(join(temp, open[0]!)).mode & 0o777).toBe(0o700);
    const [row] = await db.all<{ v: string }>("SELECT current_setting('temp_directory') AS v");
    expect(row!.v).toBe(join(temp, open[0]!));
    db.close();
    expect(readdirSync(temp)).toEqual(['regreport-spill-notes']);
  });
});
