// registry.yaml on disk → its text, and its YAML → plain values, each with the limits that keep a
// wrong or hostile file from hanging the tool or exhausting its memory.
import { lstat, readFile } from 'node:fs/promises';
import type { Document } from 'yaml';
import { InputError } from '../errors.js';
import { requireRegularFile } from '../load/inputs.js';

/** A registry profile is a few kilobytes; anything this large is the wrong file, not a profile. */
const MAX_CONFIG_BYTES = 1 << 20;

/** The bytes of registry.yaml (decoded by the caller, which insists on UTF-8). */
export async function readConfigBytes(file: string): Promise<Buffer> {
  if (!(await lstat(file).then(() => true, () => false))) {
    throw new InputError('registry.yaml is missing', {
      file,
      hint: 'every extract folder needs a registry.yaml profile; see docs/data-contract.md',
    });
  }
  const st = await requireRegularFile(file);
  if (st.size > MAX_CONFIG_BYTES) {
    throw new InputError(`registry.yaml is ${st.size} bytes, more than a registry profile can be (1 MiB)`, {
      file,
      hint: 'registry.yaml must be the registry profile described in docs/data-contract.md',
    });
  }
  return readFile(file);
}

/** The document as plain values. Aliases are capped so that a "billion laughs" file cannot exhaust memory. */
export function toJs(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (!(e instanceof ReferenceError || e instanceof RangeError)) throw e;
    throw new InputError('registry.yaml uses too many aliases (*name) or nests too deeply to be a registry profile', {
      file,
      hint: 'write the values out instead of repeating aliases; a profile needs at most a few',
    });
  }
}

