// --threads, --memory-limit and --temp-dir → DuckDB settings, the spill folder's lifetime, and DuckDB's
// out-of-memory and disk-full errors → a message naming these options.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from './errors.js';
import { pidAlive } from './pid.js';

export interface DbResources {
  readonly threads?: number | undefined;
  /** as DuckDB writes it: 1GB, 512MB, 2GiB … */
  readonly memoryLimit?: string | undefined;
  /** the folder under which the spill folder is made */
  readonly tempDir?: string | undefined;
}

const SPILL_PREFIX = 'regreport-spill-';

/**
 * An owner-only (0700) folder for DuckDB to spill to, made fresh for this run and removed at close.
 * DuckDB's own default for an in-memory database is `.tmp` in the working directory: spilled pages
 * hold patient rows, and the working directory may be a shared or synced folder, and is left behind
 * after a crash. Under the OS temp folder (or --temp-dir) with the pid in its name, a later run can
 * recognise and remove what a killed run left.
 */
export function makeSpillDir(parent: string | undefined): string {
  const base = parent ?? tmpdir();
  try {
    if (!statSync(base).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (e) {
    if (parent === undefined) throw e;
    throw new InputError(`--temp-dir ${parent} is not an existing folder`, { hint: 'create it first, or leave --temp-dir out to use the system temp folder' });
  }
  removeStaleSpillDirs(base);
  try {
    return mkdtempSync(join(base, `${SPILL_PREFIX}${process.pid}-`));
  } catch (e) {
    throw new InputError(`cannot make a folder in --temp-dir ${base} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, {
      hint: 'choose a folder you can write to with --temp-dir DIR',
    });
  }
}

/** Spill folders of runs that no longer run (killed, or crashed) hold patient rows: remove them. */
function removeStaleSpillDirs(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const n of names) {
    const m = new RegExp(`^${SPILL_PREFIX}(\\d+)-[A-Za-z0-9]+$`).exec(n);
    if (!m || pidAlive(Number(m[1]))) continue;
    try {
      if (statSync(join(base, n)).uid === process.getuid?.()) rmSync(join(base, n), { recursive: true, force: true });
    } catch {
      // another user's, or already gone
    }
  }
}

export function removeSpillDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** DuckDB's out-of-memory and disk-full errors as bad input: the fix is one of the resource options. */
export function resourceError(e: unknown, r: DbResources, spillDir: string): InputError | undefined {
  const msg = String((e as Error)?.message ?? e);
  if (/Out of Memory/i.test(msg)) {
    return new InputError(`DuckDB ran out of memory${r.memoryLimit ? ` (--memory-limit ${r.memoryLimit})` : ''} and could not spill enough to disk`, {
      hint: 'raise --memory-limit (e.g. --memory-limit 8GB), use fewer threads with --threads 1, or give --temp-dir a folder on a disk with more free space',
    });
  }
  if (/No space left on device|could not write.*temp|max_temp_directory_size/i.test(msg)) {
    return new InputError(`the disk of the spill folder ${spillDir} is full`, {
      hint: 'point --temp-dir at a folder on a disk with more free space, or raise --memory-limit',
    });
  }
  return undefined;
}
