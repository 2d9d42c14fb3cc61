// The byte scan that lets a file skip probing its values for padding: it must see every space that
// could pad a value (next to a delimiter, a line break or either end, also across read chunks) and
// hand quoted files to the careful route.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanFile } from '../../src/load/encoding.js';
import type { SourceFile } from '../../src/load/files.js';
import { tempDir } from '../helpers.js';

function scan(bytes: string | Buffer, delimiter = ';', gz = false) {
  const path = join(tempDir(), gz ? 'cases.csv.gz' : 'cases.csv');
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  writeFileSync(path, gz ? gzipSync(data) : data);
  const file: SourceFile = { table: 'cases', path, name: 'cases.csv', format: gz ? 'csv.gz' : 'csv' };
  return scanFile(file, delimiter);
}

describe('padding scan', () => {
  it('clears a file whose spaces all sit inside values', async () => {
    expect((await scan('a;b\nOslo universitetssykehus;x y\n')).mayBePadded).toBe(false);
    expect((await scan('a,b\r\n1,2\r\n', ',', true)).mayBePadded).toBe(false);
  });

  it.each([
    ['before a delimiter', 'a;b\n1 ;2\n'],
    ['after a delimiter', 'a;b\n1; 2\n'],
    ['before LF', 'a;b\n1;2 \n'],
    ['before CR', 'a;b\r\n1;2 \r\n'],
    ['at the start of a line', 'a;b\n 1;2\n'],
    ['at the start of the file', ' a;b\n1;2\n'],
    ['at the end of the file', 'a;b\n1;2 '],
    ['inside quotes', 'a;b\n"x";"y"\n'],
  ])('finds a space that may pad a value: %s', async (_, text) => {
    expect((await scan(text)).mayBePadded).toBe(true);
  });

  it('finds padding across the 1 MiB read chunks', async () => {
    const chunk = 1 << 20;
    const before = Buffer.alloc(chunk + 10, 'x');
    before[chunk - 1] = 0x20; // the last byte of the first chunk, followed by the delimiter
    before[chunk] = 0x3b;
    expect((await scan(before)).mayBePadded).toBe(true);
    const after = Buffer.alloc(chunk + 10, 'x');
    after[chunk - 1] = 0x3b; // the delimiter ends the first chunk, the space starts the second
    after[chunk] = 0x20;
    expect((await scan(after)).mayBePadded).toBe(true);
    const inside = Buffer.alloc(chunk + 10, 'x');
    inside[chunk - 1] = 0x20; // a space between two letters pads nothing
    expect((await scan(inside)).mayBePadded).toBe(false);
  });
});
