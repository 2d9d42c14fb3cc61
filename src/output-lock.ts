// One run at a time per output folder: `.regreport.lock` holds the writer's pid and start time. A lock
// whose process is gone (killed, crashed, or its pid reused by another program) is taken over.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors.js';
import { pidAlive } from './pid.js';

export const LOCK_NAME = '.regreport.lock';

interface Owner {
  readonly pid: number;
  /** the process's start time in clock ticks since boot (Linux), to tell a reused pid apart */
  readonly start: string | null;
}

function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' ? { pid: o.pid, start: typeof o.start === 'string' ? o.start : null } : null;
  } catch {
    return null;
  }
}

const running = (o: Owner) => pidAlive(o.pid) && (o.start === null || startTime(o.pid) === null || startTime(o.pid) === o.start);

/** Refuses at once (before a long load) when a running run holds the lock of `dir`. */
export function refuseIfLocked(dir: string): void {
  const owner = readOwner(join(dir, LOCK_NAME));
  if (owner && owner.pid !== process.pid && running(owner)) refuse(dir, join(dir, LOCK_NAME), owner.pid);
}

/** Takes the lock of `dir` (which exists); returns the function that releases it. */
export function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK_NAME);
  const mine = JSON.stringify({ pid: process.pid, start: startTime(process.pid) });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(path);
    if (owner && running(owner)) refuse(dir, path, owner.pid);
    // Stale: move it aside under a name of our own, so that of two runs taking over at once only one
    // removes it; if what we moved turns out to be a live run's fresh lock, put it back and refuse.
    const aside = `${path}.${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue; // someone else moved it first
    }
    const moved = readOwner(aside);
    if (moved && running(moved)) {
      renameSync(aside, path);
      refuse(dir, path, moved.pid);
    }
    unlinkSync(aside);
  }
  throw new InputError(`could not take the lock of ${dir}: other runs keep taking it`, { file: path, hint: 'run again when the other runs have finished' });
}

function refuse(dir: string, path: string, pid: number): never {
  throw new InputError(`another regreport run (pid ${pid}) is writing to ${dir}`, {
    hint: `wait for it to finish, or give this run another --out; if no run is going on, delete ${path}`,
  });
}
