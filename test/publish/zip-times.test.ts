// Workbooks made at different moments from the same rows and the same document time are the same
// bytes: the zip entries carry the document's time, not the clock's.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workbook, type Sheet } from '../../src/publish/xlsx.js';
import { withEntryTimes } from '../../src/publish/zip-times.js';
import { tempDir } from '../helpers.js';

const sheets: Sheet[] = [{ name: 'Dekningsgrad', columns: [{ header: 'Enhet', width: 20 }, { header: 'Andel', width: 10, numFmt: '0.0 %' }], rows: [['Oslo', 0.465], ['Bergen', null]] }];

afterEach(() => {
  vi.useRealTimers();
});

describe('zip time stamps', () => {
  it('two workbooks made a day apart with the same document time are byte-identical', async () => {
    const created = new Date('2025-03-01T09:30:00Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:00:01Z'));
    const a = await workbook(sheets, created);
    vi.setSystemTime(new Date('2026-11-24T17:45:58Z'));
    const b = await workbook(sheets, created);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('every entry carries the given time, read back by unzip; the contents are untouched', async () => {
    const created = new Date('2025-03-01T09:30:44Z');
    const file = join(tempDir(), 'book.xlsx');
    writeFileSync(file, await workbook(sheets, created));
    // zipinfo -T: yyyymmdd.hhmmss per entry (DOS times have two-second steps)
    const listing = execFileSync('zipinfo', ['-T', file], { encoding: 'utf8' });
    const stamps = [...listing.matchAll(/ (\d{8}\.\d{6}) /g)].map((m) => m[1]);
    expect(stamps.length).toBeGreaterThan(5);
    expect(new Set(stamps)).toEqual(new Set(['20250301.093044']));
    execFileSync('unzip', ['-tq', file]); // checksums hold: exit status 0
  });

  it('refuses what is not a zip', () => {
    expect(() => withEntryTimes(new Uint8Array(100), new Date())).toThrow(/not a zip file/);
  });
});
