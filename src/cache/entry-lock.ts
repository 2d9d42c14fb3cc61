// One writer per cache entry: `<entry>.lock` holds the writer's pid and start time (lock-file.ts). A
// run that finds the entry being written by a live run does not write it too (it loaded the same
// extract; one copy is enough); a lock left by a killed run is taken over. Readers never lock: an entry
// is only ever replaced by a rename, and a reader keeps the file it opened.
import { takeLock } from '../lock-file.js';

/** Takes the lock; returns its release, or null when a live run holds it. */
export function tryLock(path: string): (() => void) | null {
  const lock = takeLock(path, 2);
  return 'release' in lock ? lock.release : null;
}
