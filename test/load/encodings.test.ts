// Encodings as the contract defines them, from bytes the test writes: windows-1252 punctuation
// (0x96 en dash, 0x92 right quote), UTF-8 with and without a byte-order mark, auto per file,
// mojibake in display names.
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { BASE_YAML, CASES_HEADER, cli, fixture, tempDir, windows1252 } from '../helpers.js';

const UNIT_LINES = [
  'unit_code;unit_name;region_code;region_name;centre_for',
  'GJO;Sykehuset Innlandet – Gjøvik;HSO;Helse Sør-Øst;bone',
  'BOD;Nordlandssykehuset ’Bodø’;HN;Helse Nord;',
];
const NAMES = ['Sykehuset Innlandet – Gjøvik', 'Nordlandssykehuset ’Bodø’'];

async function unitNames(dir: string): Promise<{ names: string[]; encodings: Record<string, string | undefined> }> {
  const x = await loadExtract(dir);
  try {
    const rows = await x.db.all<{ unit_name: string }>('SELECT unit_name FROM clean_units ORDER BY line');
    return { names: rows.map((r) => r.unit_name), encodings: { ...x.encodings } };
  } finally {
    x.db.close();
  }
}

function extract(yamlCsv: string, units: Buffer): string {
  const dir = fixture({ yaml: BASE_YAML + yamlCsv, cases: [CASES_HEADER.replaceAll(',', ';')], forms: ['form_id;case_id;form_type;unit_code;registered_date'] });
  writeFileSync(join(dir, 'units.csv'), units);
  return dir;
}

describe('encodings', () => {
  it('windows-1252 from Excel (";", CRLF, – and ’) reads right under auto, windows-1252 and latin-1', async () => {
    const bytes = windows1252(UNIT_LINES.join('\r\n') + '\r\n');
    expect(bytes.includes(0x96) && bytes.includes(0x92)).toBe(true);
    for (const setting of ['csv: { delimiter: ";" }\n', 'csv: { delimiter: ";", encoding: windows-1252 }\n', 'csv: { delimiter: ";", encoding: latin-1 }\n']) {
      const r = await unitNames(extract(setting, bytes));
      expect(r.names, setting).toEqual(NAMES);
      expect(r.encodings.units, setting).toBe('windows-1252');
      expect(r.encodings.cases, setting).toBe(setting.includes('encoding') ? 'windows-1252' : 'utf-8, plain ASCII');
    }
  });

  it('windows-1252 without bytes 0x80–0x9F, and gzip-compressed with them', async () => {
    const plain = await unitNames(extract('csv: { delimiter: ";" }\n', windows1252('unit_code;unit_name;region_code;region_name\nA;Førde;R;Vest\n')));
    expect(plain).toMatchObject({ names: ['Førde'], encodings: { units: 'windows-1252' } });
    const dir = extract('csv: { delimiter: ";" }\n', Buffer.from(''));
    rmSync(join(dir, 'units.csv'));
    writeFileSync(join(dir, 'units.csv.gz'), gzipSync(windows1252(UNIT_LINES.join('\r\n') + '\r\n')));
    expect((await unitNames(dir)).names).toEqual(NAMES);
  });

  it('UTF-8 with and without a byte-order mark', async () => {
    const utf8 = Buffer.from(UNIT_LINES.join('\n') + '\n', 'utf8');
    expect(await unitNames(extract('csv: { delimiter: ";" }\n', utf8))).toMatchObject({ names: NAMES, encodings: { units: 'utf-8' } });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    expect(await unitNames(extract('csv: { delimiter: ";" }\n', bom))).toMatchObject({ names: NAMES, encodings: { units: 'utf-8 with byte-order mark' } });
    expect(await unitNames(extract('csv: { delimiter: ";", encoding: utf-8 }\n', bom))).toMatchObject({ names: NAMES });
  });

  it('auto decides per file on every byte: a windows-1252 byte after 100 000 ASCII bytes', async () => {
    const filler = Array.from({ length: 2000 }, (_, i) => `U${i};Unit number ${String(i).padStart(30, '0')};R;Region;`);
    const text = [UNIT_LINES[0], ...filler, 'X;Ås – sjukehus;R;Region;'].join('\n') + '\n';
    expect(text.indexOf('Ås')).toBeGreaterThan(100_000);
    const r = await unitNames(extract('csv: { delimiter: ";" }\n', windows1252(text)));
    expect(r.encodings.units).toBe('windows-1252');
    expect(r.names.at(-1)).toBe('Ås – sjukehus');
  });

  it('UTF-8 read as windows-1252 (mojibake in a display name) stops with file, line and the setting', async () => {
    const dir = extract('csv: { delimiter: ";", encoding: windows-1252 }\n', Buffer.from(UNIT_LINES.join('\n') + '\n', 'utf8'));
    const out = join(tempDir(), 'out');
    const r = await cli('validate', '--data', dir, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'units.csv')}:2: column unit_name: 'Sykehuset Innlandet â€“ GjÃ¸vik' looks like UTF-8 text read as windows-1252`);
    expect(r.err).toContain('set csv: { encoding: utf-8 } in registry.yaml, or leave encoding out (auto)');
    // The setting wins over a byte-order mark, and the message says how the file was read.
    writeFileSync(join(dir, 'units.csv'), '\uFEFF' + UNIT_LINES.join('\n') + '\n');
    const bom = await cli('validate', '--data', dir);
    expect(bom.code).toBe(2);
    expect(bom.err).toContain("looks like UTF-8 text read as windows-1252 (read as windows-1252)");
  });

  it('UTF-16 (Excel "Unicode text") stops with what to save instead', async () => {
    const dir = extract('csv: { delimiter: ";" }\n', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UNIT_LINES.join('\r\n'), 'utf16le')]));
    const r = await cli('validate', '--data', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'units.csv')}:1: the file is UTF-16 text (Excel: "Unicode text"), which regreport does not read\n  save it from Excel as "CSV (semikolonseparert)" or "CSV UTF-8" instead`);
  });

  it('the load summary names each file with its encoding', async () => {
    const dir = extract('csv: { delimiter: ";" }\n', windows1252(UNIT_LINES.join('\r\n') + '\r\n'));
    writeFileSync(join(dir, 'cases.csv'), [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,HSO,GJO,'].join('\n').replaceAll(',', ';') + '\n');
    writeFileSync(join(dir, 'forms.csv'), 'form_id;case_id;form_type;unit_code;registered_date\nF1;A;registration;GJO;2024-04-01\n');
    const r = await cli('validate', '--data', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Testregister: units\.csv \(windows-1252\), cases\.csv \(utf-8, plain ASCII\), forms\.csv \(utf-8, plain ASCII\)\n/);
  });
});
