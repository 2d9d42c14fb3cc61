// The load floor: what DuckDB alone needs to read an extract's CSV files into tables, as text, with
// the registry's dialect, and nothing else. regreport's commands are measured against it.
//
//   node bench/floor-load.js DIR
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'yaml';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/floor-load.js DIR\n');
  process.exit(2);
}
const csv = parse(readFileSync(join(dir, 'registry.yaml'), 'latin1')).csv ?? {};
// DuckDB names the one-byte Western code page latin-1; regreport reads windows-1252 through it too.
const encoding = /1252|latin/i.test(String(csv.encoding ?? '')) ? 'latin-1' : 'utf-8';
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
for (const table of ['units', 'cases', 'forms', 'pathway_events']) {
  const file = ['.csv', '.csv.gz'].map((ext) => join(dir, table + ext)).find((p) => existsSync(p));
  if (!file) continue;
  await db.run(
    `CREATE TABLE ${table} AS SELECT * FROM read_csv($path, header = true, all_varchar = true, delim = $delim, quote = '"', encoding = $encoding)`,
    { path: file, delim: String(csv.delimiter ?? ','), encoding },
  );
}
db.closeSync();
