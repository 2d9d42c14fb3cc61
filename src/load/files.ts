// The extract folder → one source file per table (or a fatal error), its first bytes and header, blank lines.
import { createReadStream } from 'node:fs';
import { readdir, stat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { readError } from './encoding.js';
import type { CsvDialect } from '../config/types.js';
import { CONTRACT, TABLES, type TableName } from './contract.js';
import { requireRegularFile } from './inputs.js';

export type SourceFormat = 'csv' | 'csv.gz' | 'parquet';

export interface SourceFile {
  readonly table: TableName;
  readonly path: string;
  readonly name: string;
  readonly format: SourceFormat;
}

const SUFFIXES: readonly SourceFormat[] = ['csv', 'csv.gz', 'parquet'];

/** Finds each table's file; a missing required file or two files for one table is fatal. */
export async function locateTables(dir: string): Promise<Record<TableName, SourceFile | null>> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new InputError(`cannot read the extract folder (permission denied): ${dir}`, {
        hint: 'check that you may list and read the folder (ls -ld), or copy the extract to a folder of your own',
      });
    }
    throw new InputError(`extract folder not found: ${dir}`, {
      hint: 'pass --data with the folder that holds registry.yaml, units.csv, cases.csv and forms.csv',
    });
  }
  const out = {} as Record<TableName, SourceFile | null>;
  for (const table of TABLES) {
    const found = SUFFIXES.flatMap((format) => {
      const name = entries.find((e) => e.toLowerCase() === `${table}.${format}`);
      return name ? [{ table, name, path: join(dir, name), format }] : [];
    });
    if (found.length > 1) {
      throw new InputError(`two files for the table '${table}': ${found.map((f) => f.name).join(' and ')}`, {
        file: join(dir, found[0]!.name),
        hint: 'keep exactly one of them in the folder',
      });
    }
    if (found.length === 0 && CONTRACT[table].requiredFile) {
      throw new InputError(`required file ${table}.csv is missing`, {
        file: join(dir, `${table}.csv`),
        hint: `export the ${table} table as ${table}.csv, ${table}.csv.gz or ${table}.parquet; see docs/data-contract.md`,
      });
    }
    if (found[0]) await requireRegularFile(found[0].path);
    out[table] = found[0] ?? null;
  }
  return out;
}

/**
 * Where blank lines stand between records (the CSV reader skips them): for each, the index of the
 * record that follows and how many blank lines precede it. A quote-aware scan, run only when the
 * newline count says there are blank lines.
 */
export async function blankLineOffsets(path: string, gzip: boolean): Promise<{ record: number; blanks: number }[]> {
  const out: { record: number; blanks: number }[] = [];
  let quoted = false;
  let completed = 0; // records ended so far, the header included
  let lineHasContent = false;
  let pendingBlanks = 0;
  const source = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  for await (const chunk of source as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (!quoted && b === 10) {
        if (lineHasContent) completed++;
        else pendingBlanks++;
        lineHasContent = false;
        continue;
      }
      if (!quoted && b === 13) continue;
      if (b === 34) quoted = !quoted;
      if (!lineHasContent) {
        if (pendingBlanks > 0) out.push({ record: Math.max(0, completed - 1), blanks: pendingBlanks });
        pendingBlanks = 0;
        lineHasContent = true;
      }
    }
  }
  return out;
}

/** The first bytes of a file, decompressed when gzip. */
export async function head(file: SourceFile, bytes = 1 << 16): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file.path, 'r');
  } catch (e) {
    throw readError(e, file);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0).catch((e: unknown) => {
      throw readError(e, file); // a folder of that name opens, but does not read
    });
    const raw = buf.subarray(0, bytesRead);
    if (file.format !== 'csv.gz') return raw;
    // Inflate what is there of the first block, ignoring that the stream goes on.
    try {
      return gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      throw new InputError(`not a readable gzip file (${(e as Error).message})`, {
        file: file.path,
        hint: 'a .csv.gz file must be a gzip-compressed CSV; rename it if it is plain CSV',
      });
    }
  } finally {
    await fh.close();
  }
}

/** The header row's column names from the file's first text, parsed as DuckDB will parse the file (dialect, quotes). */
export function readCsvHeader(file: SourceFile, text: string, dialect: CsvDialect): string[] {
  if (text.trim() === '') {
    throw new InputError('the file is empty: it has no header row', {
      file: file.path,
      line: 1,
      hint: `the first line must name the columns (${CONTRACT[file.table].columns.map((c) => c.name).join(dialect.delimiter)})`,
    });
  }
  const names: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === dialect.delimiter) {
      names.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  names.push(field);
  return names.map((n) => n.trim());
}
