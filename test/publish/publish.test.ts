// regreport publish on a fixture worked by hand: imongr.csv rows, results.xlsx read back, no withheld
// number anywhere; the units' orgnr rule and the imongr section of registry.yaml.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { dataQualityRows } from '../../src/load/accounting.js';
import { loadExtract } from '../../src/load/loader.js';
import { PERCENT_FORMAT, sheetNames } from '../../src/publish/xlsx.js';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER, cli, fixture, tempDir } from '../helpers.js';

// Y = 2024, min_cell 5, every case C49 (soft_tissue). Reporting units and what they registered:
//   C1 (R1, orgnr 974749025): A1–A6, registration A1–A5 (5/6), treatment A1–A6 surgery at C1 (6/6)
//   L1 (R1, no orgnr):        B1–B6, registration B1–B3 (3/6), no treatment (0/6)
//   C2 (R2, orgnr 974557746): D1–D6, registration all (6/6), treatment D1–D6 surgery at L2 (6/6)
//   L2 (R2, orgnr 974631407): E1–E2, nothing (0/2): suppressed; C2 is then withheld (R2 − L2 = C2)
// Centralisation by residence region (A, B in R1; D, E in R2): R1 6/6 at C1 (a centre), R2 0/6.
const UNITS = [
  'unit_code,unit_name,region_code,region_name,centre_for,orgnr',
  'C1,Centre One,R1,Region One,bone|soft_tissue,974749025',
  'C2,Centre Two,R2,Region Two,soft_tissue,974557746',
  'L1,Local One,R1,Region One,,',
  'L2,Local Two,R2,Region Two,,974631407',
];
const cases = [CASES_HEADER];
const forms = [FORMS_HEADER];
const addCases = (prefix: string, n: number, region: string, unit: string) => {
  for (let i = 1; i <= n; i++) cases.push(`${prefix}${i},P${prefix}${i},2024-03-${10 + i},C49.2,,F,60,${region},${unit},`);
};
addCases('A', 6, 'R1', 'C1');
addCases('B', 6, 'R1', 'L1');
addCases('D', 6, 'R2', 'C2');
addCases('E', 2, 'R2', 'L2');
for (let i = 1; i <= 5; i++) forms.push(`fa${i},A${i},registration,C1,2024-11-01,,,`);
for (let i = 1; i <= 6; i++) forms.push(`ta${i},A${i},treatment,C1,2024-11-01,surgery,2024-06-01,C1`);
for (let i = 1; i <= 3; i++) forms.push(`fb${i},B${i},registration,L1,2024-11-01,,,`);
for (let i = 1; i <= 6; i++) forms.push(`fd${i},D${i},registration,C2,2024-11-01,,,`);
for (let i = 1; i <= 6; i++) forms.push(`td${i},D${i},treatment,C2,2024-11-01,surgery,2024-06-01,L2`);

const IMONGR_YAML = `${BASE_YAML}  moderate_current_year: 0.6
imongr:
  coverage: { registration: sark_reg, treatment: sark_beh }
  centralisation: { ALL: sark_sentral }
  region_orgnr: { R1: "983658725" }
`;

async function published(): Promise<string> {
  const out = join(tempDir(), 'pub');
  const r = await cli('publish', '--data', fixture({ yaml: IMONGR_YAML, units: UNITS, cases, forms }), '--out', out);
  expect(r.code, r.err).toBe(0);
  return out;
}

const cellText = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

describe('regreport publish', () => {
  it('imongr.csv: unit rows with an orgnr (caregiver), region rows (resident), no withheld row', async () => {
    const out = await published();
    // C1: registration 5/6 and treatment 6/6. L1 has no orgnr; C2 and L2 are withheld. R1's
    // centralisation 6/6 is a resident row; R2 has no orgnr in registry.yaml.
    expect(readFileSync(join(out, 'imongr.csv'), 'utf8')).toBe(
      ['context,year,orgnr,ind_id,var,denominator', 'caregiver,2024,974749025,sark_beh,6,6', 'caregiver,2024,974749025,sark_reg,5,6', 'resident,2024,983658725,sark_sentral,6,6', ''].join('\n'),
    );
    expect(readdirSync(out).filter((f) => !/^figure/.test(f)).sort()).toEqual(['imongr.csv', 'metrics-published.csv', 'metrics-published.parquet', 'results.html', 'results.xlsx']);
    expect(readFileSync(join(out, 'metrics-published.csv'), 'utf8').startsWith('\uFEFFmetric,')).toBe(true);
  });

  it('results.xlsx: one sheet per indicator, header, percent format, values; withheld rows without numbers', async () => {
    const out = await published();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, 'results.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Coverage, registration', 'Coverage, treatment', 'Centralisation, all', 'Centralisation, soft_tissue']);
    const ws = wb.getWorksheet('Coverage, registration')!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual(['Level', 'Health region', 'Unit', 'Year', 'Numerator', 'Denominator', 'Share', 'CI low', 'CI high', 'Target', 'Moderate level', 'Goal level', 'Note']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 1) rows.set(cellText(row.getCell(3).value), row);
    });
    // Nation, two regions, four units.
    expect([...rows.keys()]).toEqual(['National', 'Region One', 'Region Two', 'Centre One', 'Local One', 'Centre Two', 'Local Two']);
    const c1 = rows.get('Centre One')!;
    expect([c1.getCell(4).value, c1.getCell(5).value, c1.getCell(6).value, c1.getCell(7).value]).toEqual([2024, 5, 6, 5 / 6]);
    expect(c1.getCell(7).numFmt).toBe(PERCENT_FORMAT);
    expect(c1.getCell(5).numFmt).toBe('#,##0');
    expect(c1.getCell(12).value).toBe('High'); // 5/6 = 83,3 % ≥ the 80 % target of the report year
    for (const [name, note] of [['Centre Two', 'hidden'], ['Local Two', 'n < 5']] as const) {
      const r = rows.get(name)!;
      for (let c = 5; c <= 9; c++) expect(r.getCell(c).value, `${name} column ${c}`).toBeNull();
      expect(r.getCell(12).value ?? '').toBe('');
      expect(r.getCell(13).value).toBe(note);
    }
    // Region Two's 8 patients are shown: that is a published total.
    expect(rows.get('Region Two')!.getCell(6).value).toBe(8);
    // Goal levels with the moderate level 60 %: Region One 8/12 = 66,7 % is moderate, Local One 3/6 low.
    const r1 = rows.get('Region One')!;
    expect([r1.getCell(5).value, r1.getCell(6).value, r1.getCell(10).value, r1.getCell(11).value, r1.getCell(12).value]).toEqual([8, 12, 0.8, 0.6, 'Moderate']);
    expect(rows.get('Local One')!.getCell(12).value).toBe('Low');
  });

  it('no patient, case or pathway id in any published file', async () => {
    const out = await published();
    const ids = /\b(P?[ABDE][1-6]|f[abd]\d|t[ad]\d)\b/;
    for (const f of readdirSync(out).filter((x) => /\.(csv|html|md|svg)$/.test(x))) {
      // The page embeds the Vega runtimes; search only what the program wrote into it.
      const text = readFileSync(join(out, f), 'utf8');
      const own = f.endsWith('.html') ? text.replace(/<script>[\s\S]*?<\/script>/g, '') : text;
      expect(ids.exec(own)?.[0], f).toBeUndefined();
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, 'results.xlsx')) as unknown as ArrayBuffer);
    const all: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void all.push(cellText(c.value)))));
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((v) => ids.test(v))).toEqual([]);
  });

  it('figures in each language asked for; a later run removes the figures it did not make', async () => {
    const data = fixture({ yaml: IMONGR_YAML, units: UNITS, cases, forms });
    const out = join(tempDir(), 'langs');
    expect((await cli('publish', '--data', data, '--out', out, '--lang', 'en,sv')).code).toBe(0);
    const figures = (lang: string) => readdirSync(out).filter((f) => f.startsWith(`figure-${lang}-`) || f === `figures-${lang}.md`).sort();
    const en = figures('en');
    expect(en.slice(0, 2)).toEqual(['figure-en-national-01-coverage.png', 'figure-en-national-01-coverage.svg']);
    expect(en.at(-1)).toBe('figures-en.md');
    expect(en.some((f) => f.startsWith('figure-en-region-R2-'))).toBe(true);
    expect(figures('sv').length).toBe(figures('en').length);
    expect(readFileSync(join(out, 'figures-en.md'), 'utf8')).toContain('### Figure 1: Coverage over time, national');
    expect(readFileSync(join(out, 'figures-sv.md'), 'utf8')).toContain('### Figur 1: Täckningsgrad över tid, nationellt');
    expect((await cli('publish', '--data', data, '--out', out, '--lang', 'en')).code).toBe(0);
    expect(figures('sv')).toEqual([]);
    expect(figures('en').length).toBeGreaterThan(4);
  });

  it('--lang: a list of languages, each checked', async () => {
    const r = await cli('publish', '--data', fixture({}), '--out', join(tempDir(), 'x'), '--lang', 'nb,xx');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--lang must be one or more of nb, sv, en separated by commas, got 'nb,xx'/);
  });
});

describe('orgnr and the imongr section', () => {
  it('a units row with a malformed orgnr is rejected as bad_value', async () => {
    const dir = fixture({
      units: ['unit_code,unit_name,region_code,region_name,centre_for,orgnr', 'C1,One,R1,Region,,974749025', 'C2,Two,R1,Region,,97474902', 'C3,Three,R1,Region,,NO974749025', 'C4,Four,R1,Region,,'],
      cases: [CASES_HEADER, 'A1,P1,2024-02-01,C49,,F,50,R1,C1,'],
      forms: [FORMS_HEADER],
    });
    const x = await loadExtract(dir);
    try {
      const dq = (await dataQualityRows(x.db)).map((r) => `${r.table}:${r.line}:${r.column}:${r.value ?? ''}:${r.rule}`);
      expect(dq).toEqual(['units:3:orgnr:97474902:bad_value', 'units:4:orgnr:NO974749025:bad_value']);
      expect(await x.db.all('SELECT unit_code, orgnr FROM clean_units ORDER BY unit_code')).toEqual([
        { unit_code: 'C1', orgnr: '974749025' },
        { unit_code: 'C4', orgnr: null },
      ]);
    } finally {
      x.db.close();
    }
  });

  it('registry.yaml imongr: ids per indicator, region numbers; mistakes named', () => {
    const c = parseConfig(IMONGR_YAML);
    expect(c.imongr).toEqual({
      indicators: [
        { metric: 'coverage', key: 'registration', id: 'sark_reg' },
        { metric: 'coverage', key: 'treatment', id: 'sark_beh' },
        { metric: 'centralisation', key: 'ALL', id: 'sark_sentral' },
      ],
      regionOrgnr: { R1: '983658725' },
    });
    expect(parseConfig(BASE_YAML).imongr).toBeNull();
    expect(() => parseConfig(`${BASE_YAML}imongr:\n  coverage: { followup: x }\n`)).toThrow(/unknown key 'followup' under 'imongr.coverage'/);
    expect(() => parseConfig(`${BASE_YAML}imongr:\n  coverage: { registration: a, treatment: a }\n`)).toThrow(/'a' is already used for coverage.registration/);
    expect(() => parseConfig(`${BASE_YAML}imongr:\n  region_orgnr: { R1: 12345 }\n`)).toThrow(/'12345' is not an organisation number/);
    expect(() => parseConfig(`${BASE_YAML}imongr:\n  centralisation: { ALL: "a b" }\n`)).toThrow(/may hold only letters/);
  });

  it("sheet names fit Excel's rules", () => {
    expect(sheetNames(['Sentralisering, retroperitonealt sarkom', 'Sentralisering, retroperitonealt sarkom', 'a/b:c'])).toEqual([
      'Sentralisering, retroperitoneal',
      'Sentralisering, retroperitone 2',
      'a b c',
    ]);
  });
});
