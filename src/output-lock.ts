// One run at a time per output folder: `.regreport.lock` (lock-file.ts) holds the writer's pid and
// start time; a lock whose process is gone is taken over.
import { join } from 'node:path';
import { InputError } from './errors.js';
import { runningHolder, takeLock } from './lock-file.js';

export const LOCK_NAME = '.regreport.lock';

/** Refuses at once (before a long load) when a running run holds the lock of `dir`. */
export function refuseIfLocked(dir: string): void {
  const holder = runningHolder(join(dir, LOCK_NAME));
  if (holder !== null) refuse(dir, join(dir, LOCK_NAME), holder);
}

/** Takes the lock of `dir` (which exists); returns the function that releases it. */
export function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK_NAME);
  const lock = takeLock(path, 5);
  if ('release' in lock) return lock.release;
  if ('holder' in lock) refuse(dir, path, lock.holder);
  throw new InputError(`could not take the lock of ${dir}: other runs keep taking it`, { file: path, hint: 'run again when the other runs have finished' });
}

function refuse(dir: string, path: string, pid: number): never {
  throw new InputError(`another regreport run (pid ${pid}) is writing to ${dir}`, {
    hint: `wait for it to finish, or give this run another --out; if no run is going on, delete ${path}`,
  });
}
