// CSV bytes → what DuckDB can read: one scan per file (line breaks, UTF-8 validity, padding) and, only when
// DuckDB cannot read the bytes as they are, a private UTF-8 copy (windows-1252 text, blank rows).
import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { SourceFile } from './files.js';

/** What one pass over a file's (decompressed) bytes found. */
export interface FileScan {
  readonly newlines: number;
  readonly endsWithNewline: boolean;
  readonly validUtf8: boolean;
  /** plain ASCII: the same text in every encoding */
  readonly ascii: boolean;
  /**
   * false only when no value can start or end with a blank: the file has no quote character and no
   * space next to a delimiter, a line break or either end of the file. Then no value needs trim().
   */
  readonly mayBePadded: boolean;
}

const SPACE = 0x20;
const QUOTE = 0x22;

/**
 * Watches the bytes for a space that could pad a value (next to the delimiter, CR, LF or either end
 * of the file) and for quotes, inside which a value may hold anything. A space elsewhere, as in
 * 'Oslo universitetssykehus', pads nothing. Spaces are rare in extracts, so visiting each is cheap.
 */
function paddingWatch(delimiter: string): { chunk(buf: Buffer): void; padded(): boolean } {
  const delim = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  // A delimiter of more than one byte is beyond this scan: the careful route (probing the values) decides.
  let found = delim === -1 || delim >= 0x80;
  let prev = 0x0a; // the start of the file is the start of a line
  const edge = (b: number | undefined) => b === undefined || b === delim || b === 0x0a || b === 0x0d;
  return {
    chunk(buf) {
      if (found || buf.length === 0) return;
      if (buf.indexOf(QUOTE) !== -1) found = true;
      for (let i = buf.indexOf(SPACE); i !== -1 && !found; i = buf.indexOf(SPACE, i + 1)) {
        if (edge(i === 0 ? prev : buf[i - 1]) || (i + 1 < buf.length && edge(buf[i + 1]))) found = true;
      }
      // A space that ends this chunk is judged by the next chunk's first byte, or by the end of the file.
      if (!found && prev === SPACE && edge(buf[0])) found = true;
      prev = buf[buf.length - 1]!;
    },
    padded: () => found || prev === SPACE,
  };
}

/** The same watch over a file's first bytes: whether reading it as a plain file is worth a try. */
export function headMayBePadded(head: Buffer, delimiter: string): boolean {
  const watch = paddingWatch(delimiter);
  watch.chunk(head);
  return watch.padded();
}

/** The bytes 0x80–0x9F of windows-1252 (Latin-1 has control codes there); the five unassigned ones map to themselves, as browsers do. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Where a trailing, possibly incomplete UTF-8 sequence starts (so it is checked with the next chunk). */
function incompleteTail(buf: Buffer): number {
  for (let k = 1; k <= 3 && k <= buf.length; k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? buf.length - k : buf.length;
  }
  return buf.length;
}

/** True when the first bytes could start a UTF-8 file (a cut-off last character is allowed). */
export function headIsUtf8(head: Buffer): boolean {
  return isUtf8(head.subarray(0, incompleteTail(head)));
}

/**
 * Counts line breaks, checks UTF-8 and looks for padding in one native-speed pass (memchr and
 * simdutf), run while DuckDB parses the file. For .csv.gz this is also the integrity check.
 */
export async function scanFile(file: SourceFile, delimiter: string): Promise<FileScan> {
  let newlines = 0;
  let last = -1;
  let valid = true;
  let ascii = true;
  let carry: Buffer | null = null;
  const padding = paddingWatch(delimiter);
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (chunk.length) last = chunk[chunk.length - 1]!;
      if (ascii) ascii = isAscii(chunk);
      padding.chunk(chunk);
      if (valid) {
        const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        const cut = incompleteTail(buf);
        valid = isUtf8(buf.subarray(0, cut));
        carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
      }
      cb();
    },
  });
  try {
    if (file.format === 'csv.gz') await pipeline(createReadStream(file.path, { highWaterMark: 1 << 20 }), createGunzip(), sink);
    else await pipeline(createReadStream(file.path, { highWaterMark: 1 << 20 }), sink);
  } catch (e) {
    throw readError(e, file);
  }
  return { newlines, endsWithNewline: last === 10, validUtf8: valid && carry === null, ascii, mayBePadded: padding.padded() };
}

/** A failed read as the user's problem: a damaged gzip file, or a file they may not read. */
export function readError(e: unknown, file: SourceFile): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'ENOENT') {
    return new InputError(`cannot read the file (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code})`, {
      file: file.path,
      hint: 'check that the file exists and that you may read it (ls -l), or copy it to a folder of your own',
    });
  }
  return new InputError(`the gzip file is truncated or damaged (${(e as Error).message})`, {
    file: file.path,
    hint: 'export the table again, or compress it again with gzip',
  });
}

/** A private UTF-8 copy of a CSV file; remove() deletes it (it holds patient data). */
export interface Utf8Copy {
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * Writes the file as UTF-8 into a private temporary folder (0700, file 0600): windows-1252 text is
 * converted, and with `blankRowsOf` set, lines holding only that delimiter and blanks become empty
 * lines (DuckDB rejects them when they have too few delimiters; empty lines keep the line numbers).
 */
export async function utf8Copy(file: SourceFile, opts: { from1252: boolean; blankRowsOf: string | null }): Promise<Utf8Copy> {
  const dir = await mkdtemp(join(tmpdir(), 'regreport-'));
  const path = join(dir, `${file.table}.csv`);
  const remove = () => rm(dir, { recursive: true, force: true });
  const decoder = new StringDecoder('utf8');
  const decode = (b: Buffer) => (opts.from1252 ? decodeWindows1252(b) : decoder.write(b));
  const blank = opts.blankRowsOf === null ? null : new RegExp(`^[\\s${opts.blankRowsOf.replace(/[\\\]^-]/g, '\\$&')}]*$`);
  let partial = '';
  let quoted = false;
  // Quote-aware: a line inside a quoted value is never blanked.
  const blankRows = (text: string, final: boolean): string => {
    const lines = (partial + text).split('\n');
    partial = final ? '' : lines.pop()!;
    const out = lines.map((line) => {
      const wasQuoted = quoted;
      if ((line.split('"').length - 1) % 2 === 1) quoted = !quoted;
      // Keep a CR: a file whose line ends change from CRLF to LF midway confuses the CSV reader.
      if (!wasQuoted && blank!.test(line)) return line.endsWith('\r') ? '\r' : '';
      return line;
    });
    return out.length ? out.join('\n') + (final ? '' : '\n') : '';
  };
  const convert = new Transform({
    transform(chunk: Buffer, _e, cb) {
      const text = decode(chunk);
      cb(null, blank ? blankRows(text, false) : text);
    },
    flush(cb) {
      const rest = opts.from1252 ? '' : decoder.end();
      cb(null, blank ? blankRows(rest, true) : rest);
    },
  });
  try {
    const from = createReadStream(file.path, { highWaterMark: 1 << 20 });
    const to = createWriteStream(path, { mode: 0o600 });
    if (file.format === 'csv.gz') await pipeline(from, createGunzip(), convert, to);
    else await pipeline(from, convert, to);
  } catch (e) {
    await remove();
    throw readError(e, file);
  }
  return { path, remove };
}
