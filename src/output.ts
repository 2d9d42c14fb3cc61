// Writing results: everything goes to a staging folder first and is renamed into place at the end,
// so an interrupted or failed run leaves no half-written file behind.
import { mkdir, mkdtemp, readdir, rename, rm, writeFile, chmod } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { InputError } from './errors.js';

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

export class Staging {
  private constructor(
    readonly dir: string,
    private readonly target: string,
    private readonly fileMode: number | undefined,
  ) {}

  /** A hidden staging folder inside the target folder (same file system, so renames are atomic). */
  static async open(target: string, opts: { dirMode?: number; fileMode?: number } = {}): Promise<Staging> {
    await mkdir(target, { recursive: true, ...(opts.dirMode !== undefined ? { mode: opts.dirMode } : {}) });
    if (opts.dirMode !== undefined) await chmod(target, opts.dirMode);
    const dir = await mkdtemp(join(target, '.regreport-'));
    return new Staging(dir, target, opts.fileMode);
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
    return name.startsWith(`${IN_HOUSE_DIR}/`) ? PRIVATE_FILE_MODE : this.fileMode;
  }

  /** Moves every staged file into the target folder; returns their final paths. */
  async commit(): Promise<string[]> {
    const names = (await readdir(this.dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(this.dir.length + 1).split(sep).join('/'))
      .sort();
    const out: string[] = [];
    for (const n of names) {
      const mode = this.modeOf(n);
      if (mode !== undefined) await chmod(this.path(n), mode);
      if (n.startsWith(`${IN_HOUSE_DIR}/`)) {
        // An earlier run or the user may have made the folder with looser permissions.
        await mkdir(join(this.target, IN_HOUSE_DIR), { recursive: true, mode: PRIVATE_DIR_MODE });
        await chmod(join(this.target, IN_HOUSE_DIR), PRIVATE_DIR_MODE);
      }
      await rename(this.path(n), join(this.target, n));
      out.push(join(this.target, n));
    }
    await rm(this.dir, { recursive: true, force: true });
    return out;
  }

  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Runs `fill` against a staging folder, committing on success and discarding on any failure. */
export async function writeAtomically(
  target: string,
  fill: (s: Staging) => Promise<void>,
  opts: { dirMode?: number; fileMode?: number } = {},
): Promise<string[]> {
  let staging: Staging;
  try {
    staging = await Staging.open(target, opts);
  } catch (e) {
    throw outputError(e, target);
  }
  try {
    await fill(staging);
    return await staging.commit();
  } catch (e) {
    await staging.discard().catch(() => undefined);
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

/** A unit or region code as part of a file name: letters, digits, '_' and '-' kept, the rest '_'. */
export function fileSafe(code: string): string {
  return code.replace(/[^\p{L}\p{N}_-]/gu, '_');
}
