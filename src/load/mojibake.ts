// Display names that show UTF-8 read as a one-byte code page ('Helse SÃ¸r-Øst') stop the run: they
// would be printed in the published report.
import type { Db } from '../db.js';
import { InputError } from '../errors.js';
import type { SourceFile } from './files.js';

/** The signatures of the contract: ø å æ ö ä Ø Å written as UTF-8 and read as windows-1252. */
export const MOJIBAKE = ['Ã¸', 'Ã¥', 'Ã¦', 'Ã¶', 'Ã¤', 'Ã˜', 'Ã…'] as const;

const DISPLAY_COLUMNS = ['unit_name', 'region_name'] as const;

export async function checkDisplayNames(db: Db, file: SourceFile, encoding: string): Promise<void> {
  const pattern = MOJIBAKE.join('|');
  for (const column of DISPLAY_COLUMNS) {
    const [hit] = await db.all<{ line: string; value: string }>(
      `SELECT line, ${column} AS value FROM src_units WHERE regexp_matches(${column}, $pattern) ORDER BY line LIMIT 1`,
      { pattern },
    );
    if (!hit) continue;
    const readAs1252 = encoding === 'windows-1252';
    throw new InputError(`'${hit.value}' looks like UTF-8 text read as windows-1252 (read as ${encoding})`, {
      file: file.path,
      line: Number(hit.line),
      column,
      hint: readAs1252
        ? 'the file is UTF-8: set csv: { encoding: utf-8 } in registry.yaml, or leave encoding out (auto)'
        : 'the text was converted twice before it was saved: export the file again as UTF-8, straight from the source system',
    });
  }
}
