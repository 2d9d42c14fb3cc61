// One writer per cache entry: `<entry>.lock` holds the writer's pid. A run that finds the entry being
// written by a live run does not write it too (it loaded the same extract; one copy is enough); a lock
// left by a killed run is taken over. Readers never lock: an entry is only ever replaced by a rename,
// and a reader keeps the file it opened. Should two runs take over a stale lock at the same moment,
// both write: each into its own temporary file, so the rename of either leaves a whole entry.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { pidAlive } from '../pid.js';

/** Takes the lock; returns its release, or null when a live run holds it. */
export function tryLock(path: string): (() => void) | null {
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
        } catch {
          // removed by `cache clear`
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(path, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    if (pidAlive(owner)) return null;
    try {
      unlinkSync(path);
    } catch {
      // another run took it over first; the next attempt finds its lock
    }
  }
  return null;
}
