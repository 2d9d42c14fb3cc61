// Unit and region codes → the code part of output file names: one mapping, injective even on
// case-insensitive file systems (macOS, Windows shares), and never refusing a code a registry may use.
//
// A "plain" code (capital letters A–Z, digits, '_' and '-', at most 64 characters) is its own name:
// report-2024-region-HV.pdf. Every other code gets a readable part (its ASCII letters and digits,
// accents stripped) plus '~' and 12 hex digits of its SHA-256: `hv~…`, `A_B~…` for `A/B`. A plain
// name has no '~', so it never equals a hashed one; two hashed names differ in their hash, which is
// case-folded already. Lower-case letters count as not plain because `HV` and `hv` must not meet on a
// file system that ignores case.
import { createHash } from 'node:crypto';

const PLAIN = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
const READABLE_MAX = 40;

export function codeFileName(code: string): string {
  if (PLAIN.test(code)) return code;
  const readable = code
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, READABLE_MAX);
  const hash = createHash('sha256').update(code, 'utf8').digest('hex').slice(0, 12);
  return `${readable}~${hash}`;
}

/**
 * The names of a batch of codes, checked to be distinct when case is ignored. With 48 bits of hash a
 * clash is not expected in practice; should one happen, nothing may be overwritten, so it stops the run.
 */
export function codeFileNames(codes: Iterable<string>): Map<string, string> {
  const names = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const code of codes) {
    const name = codeFileName(code);
    const folded = name.toLowerCase();
    const other = seen.get(folded);
    if (other !== undefined && other !== code) throw new Error(`codes ${JSON.stringify(other)} and ${JSON.stringify(code)} map to the same file name ${name}`);
    seen.set(folded, code);
    names.set(code, name);
  }
  return names;
}
