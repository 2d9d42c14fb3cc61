// Where the repeat-run cache lives. It holds every validated row of the extract, so it stays where the
// extract itself is kept: by default a private `.regreport-cache` folder inside the extract folder (the
// storage the registry already approved for these rows, with its access rules, backups and deletion;
// deleting the extract deletes its cache). --cache-dir or REGREPORT_CACHE_DIR name another folder;
// --no-cache turns it off. Folders are owner-only (0700) and refused when others could read them.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';

export const DEFAULT_CACHE_NAME = '.regreport-cache';
export const CACHE_ENV = 'REGREPORT_CACHE_DIR';

export interface CacheChoice {
  /** the folder, or null when the cache is off */
  readonly dir: string | null;
  /** given by --cache-dir or REGREPORT_CACHE_DIR (problems are then errors), or the default */
  readonly explicit: boolean;
}

/** --no-cache, --cache-dir, REGREPORT_CACHE_DIR, then the default beside the extract, in that order. */
export function chooseCacheDir(opts: { noCache?: boolean; cacheDir?: string | undefined; dataDir: string }, env: NodeJS.ProcessEnv = process.env): CacheChoice {
  if (opts.noCache) return { dir: null, explicit: true };
  if (opts.cacheDir !== undefined) return { dir: resolve(opts.cacheDir), explicit: true };
  const fromEnv = env[CACHE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { dir: resolve(fromEnv), explicit: true };
  return { dir: join(resolve(opts.dataDir), DEFAULT_CACHE_NAME), explicit: false };
}

/** Why a folder cannot hold the cache, or null when it can (made 0700 if missing). */
export function prepareCacheDir(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    return `cannot make ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  return unsafeReason(dir);
}

/** A cache folder must be a folder of this user that nobody else can read or enter. */
export function unsafeReason(dir: string): string | null {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    return `cannot read ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  if (!st.isDirectory()) return `${dir} is not a folder`;
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `${dir} belongs to another user`;
  if ((st.mode & 0o077) !== 0) return `${dir} can be read by others (mode ${(st.mode & 0o777).toString(8)}, it must be 700)`;
  return null;
}

/** The names in a cache folder, sorted; none when it is missing or cannot be read. */
export function folderNames(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** A refused explicit cache folder is bad input: the user named it. */
export function cacheDirError(reason: string): InputError {
  return new InputError(`the cache folder cannot be used: ${reason}`, {
    hint: 'the cache holds patient rows: give --cache-dir a folder of your own with mode 700 (chmod 700 DIR), or run with --no-cache',
  });
}
