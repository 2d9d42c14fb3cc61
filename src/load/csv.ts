// One CSV file → either ld_<table>, read and checked in one statement (a plain file: one line per record,
// no quotes, no padding), or raw_<table> (all text) → the view src_<table>(line, columns…): the encoding
// decided per file, line numbers as the file counts them, values trimmed, blank rows left out.
import type { CsvDialect } from '../config/types.js';
import type { Db, Params } from '../db.js';
import { InputError } from '../errors.js';
import type { ColumnSpec } from './contract.js';
import { decodeWindows1252, headIsUtf8, headMayBePadded, scanFile, utf8Copy, type FileScan, type Utf8Copy } from './encoding.js';
import { blankLineOffsets, head, readCsvHeader, type SourceFile } from './files.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** A CSV file opened: its header, the encoding so far, and the line/UTF-8 scan running alongside. */
export interface CsvStart {
  readonly header: string[];
  readonly bom: boolean;
  /** the encoding to try first; with `auto` and no evidence yet, utf-8, confirmed by the scan */
  readonly encoding: TextEncoding;
  readonly decided: boolean;
  /** the first bytes show no quote, no padded value and no blank line: worth reading the fast way */
  readonly plainHead: boolean;
  readonly scanning: Promise<FileScan>;
}

/**
 * The checking statement (validate.ts), to run straight over the CSV reader: `statement(relation)`
 * creates ld_<table> from a relation of the contract's columns as text ('' → NULL) and `blank`.
 */
export interface CheckedRead {
  statement(relation: string): string;
  readonly params: Params;
}

/**
 * The verdict the checking statement gives a row of nothing but empty values, read in its place on
 * the checked route: not a row, not rejected.
 */
export const BLANK = -1;

/** checked: the rows are in ld_<table>, in file order; source: they are in the view src_<table>. */
export type ReadRoute = 'checked' | 'source';

export async function openCsv(file: SourceFile, dialect: CsvDialect): Promise<CsvStart> {
  const bytes = await head(file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // Excel's "Unicode text": neither of the contract's encodings, and it would read as garbage.
    throw new InputError('the file is UTF-16 text (Excel: "Unicode text"), which regreport does not read', {
      file: file.path,
      line: 1,
      hint: 'save it from Excel as "CSV (semikolonseparert)" or "CSV UTF-8" instead',
    });
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let encoding: TextEncoding = dialect.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
  let decided = dialect.encoding !== 'auto' || bom;
  if (!decided && !headIsUtf8(bytes)) {
    encoding = 'windows-1252';
    decided = true;
  }
  const scanning = scanFile(file, dialect.delimiter);
  scanning.catch(() => undefined); // awaited later; a failure there is the error to report
  const body = bom ? bytes.subarray(3) : bytes;
  const text = encoding === 'windows-1252' ? decodeWindows1252(body) : body.toString('utf8');
  const plainHead = !headMayBePadded(body, dialect.delimiter) && !/\n\r?\n/.test(text);
  return { header: readCsvHeader(file, text, dialect), bom, encoding, decided, plainHead, scanning };
}

/** How one attempt reads the file: as it is, or from a private UTF-8 copy. */
interface Attempt {
  encoding: TextEncoding;
  copy: boolean;
  blankRows: boolean;
  /** read and check in one statement; found wrong once the scan has seen the whole file, read again */
  checked: boolean;
}

/**
 * Reads the file into ld_<table> through `checked` when the file is plain, else into raw_<table> and
 * src_<table>; returns the route taken, the encoding it was read in, and whether it is plain ASCII
 * (which `auto` reads as UTF-8, though any encoding would do).
 * DuckDB reads UTF-8 and Latin-1 itself; a windows-1252 file with bytes 0x80–0x9F (– ’ € …), which
 * DuckDB's Latin-1 refuses, and a file with short blank rows (;;;) are read from a UTF-8 copy.
 */
export async function readCsv(db: Db, file: SourceFile, dialect: CsvDialect, start: CsvStart, used: readonly (number | undefined)[], spec: readonly ColumnSpec[], checked: CheckedRead | null): Promise<{ encoding: TextEncoding; ascii: boolean; route: ReadRoute }> {
  const raw = `raw_${file.table}`;
  const columns = start.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const at: Attempt = { encoding: start.encoding, copy: false, blankRows: false, checked: checked !== null && start.plainHead };
  for (;;) {
    let copy: Utf8Copy | null = null;
    try {
      if (at.copy) copy = await utf8Copy(file, { from1252: at.encoding === 'windows-1252', blankRowsOf: at.blankRows ? dialect.delimiter : null });
      const reader = `read_csv($path, header = true, auto_detect = false,
             columns = {${columns}}, delim = $delim, quote = '"', escape = '"', encoding = $encoding,
             compression = $compression, strict_mode = true)`;
      const params: Params = {
        path: copy?.path ?? file.path,
        delim: dialect.delimiter,
        encoding: at.copy || at.encoding === 'utf-8' ? 'utf-8' : 'latin-1',
        compression: !at.copy && file.format === 'csv.gz' ? 'gzip' : 'none',
      };
      try {
        if (at.checked && checked) await db.run(checked.statement(plainRelation(reader, start.header, used, spec)), { ...checked.params, ...params });
        else await db.run(`CREATE OR REPLACE TABLE ${raw} AS SELECT * FROM ${reader}`, params);
      } catch (e) {
        const msg = String((e as Error).message ?? e);
        if (/not latin-1 encoded/i.test(msg) && !at.copy) {
          at.copy = true; // bytes 0x80–0x9F: windows-1252 punctuation
          continue;
        }
        if (/Invalid unicode/i.test(msg) && !start.decided && at.encoding === 'utf-8') {
          at.encoding = 'windows-1252';
          continue;
        }
        if (/Expected Number of Columns/i.test(msg) && !at.blankRows && isBlankRow(msg, dialect.delimiter)) {
          at.blankRows = at.copy = true;
          at.checked = false; // the copy has blank lines where the rows were: line numbers need the careful route
          continue;
        }
        await start.scanning; // a damaged gzip file or an unreadable one is the better explanation
        if (e instanceof InputError) throw e; // out of memory or disk: not the file's fault
        throw csvError(e, file, dialect, at.encoding);
      }
      const scan = await start.scanning;
      // DuckDB checks UTF-8 only where it looks (not in the header); the scan has seen every byte.
      if (at.encoding === 'utf-8' && !scan.validUtf8) {
        if (!start.decided) {
          at.encoding = 'windows-1252';
          continue;
        }
        throw new InputError(`the text is not valid UTF-8 (${start.bom ? 'it starts with a UTF-8 byte-order mark' : "encoding 'utf-8' in registry.yaml"})`, {
          file: file.path,
          hint: 'set csv: { encoding: auto } or { encoding: windows-1252 } in registry.yaml, or save the file as UTF-8',
        });
      }
      if (at.checked) {
        if (await isPlain(db, file, scan)) return { encoding: at.encoding, ascii: scan.ascii, route: 'checked' };
        // Padding, quotes or blank lines further on than the first bytes showed: read again, carefully.
        await db.run(`DROP TABLE ld_${file.table}`);
        at.checked = false;
        continue;
      }
      await createSourceView(db, file, start.header, used, spec, scan, copy?.path ?? null);
      return { encoding: at.encoding, ascii: scan.ascii, route: 'source' };
    } finally {
      await copy?.remove();
    }
  }
}

/**
 * The reader's rows as the checking statement takes them: the contract's columns, and `blank`, a row
 * of nothing but empty values (Excel's ;;;;;;), which is kept in its place and left out later, so
 * that each row's position stays its line. The reader gives an empty field as NULL, and a plain file
 * has no quotes, so no value is ''.
 */
function plainRelation(reader: string, header: readonly string[], used: readonly (number | undefined)[], spec: readonly ColumnSpec[]): string {
  const select = spec.map((c, k) => (used[k] === undefined ? `NULL::VARCHAR AS ${c.name}` : `c${used[k]} AS ${c.name}`));
  const blank = header.map((_, i) => `c${i} IS NULL`).join(' AND ');
  return `(SELECT ${select.join(', ')}, ${blank} AS blank FROM ${reader})`;
}

/**
 * Whether a file read the fast way is what that way assumes, now that the scan has seen every byte:
 * no value padded (so none needs trim()), no quotes, and one line per record (no blank lines, no line
 * breaks inside values), so a row's line is its position + 2.
 */
async function isPlain(db: Db, file: SourceFile, scan: FileScan): Promise<boolean> {
  if (scan.mayBePadded) return false;
  const [row] = await db.all<{ n: string }>(`SELECT count(*) AS n FROM ld_${file.table}`);
  const physical = scan.newlines + (scan.endsWithNewline ? 0 : 1);
  return physical === 1 + Number(row?.n ?? 0);
}

/** DuckDB's error shows the offending line after "Original Line:"; is it only delimiters and blanks? */
function isBlankRow(msg: string, delimiter: string): boolean {
  const lines = msg.split('\n');
  const i = lines.findIndex((l) => l.trim().startsWith('Original Line:'));
  if (i === -1) return false;
  const line = lines[i]!.replace(/^\s*Original Line:\s?/, '') || (lines[i + 1] ?? '');
  return [...line.replace(/\r$/, '')].every((c) => c === delimiter || c.trim() === '');
}

/**
 * src_<table>: line = the record's first line in the file (header = line 1; line breaks inside quoted
 * values and blank lines, which the reader skips, count); values trimmed, '' → NULL; rows of nothing
 * but empty values (Excel's ;;;;;;) left out.
 */
async function createSourceView(db: Db, file: SourceFile, header: readonly string[], used: readonly (number | undefined)[], spec: readonly ColumnSpec[], scan: FileScan, copyPath: string | null): Promise<void> {
  const raw = `raw_${file.table}`;
  const present = used.filter((i): i is number => i !== undefined);
  const all = header.map((_, i) => i);
  // Cheap scans: how many records, which columns are padded, how many rows are all blank.
  // c < '!' first: only a text of blanks (or starting with one) passes it, so trim() runs on almost no row.
  const blankRow = all.map((i) => `(c${i} IS NULL OR (c${i} < '!' AND trim(c${i}) = ''))`).join(' AND ') || 'false';
  // A blank row starts with an empty or blank first field: only if some row does, are all fields checked.
  const probes = [
    `count(*) AS records`,
    `count(*) FILTER (WHERE c0 IS NULL OR c0 < '!') AS maybe_blank`,
    // Only when the byte scan saw a space that could pad a value (or quotes) are the values probed.
    ...(scan.mayBePadded ? present.map((i) => `bool_or(c${i} LIKE ' %' OR c${i} LIKE '% ') AS p${i}`) : []),
  ];
  const [stats] = await db.all<Record<string, string | boolean | null>>(`SELECT ${probes.join(', ')} FROM ${raw}`);
  const [blanks] = Number(stats?.maybe_blank ?? 0) > 0 ? await db.all<{ n: string }>(`SELECT count(*) AS n FROM ${raw} WHERE ${blankRow}`) : [];
  const records = Number(stats?.records ?? 0);
  const physical = scan.newlines + (scan.endsWithNewline ? 0 : 1);
  const parts = ['rowid + 2'];
  let from = raw;
  // One line per record (the usual case) needs no more; otherwise find where the extra lines are.
  if (physical > 1 + records) {
    const allCols = all.map((i) => `coalesce(c${i}, '')`).join(' || ');
    const newlinesIn = `length(${allCols}) - length(replace(${allCols}, chr(10), ''))`;
    const [inside] = await db.all<{ n: string | null }>(`SELECT sum(${newlinesIn}) AS n FROM ${raw}`);
    if (Number(inside?.n ?? 0) > 0) parts.push(`coalesce(sum(${newlinesIn}) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)`);
    const offsets = physical > 1 + records + Number(inside?.n ?? 0) ? await blankLineOffsets(copyPath ?? file.path, copyPath === null && file.format === 'csv.gz') : [];
    if (offsets.length) {
      await db.run(`CREATE OR REPLACE TEMP TABLE blanks_${file.table} (record BIGINT, blanks BIGINT)`);
      await db.insert(`blanks_${file.table}`, offsets.map((o) => [o.record, o.blanks]));
      from = `${raw} ASOF LEFT JOIN (SELECT record, sum(blanks) OVER (ORDER BY record) AS cum FROM blanks_${file.table}) b ON ${raw}.rowid >= b.record`;
      parts.push('coalesce(b.cum, 0)');
    }
  }
  // Values are trimmed of surrounding blanks (fixed-width and Excel exports pad them); only the
  // columns that need it pay for trim().
  const select = spec.map((c, k) => {
    const i = used[k];
    if (i === undefined) return `NULL::VARCHAR AS ${c.name}`;
    return stats?.[`p${i}`] ? `nullif(trim(c${i}), '') AS ${c.name}` : `nullif(c${i}, '') AS ${c.name}`;
  });
  const where = Number(blanks?.n ?? 0) > 0;
  // A view: read once, while the rules are checked.
  const view = `SELECT (${parts.join(' + ')})::BIGINT AS line, ${select.join(', ')}${where ? `, ${blankRow} AS blank_row` : ''} FROM ${from}`;
  await db.run(`CREATE VIEW src_${file.table} AS ${where ? `SELECT * EXCLUDE (blank_row) FROM (${view}) WHERE NOT blank_row` : view}`);
}

/** DuckDB's CSV error → file, line and the reason in one sentence, with what to do. */
function csvError(e: unknown, file: SourceFile, dialect: CsvDialect, encoding: TextEncoding): InputError {
  const msg = String((e as Error).message ?? e);
  const lineMatch = /CSV Error on Line: (\d+)/.exec(msg);
  const lines = msg.split('\n').map((l) => l.trim());
  const origIdx = lines.findIndex((l) => l.startsWith('Original Line:'));
  let reason = lines.slice(origIdx + 1).find((l) => l !== '' && !/^Possible/.test(l) && !l.startsWith('*')) ?? firstLine(e);
  let hint = `check the delimiter ('${dialect.delimiter}') and quoting on that line; csv settings are in registry.yaml`;
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/i.exec(msg);
  if (/Invalid unicode/i.test(msg)) {
    reason = `the text is not valid UTF-8 (encoding ${dialect.encoding === 'auto' ? 'utf-8, from its byte-order mark' : `'${dialect.encoding}' in registry.yaml`})`;
    hint = 'Excel on Windows saves "ANSI" (windows-1252): set csv: { encoding: auto } or { encoding: windows-1252 } in registry.yaml, or save the file as UTF-8';
  } else if (/Permission denied|No such file|Cannot open file/i.test(msg)) {
    return new InputError('cannot read the file', { file: file.path, hint: 'check that the file exists and that you may read it (ls -l)' });
  } else if (columns) {
    reason = `the row has ${columns[2]} fields, the header has ${columns[1]}`;
    hint = `every row must have as many ${dialect.delimiter === ';' ? 'semicolon' : 'delimiter'}-separated fields as the header; quote values that contain '${dialect.delimiter}'`;
  } else if (/unterminated quote/i.test(reason)) {
    hint = 'a quoted value is not closed: a value that contains " must be written as "" inside quotes';
  }
  const where: { file: string; line?: number; hint: string } = { file: file.path, hint: `${hint} (read as ${encoding})` };
  if (lineMatch) where.line = Number(lineMatch[1]);
  return new InputError(`cannot parse the file: ${reason}`, where);
}

export function firstLine(e: unknown): string {
  return String((e as Error).message ?? e)
    .split('\n')[0]!
    .replace(/^[A-Za-z ]+ Error: /, '');
}
