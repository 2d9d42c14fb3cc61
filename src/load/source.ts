// One table's file → the view src_<table>(line, the contract's columns…), all text, trimmed, '' → NULL.
// Checks the header against the contract; CSV reading itself is in csv.ts.
import type { CsvDialect } from '../config/types.js';
import type { Db } from '../db.js';
import { InputError } from '../errors.js';
import { CONTRACT } from './contract.js';
import { BLANK, firstLine, openCsv, readCsv, type CheckedRead, type ReadRoute } from './csv.js';
import type { SourceFile } from './files.js';

export interface SourceRead {
  /** header columns the contract does not know */
  readonly ignored: readonly string[];
  /** how the file was read, for the load summary: utf-8, windows-1252 or parquet */
  readonly encoding: string;
  /** checked: the rows are already checked, in ld_<table>; source: they wait in src_<table> */
  readonly route: ReadRoute;
}

/**
 * Reads one file into src_<table>, or, given `checked` and a plain CSV file, reads and checks it in
 * one statement into ld_<table>.
 */
export async function readSource(db: Db, file: SourceFile, dialect: CsvDialect, checked: CheckedRead | null = null): Promise<SourceRead> {
  if (file.format === 'parquet') {
    const cols = await describeParquet(db, file);
    const used = columnPositions(file, cols.map((c) => c.name), dialect);
    await readParquet(db, file, used, cols.map((c) => c.type));
    await checkTreatmentColumns(db, file, used, 'source');
    return { ignored: ignoredColumns(file, cols.map((c) => c.name)), encoding: 'parquet', route: 'source' };
  }
  const start = await openCsv(file, dialect);
  const used = columnPositions(file, start.header, dialect);
  const read = await readCsv(db, file, dialect, start, used, CONTRACT[file.table].columns, checked);
  await checkTreatmentColumns(db, file, used, read.route);
  return { ignored: ignoredColumns(file, start.header), encoding: encodingLabel(read.encoding, start.bom, read.ascii), route: read.route };
}

/** How the load summary names a file's encoding: a user who saved "ANSI" should not wonder at a bare utf-8. */
function encodingLabel(encoding: string, bom: boolean, ascii: boolean): string {
  if (encoding !== 'utf-8') return encoding;
  if (bom) return 'utf-8 with byte-order mark';
  return ascii ? 'utf-8, plain ASCII' : 'utf-8';
}

/** For each contract column, its position in the header (case-insensitive, trimmed); fatal when a required one is missing. */
function columnPositions(file: SourceFile, header: readonly string[], dialect: CsvDialect): (number | undefined)[] {
  const spec = CONTRACT[file.table];
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.toLowerCase();
    const known = spec.columns.some((c) => c.name === key);
    if (known && position.has(key)) {
      throw new InputError(`the column '${key}' appears twice in the header`, { file: file.path, line: 1, column: i + 1, hint: 'keep one column of that name' });
    }
    if (!position.has(key)) position.set(key, i);
  });
  for (const c of spec.columns) {
    // The treatment columns may be left out of a forms file without treatment forms (checked once read).
    if (c.required === 'yes' && !position.has(c.name)) {
      throw new InputError(`required column '${c.name}' is missing`, {
        file: file.path,
        line: 1,
        hint: `the header has: ${header.join(', ') || '(nothing)'}; the ${file.table} table needs ${spec.columns
          .filter((x) => x.required === 'yes')
          .map((x) => x.name)
          .join(', ')}${file.format === 'parquet' ? '' : ` (delimiter '${dialect.delimiter}' as set in registry.yaml csv.delimiter)`}`,
      });
    }
  }
  return spec.columns.map((c) => position.get(c.name));
}

function ignoredColumns(file: SourceFile, header: readonly string[]): string[] {
  return header.filter((h) => !CONTRACT[file.table].columns.some((c) => c.name === h.toLowerCase()));
}

/** A forms file without treatment columns is fine until it has a treatment form. */
async function checkTreatmentColumns(db: Db, file: SourceFile, used: readonly (number | undefined)[], route: ReadRoute): Promise<void> {
  const spec = CONTRACT[file.table].columns;
  const absent = spec.filter((c, k) => c.required === 'treatment' && used[k] === undefined).map((c) => c.name);
  if (absent.length === 0) return;
  const rows = route === 'checked' ? `(SELECT rowid + 2 AS line, form_type FROM ld_${file.table} WHERE fail IS DISTINCT FROM ${BLANK})` : `src_${file.table}`;
  const [row] = await db.all<{ line: string }>(`SELECT min(line) AS line FROM ${rows} WHERE form_type = 'treatment'`);
  if (row?.line === null || row?.line === undefined) return;
  throw new InputError(`the file has treatment forms but no column ${absent.map((c) => `'${c}'`).join(', ')}`, {
    file: file.path,
    line: Number(row.line),
    hint: 'export the forms with treatment_type, treatment_date and treatment_unit (they may be empty on other forms)',
  });
}

async function describeParquet(db: Db, file: SourceFile): Promise<{ name: string; type: string }[]> {
  try {
    const cols = await db.all<{ column_name: string; column_type: string }>('DESCRIBE SELECT * FROM read_parquet($path)', { path: file.path });
    return cols.map((c) => ({ name: c.column_name.trim(), type: c.column_type }));
  } catch (e) {
    throw new InputError(`cannot read the Parquet file: ${firstLine(e)}`, {
      file: file.path,
      hint: 'check that you may read the file; else export the table again as Parquet, or as CSV',
    });
  }
}

/** Parquet → raw_<table> and src_<table>; line = the 1-based row number; typed dates become ISO text. */
async function readParquet(db: Db, file: SourceFile, used: readonly (number | undefined)[], types: readonly string[]): Promise<void> {
  // Only identifiers the program made (#1, #2, … and the contract's names) are written into SQL.
  const select = CONTRACT[file.table].columns.map((c, k) => {
    const i = used[k];
    if (i === undefined) return `NULL::VARCHAR AS ${c.name}`;
    const isTime = /^TIMESTAMP/.test(types[i] ?? '');
    const v = isTime ? `strftime(#${i + 1}, '%Y-%m-%d')` : `CAST(#${i + 1} AS VARCHAR)`;
    return `nullif(trim(${v}), '') AS ${c.name}`;
  });
  const raw = `raw_${file.table}`;
  try {
    await db.run(
      `CREATE TABLE ${raw} AS SELECT (file_row_number + 1)::BIGINT AS line, ${select.join(', ')}
       FROM read_parquet($path, file_row_number = true)`,
      { path: file.path },
    );
    await db.run(`CREATE VIEW src_${file.table} AS SELECT * FROM ${raw}`);
  } catch (e) {
    throw new InputError(`cannot read the Parquet file: ${firstLine(e)}`, { file: file.path });
  }
}
