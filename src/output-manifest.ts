// `.regreport.manifest.json`: the files the last build wrote into its folder (relative paths; a
// subfolder such as internal/ is covered). The next build removes those it did not write again — a
// region that is gone, another year — and never anything the manifest does not list, nor anything
// outside the folder, hidden, or not a plain file.
import { lstatSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_NAME = '.regreport.manifest.json';

/** A path the manifest may name: one or two plain segments, none hidden, none '..'. */
export function isOwnPath(p: string): boolean {
  return /^[^./\\\0][^/\\\0]*(\/[^./\\\0][^/\\\0]*)?$/.test(p);
}

/** The files listed by the folder's manifest; none when there is none or it is not ours. */
export function readManifest(dir: string): string[] {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as { tool?: unknown; files?: unknown };
    if (m.tool !== 'regreport' || !Array.isArray(m.files)) return [];
    return m.files.filter((f): f is string => typeof f === 'string' && isOwnPath(f));
  } catch {
    return [];
  }
}

/** Replaces the manifest in one rename, so it is always whole. */
export function writeManifest(dir: string, files: readonly string[]): void {
  const tmp = join(dir, `${MANIFEST_NAME}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ tool: 'regreport', files: [...new Set(files)].sort() }, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, join(dir, MANIFEST_NAME));
}

/** Removes the files of `previous` that are not in `current` (plain files only). */
export function removeLeftovers(dir: string, previous: readonly string[], current: readonly string[]): string[] {
  const keep = new Set(current);
  const removed: string[] = [];
  for (const f of previous) {
    if (keep.has(f) || !isOwnPath(f)) continue;
    const p = join(dir, f);
    try {
      if (!lstatSync(p).isFile()) continue;
      unlinkSync(p);
      removed.push(f);
    } catch {
      // already gone
    }
  }
  return removed;
}
