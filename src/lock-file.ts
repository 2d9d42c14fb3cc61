// A lock file that holds its writer's pid and start time. A lock whose process is gone (killed,
// crashed, or its pid reused by another program) is taken over; of two runs taking over at once, only
// one succeeds. Used for the output folder (output-lock.ts) and the cache entries (cache/entry-lock.ts).
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { pidAlive } from './pid.js';

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

/** The owner a lock file names; null when it names none (unreadable, gone, or not a lock of ours). */
function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' ? { pid: o.pid, start: typeof o.start === 'string' ? o.start : null } : null;
  } catch {
    return null;
  }
}

const running = (o: Owner) => pidAlive(o.pid) && (o.start === null || startTime(o.pid) === null || startTime(o.pid) === o.start);

/** The pid of another running process that holds the lock at `path`, if any. */
export function runningHolder(path: string): number | null {
  const owner = readOwner(path);
  return owner && owner.pid !== process.pid && running(owner) ? owner.pid : null;
}

export type LockAttempt = { readonly release: () => void } | { readonly holder: number } | { readonly busy: true };

/**
 * Takes the lock at `path`: its release, the pid of the running process that holds it, or `busy`
 * when other runs kept taking it over during `attempts` tries.
 */
export function takeLock(path: string, attempts: number): LockAttempt {
  const mine = JSON.stringify({ pid: process.pid, start: startTime(process.pid) });
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx', mode: 0o600 });
      return {
        release: () => {
          try {
            if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
          } catch {
            // already gone (`cache clear` may have removed it)
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(path);
    if (owner && running(owner)) return { holder: owner.pid };
    // Stale: move it aside under a name of our own, so that of two runs taking over at once only one
    // removes it; if what we moved turns out to be a live run's fresh lock, put it back.
    const aside = `${path}.${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue; // someone else moved it first
    }
    const moved = readOwner(aside);
    if (moved && running(moved)) {
      renameSync(aside, path);
      return { holder: moved.pid };
    }
    unlinkSync(aside);
  }
  return { busy: true };
}
