// Writing results: everything goes to a staging folder first and is renamed into place at the end,
// so an interrupted or failed run leaves no half-written file behind.
import { mkdir, mkdtemp, readdir, rename, rm, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';

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

  async write(name: string, data: string | Uint8Array): Promise<void> {
    await writeFile(this.path(name), data, this.fileMode !== undefined ? { mode: this.fileMode } : {});
  }

  /** Moves every staged file into the target folder; returns their final paths. */
  async commit(): Promise<string[]> {
    const names = (await readdir(this.dir)).sort();
    const out: string[] = [];
    for (const n of names) {
      if (this.fileMode !== undefined) await chmod(this.path(n), this.fileMode);
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
  const staging = await Staging.open(target, opts);
  try {
    await fill(staging);
    return await staging.commit();
  } catch (e) {
    await staging.discard();
    throw e;
  }
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
