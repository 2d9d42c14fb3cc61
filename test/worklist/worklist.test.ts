// Worklists: hand-made fixture, agreement with coverage, permissions, bad codes.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { MetricTable } from '../../src/metrics/metrics.js';
import { registrationsToTarget } from '../../src/worklist/worklist.js';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER, UNITS_HEADER, cli, fixture, tempDir } from '../helpers.js';

// Y = 2024, T = 2025-03-31, form types registration and treatment.
const cases = [
  CASES_HEADER,
  'A,PA,2024-02-01,C49.2,,F,50,R1,L1,', // registration only: missing treatment
  'B,PB,2024-03-01,C49.2,,F,50,R1,L1,', // no forms: missing both
  'C,PC,2023-05-01,C40.1,,M,50,R1,L1,', // treatment registered one day after T: missing treatment
  'D,PD,2025-04-02,C49.2,,F,50,R1,L1,', // diagnosed after T: not listed
  'E,PE,2022-06-01,C49.2,,F,50,R1,L1,', // the year before Y-1: not listed
  'F,PF,2024-01-15,C49.2,,M,50,R2,L2,', // complete
  'G,PG,2023-07-07,C47.1,,M,50,R2,L2,', // missing registration only
  'H,PH,2024-02-02,C50.1,,F,50,R1,L1,', // out of scope
];
const forms = [
  FORMS_HEADER,
  'f1,A,registration,L1,2024-03-01,,,',
  'f2,C,registration,L1,2023-06-01,,,',
  'f3,C,treatment,C1,2025-04-01,surgery,2023-06-01,C1',
  'f4,F,registration,L2,2024-02-01,,,',
  'f5,F,treatment,C2,2024-03-01,surgery,2024-02-20,C2',
  'f6,G,treatment,C2,2023-09-01,surgery,2023-08-20,C2',
];

const read = (p: string) => readFileSync(p, 'utf8');
/** One CSV line → fields (quoted fields may hold commas). */
const fields = (line: string) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replaceAll('""', '"'));

describe('regreport worklist', () => {
  it('lists the missing cases with the missing form types, in order', async () => {
    const out = join(tempDir(), 'wl');
    const data = fixture({ cases, forms });
    const r = await cli('worklist', '--data', data, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/4 case\(s\) missing a form, diagnosed 2023–2024, as of 2025-03-31; 2 unit\(s\)/);
    expect(r.out).toMatch(/patient-level data/);
    const all = read(join(out, 'worklist.csv'));
    expect(all.startsWith('\uFEFF')).toBe(true);
    expect(all.slice(1).trimEnd().split('\n')).toEqual([
      'unit_code,unit_name,case_id,patient_id,diagnosis_date,diagnosis_year,site_group,missing',
      'L1,Local One,C,PC,2023-05-01,2023,bone,treatment',
      'L1,Local One,A,PA,2024-02-01,2024,soft_tissue,treatment',
      'L1,Local One,B,PB,2024-03-01,2024,soft_tissue,registration|treatment',
      'L2,Local Two,G,PG,2023-07-07,2023,soft_tissue,registration',
    ]);
    expect(read(join(out, 'worklist-L2.csv')).slice(1).trimEnd().split('\n')).toHaveLength(2);
    expect(readdirSync(out).sort()).toEqual(['worklist-L1.csv', 'worklist-L1.pdf', 'worklist-L1.xlsx', 'worklist-L2.csv', 'worklist-L2.pdf', 'worklist-L2.xlsx', 'worklist.csv']);
    // The Excel twin: the same rows, ids as text, the date as a date, a frozen header with filters.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, 'worklist-L1.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['L1']);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['unit_code', 'unit_name', 'case_id', 'patient_id', 'diagnosis_date', 'diagnosis_year', 'site_group', 'missing']);
    expect(ws.rowCount).toBe(4);
    const b = ws.getRow(4);
    expect((b.values as unknown[]).slice(1)).toEqual(['L1', 'Local One', 'B', 'PB', new Date('2024-03-01T00:00:00Z'), 2024, 'soft_tissue', 'registration|treatment']);
    expect(b.getCell(5).numFmt).toBe('yyyy-mm-dd');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('files are 0600 in a 0700 folder', async () => {
    const out = join(tempDir(), 'private');
    await cli('worklist', '--data', fixture({ cases, forms }), '--out', out);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(out)) expect(statSync(join(out, f)).mode & 0o777, f).toBe(0o600);
  });

  it('the cover sheet is one page with the counts and what the target takes', async () => {
    const out = join(tempDir(), 'cover');
    await cli('worklist', '--data', fixture({ yaml: BASE_YAML.replace('language: en', 'language: nb'), cases, forms }), '--out', out, '--unit', 'L1');
    const pdf = join(out, 'worklist-L1.pdf');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    // 2024 registration at L1: A registered, B not → 1/2; 80 % of 2 needs 2 → 1 more.
    expect(text).toContain('Tilfeller fra 2024 som må registreres (registrering) for å nå 80 %: 1.');
    // 2023 registration: C registered → 1/1: reached.
    expect(text).toContain('Registrering 2023: målet på 95 % er nådd.');
    expect(readdirSync(out).sort()).toEqual(['worklist-L1.csv', 'worklist-L1.pdf', 'worklist-L1.xlsx', 'worklist.csv']);
  });

  it('agrees with coverage: rows per unit and form type = denominator − numerator', async () => {
    const out = join(tempDir(), 'agree');
    const m = join(tempDir(), 'm');
    await cli('worklist', '--data', 'sample-data/se-sarcoma', '--out', out, '--region', 'VAST');
    await cli('metrics', '--data', 'sample-data/se-sarcoma', '--out', m);
    const table = JSON.parse(read(join(m, 'internal/metrics.json'))) as MetricTable;
    const rows = read(join(out, 'worklist.csv')).slice(1).trimEnd().split('\n').slice(1).map(fields);
    const units = [...new Set(rows.map((r) => r[0]!))];
    expect(units.sort()).toEqual(['SU', 'SÄS']);
    for (const unit of units) {
      for (const year of [2023, 2024]) {
        for (const ft of ['registration', 'treatment']) {
          const cov = table.metrics.find((r) => r.metric === 'coverage' && r.level === 'unit' && r.group === unit && r.year === year && r.form_type === ft)!;
          const listed = rows.filter((r) => r[0] === unit && r[5] === String(year) && r[7]!.split('|').includes(ft)).length;
          expect(listed, `${unit} ${year} ${ft}`).toBe(cov.denominator - cov.numerator);
        }
      }
    }
  });

  it('an unknown unit or region: exit 2 naming it and the valid codes; nothing written', async () => {
    const out = join(tempDir(), 'none');
    const u = await cli('worklist', '--data', fixture({ cases, forms }), '--out', out, '--unit', 'XX');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/unknown unit code 'XX'\n\s+valid unit codes: C1, C2, L1, L2/);
    const r = await cli('worklist', '--data', fixture({ cases, forms }), '--out', out, '--region', 'R9');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown region code 'R9'\n\s+valid region codes: R1, R2/);
    expect(() => statSync(out)).toThrow();
  });

  it('units whose codes differ only in punctuation or case get separate lists', async () => {
    const codes = ['A/B', 'A_B', 'HV', 'hv', '😀'];
    const units = [UNITS_HEADER, ...codes.map((c, i) => `${c},Unit ${i},R1,Region One,`)];
    const many = [CASES_HEADER, ...codes.flatMap((c, i) => [1, 2, 3].map((k) => `K${i}${k},P${i}${k},2024-02-0${k},C49.2,,F,50,R1,${c},`))];
    const out = join(tempDir(), 'clash');
    const r = await cli('worklist', '--data', fixture({ units, cases: many, forms: [FORMS_HEADER] }), '--out', out);
    expect(r.code, r.err).toBe(0);
    const lists = readdirSync(out).filter((f) => /^worklist-.*\.csv$/.test(f));
    expect(new Set(lists.map((f) => f.toLowerCase())).size).toBe(codes.length);
    const listed = lists.map((f) => read(join(out, f)).slice(1).trimEnd().split('\n').slice(1).map((l) => fields(l)[0]!));
    expect(listed.flat().sort()).toEqual(codes.flatMap((c) => [c, c, c]).sort());
  });

  it('registrations needed to reach a target', () => {
    expect(registrationsToTarget(6, 15, 0.8)).toBe(6); // 12/15 = 0.8
    expect(registrationsToTarget(23, 31, 0.95)).toBe(7); // 30/31 ≥ 0.95 > 29/31
    expect(registrationsToTarget(12, 12, 0.95)).toBe(0);
    expect(registrationsToTarget(19, 20, 0.95)).toBe(0);
    expect(registrationsToTarget(0, 1, 0.8)).toBe(1);
  });
});
