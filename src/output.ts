// Writing results: everything goes to a staging folder first and is renamed into place at the end,
// so an interrupted or failed run leaves no half-written file behind.
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from './errors.js';
import { onAbort } from './exit-cleanup.js';
import { acquireLock } from './output-lock.js';
import { readManifest, removeLeftovers, writeManifest } from './output-manifest.js';
import { pidAlive } from './pid.js';

/**
 * The folder under --out for in-house files (metrics.md §7): the full metric table, data-quality.csv.
 * Everything else under --out may be published; this folder is owner-only (0700, files 0600).
 */
export const IN_HOUSE_DIR = 'internal';
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** The in-house path of a file name, for Staging.write. */
export function inHouse(name: string): string {
  return `${IN_HOUSE_DIR}/${name}`;
}

export interface StagingOptions {
  readonly dirMode?: number;
  readonly fileMode?: number;
  /** keep a manifest of the files written, and remove the files of earlier runs that this one did not write */
  readonly manifest?: boolean;
}

/** Staging folders are `.regreport-` and six characters (mkdtemp); nothing else is taken for one. */
const STAGING = /^\.regreport-[A-Za-z0-9]{6}$/;
/** Half-done manifest or lock files of a run that died, with its pid. */
const ORPHANS = /^\.regreport\.(?:manifest\.json\.(\d+)\.tmp|lock\.(\d+))$/;

export class Staging {
  private constructor(
    readonly dir: string,
    private readonly target: string,
    private readonly opts: StagingOptions,
    private readonly release: () => void,
  ) {}

  /**
   * A hidden staging folder inside the target folder (same file system, so renames are atomic), with
   * the folder's lock held until commit or discard. Staging folders of earlier runs are necessarily
   * dead ones (the lock is ours), so they are removed: for worklists they hold patient lists.
   */
  static async open(target: string, opts: StagingOptions = {}): Promise<Staging> {
    await makeFolder(target, opts.dirMode);
    const unlock = acquireLock(target);
    let dir: string | undefined;
    const cleanup = () => {
      try {
        // Retried: a child process stopped a moment ago (qpdf) may still add a file while it is removed.
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      } finally {
        unlock();
      }
    };
    const unregister = onAbort(cleanup);
    try {
      removeStale(target);
      dir = await mkdtemp(join(target, '.regreport-'));
      return new Staging(dir, target, opts, () => {
        unregister();
        cleanup();
      });
    } catch (e) {
      unregister();
      cleanup();
      throw e;
    }
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Drops a staged file that should not be published (an intermediate). */
  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  /** Writes a staged file; a name under IN_HOUSE_DIR/ is in-house and will be owner-only. */
  async write(name: string, data: string | Uint8Array): Promise<void> {
    await mkdir(dirname(this.path(name)), { recursive: true, mode: PRIVATE_DIR_MODE });
    const mode = this.modeOf(name);
    await writeFile(this.path(name), data, mode !== undefined ? { mode } : {});
  }

  private modeOf(name: string): number | undefined {
    return name.startsWith(`${IN_HOUSE_DIR}/`) ? PRIVATE_FILE_MODE : this.opts.fileMode;
  }

  /**
   * Moves every staged file into the target folder; returns their final paths. With a manifest, the
   * manifest first lists the old files and the new ones together, so that a crash at any point leaves
   * every file of ours listed; after the renames the old ones not written again are removed.
   */
  commit(): string[] {
    try {
      const names = stagedFiles(this.dir);
      const previous = this.opts.manifest ? readManifest(this.target) : [];
      if (this.opts.manifest) writeManifest(this.target, [...previous, ...names]);
      for (const n of names) {
        const mode = this.modeOf(n);
        if (mode !== undefined) chmodSync(this.path(n), mode);
        if (n.startsWith(`${IN_HOUSE_DIR}/`)) {
          // An earlier run or the user may have made the folder with looser permissions.
          mkdirSync(join(this.target, IN_HOUSE_DIR), { recursive: true, mode: PRIVATE_DIR_MODE });
          chmodSync(join(this.target, IN_HOUSE_DIR), PRIVATE_DIR_MODE);
        } else if (n.includes('/')) {
          mkdirSync(dirname(join(this.target, n)), { recursive: true });
        }
        renameSync(this.path(n), join(this.target, n));
      }
      if (this.opts.manifest) {
        removeLeftovers(this.target, previous, names);
        writeManifest(this.target, names);
      }
      return names.map((n) => join(this.target, n));
    } finally {
      this.release();
    }
  }

  discard(): void {
    this.release();
  }
}

/** The staged files as sorted relative paths ('internal/x.csv' for a subfolder). */
function stagedFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...stagedFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

function removeStale(target: string): void {
  for (const n of readdirSync(target)) {
    const orphan = ORPHANS.exec(n);
    if (STAGING.test(n) || (orphan && !pidAlive(Number(orphan[1] ?? orphan[2])))) rmSync(join(target, n), { recursive: true, force: true });
  }
}

const OUT_HINT = 'give --out a folder (it is made if missing), not a file or a path through a file';

/**
 * Fails at once, before the (slow) load, when `target` cannot become a folder: it is a file, lies
 * below one, or is too long a path. Makes nothing.
 */
export function checkOutputPath(target: string): void {
  if (target.length >= 4096 || target.split('/').some((part) => Buffer.byteLength(part) > 255)) {
    throw new InputError(`--out ${target} is too long a path for the file system`, { hint: 'choose a shorter path' });
  }
  for (let p = target, below = false; ; p = dirname(p), below = true) {
    let st: Stats | undefined;
    try {
      st = statSync(p);
    } catch {
      // not there (yet): look further up
    }
    if (st && !st.isDirectory()) {
      throw new InputError(below ? `--out ${target} lies below a file (${p}), so it cannot be a folder` : `--out ${target} is a file, not a folder`, { hint: OUT_HINT });
    }
    if (st || dirname(p) === p) return;
  }
}

/** The output folder, made if need be; a path that cannot be a folder is bad input. */
async function makeFolder(target: string, mode: number | undefined): Promise<void> {
  try {
    await mkdir(target, { recursive: true, ...(mode !== undefined ? { mode } : {}) });
    if (mode !== undefined) await chmod(target, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const hint = OUT_HINT;
    if (code === 'EEXIST') throw new InputError(`--out ${target} is a file, not a folder`, { hint });
    if (code === 'ENOTDIR') throw new InputError(`--out ${target} lies below a file, so it cannot be a folder`, { hint });
    if (code === 'ENAMETOOLONG') throw new InputError(`--out ${target} is too long a path for the file system`, { hint: 'choose a shorter path' });
    throw e;
  }
}

/** Runs `fill` against a staging folder, committing on success and discarding on any failure. */
export async function writeAtomically(target: string, fill: (s: Staging) => Promise<void>, opts: StagingOptions = {}): Promise<string[]> {
  let staging: Staging;
  try {
    staging = await Staging.open(target, opts);
  } catch (e) {
    throw outputError(e, target);
  }
  try {
    await fill(staging);
  } catch (e) {
    staging.discard();
    throw outputError(e, target);
  }
  try {
    return staging.commit();
  } catch (e) {
    throw outputError(e, target);
  }
}

/** File-system errors the user can fix (permissions, a file held open, a full disk) as an InputError. */
const USER_FS_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'read-only file system', EBUSY: 'a file there is in use',
  ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up', ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way', EISDIR: 'a folder of that name is in the way',
};

function outputError(e: unknown, target: string): unknown {
  const reason = USER_FS_ERRORS[(e as NodeJS.ErrnoException).code ?? ''];
  if (reason === undefined) return e;
  return new InputError(`cannot write to ${target} (${reason})`, {
    hint: 'choose an --out folder you may write to; if a file there is open in Excel or another program, close it and run again. Nothing was written',
  });
}

/** RFC 4180 CSV: fields quoted only when they hold the delimiter, a quote or a line break. */
export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : `${v as number | boolean | bigint}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [header.map(cell).join(',')];
  for (const r of rows) lines.push(r.map(cell).join(','));
  return lines.join('\n') + '\n';
}
