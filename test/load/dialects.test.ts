// Each input form the contract allows reads to the same clean rows.
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { Db } from '../../src/db.js';
import { dataQualityRows } from '../../src/load/accounting.js';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER, fixture } from '../helpers.js';

const CASES = [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', 'B,PB,2024-02-29,C40,,M,,R2,C2,2024-06-30', 'C,PC,2024-02-30,C40,,M,,R2,C2,'];

async function summary(dir: string) {
  const x = await loadExtract(dir);
  try {
    const cases = await x.db.all('SELECT line, case_id, diagnosis_date, age, death_date FROM clean_cases ORDER BY line');
    const units = await x.db.all<{ unit_name: string }>('SELECT unit_name FROM clean_units ORDER BY line');
    const dq = (await dataQualityRows(x.db)).map((r) => `${r.table}:${r.line}:${r.column}:${r.value}:${r.rule}`);
    return { cases, units: units.map((u) => u.unit_name), dq, ignored: x.ignoredColumns };
  } finally {
    x.db.close();
  }
}

const expected = {
  cases: [
    { line: '2', case_id: 'A', diagnosis_date: '2024-03-01', age: 50, death_date: null },
    { line: '3', case_id: 'B', diagnosis_date: '2024-02-29', age: null, death_date: '2024-06-30' },
  ],
  dq: ['cases:4:diagnosis_date:2024-02-30:bad_date'],
};

describe('CSV dialects', () => {
  it('UTF-8, comma, ISO dates (the default)', async () => {
    expect(await summary(fixture({ cases: CASES }))).toMatchObject(expected);
  });

  it('Latin-1, semicolon, DD.MM.YYYY, as set in registry.yaml', async () => {
    const dir = fixture({ yaml: BASE_YAML + 'csv: { delimiter: ";", encoding: latin-1, date_format: "%d.%m.%Y" }\n' });
    const toNordic = (line: string) => line.replaceAll(',', ';').replace(/(\d{4})-(\d{2})-(\d{2})/g, '$3.$2.$1');
    const latin1 = (lines: string[]) => Buffer.from(lines.map(toNordic).join('\r\n') + '\r\n', 'latin1');
    writeFileSync(join(dir, 'units.csv'), latin1(['unit_code,unit_name,region_code,region_name,centre_for', 'C1,Sørlandet & "Ås" <sykehus>,R1,Helse Sør-Øst,bone', 'C2,Two,R2,R,', 'L1,Førde,R1,Helse Sør-Øst,']));
    writeFileSync(join(dir, 'cases.csv'), latin1(CASES));
    writeFileSync(join(dir, 'forms.csv'), latin1([FORMS_HEADER]));
    const s = await summary(dir);
    expect(s.units).toEqual(['Sørlandet & "Ås" <sykehus>', 'Two', 'Førde']);
    expect(s.cases).toEqual(expected.cases);
    expect(s.dq).toEqual(['cases:4:diagnosis_date:30.02.2024:bad_date']);
  });

  it('UTF-8 with a byte-order mark, upper-case and padded column names, extra columns', async () => {
    const dir = fixture({ cases: CASES });
    const header = ' CASE_ID ,Patient_ID,diagnosis_date,ICD10,morphology,sex,age,residence_region,reporting_unit,death_date,note';
    writeFileSync(join(dir, 'cases.csv'), '\uFEFF' + [header, ...CASES.slice(1).map((l) => l + ',x')].join('\n') + '\n');
    const s = await summary(dir);
    expect(s).toMatchObject(expected);
    expect(s.ignored.cases).toEqual(['note']);
  });

  it('gzip-compressed CSV (.csv.gz)', async () => {
    const dir = fixture({ cases: CASES });
    writeFileSync(join(dir, 'cases.csv.gz'), gzipSync(CASES.join('\n') + '\n'));
    rmSync(join(dir, 'cases.csv'));
    expect(await summary(dir)).toMatchObject(expected);
    // with a blank line before the last record, its line number still points at it
    writeFileSync(join(dir, 'cases.csv.gz'), gzipSync([...CASES.slice(0, 3), '', CASES[3]].join('\r\n') + '\r\n'));
    expect((await summary(dir)).dq).toEqual(['cases:5:diagnosis_date:2024-02-30:bad_date']);
  });

  it('Parquet, with typed dates and integers, line = 1-based row number', async () => {
    const dir = fixture({ cases: CASES });
    const db = await Db.open();
    await db.run(
      `COPY (SELECT * FROM (VALUES
         ('A', 'PA', DATE '2024-03-01', 'C49.2', NULL, 'F', 50, 'R1', 'L1', NULL::DATE),
         ('B', 'PB', DATE '2024-02-29', 'C40', NULL, 'M', NULL, 'R2', 'C2', DATE '2024-06-30'),
         ('C', 'PC', NULL, 'C40', NULL, 'M', NULL, 'R2', 'C2', NULL))
       t(case_id, patient_id, diagnosis_date, icd10, morphology, sex, age, residence_region, reporting_unit, death_date)) TO $p (FORMAT parquet)`,
      { p: join(dir, 'cases.parquet') },
    );
    db.close();
    rmSync(join(dir, 'cases.csv'));
    const s = await summary(dir);
    expect(s.cases).toEqual([
      { line: '1', case_id: 'A', diagnosis_date: '2024-03-01', age: 50, death_date: null },
      { line: '2', case_id: 'B', diagnosis_date: '2024-02-29', age: null, death_date: '2024-06-30' },
    ]);
    expect(s.dq).toEqual(['cases:3:diagnosis_date:null:missing_value']);
  });
});
