// An extract as Excel writes it: blank rows of delimiters, padded cells, CRLF; forms without the
// treatment columns when there are no treatment forms.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { dataQualityRows } from '../../src/load/accounting.js';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER, UNITS, cli, fixture, windows1252 } from '../helpers.js';

async function load(dir: string) {
  const x = await loadExtract(dir);
  try {
    const dq = (await dataQualityRows(x.db)).map((r) => `${r.table}:${r.line}:${r.column}:${r.value ?? ''}:${r.rule}`);
    const cases = await x.db.all<{ line: string; case_id: string }>('SELECT line, case_id FROM clean_cases ORDER BY line');
    return { dq, cases: cases.map((c) => `${c.line}:${c.case_id}`), acc: x.accounting };
  } finally {
    x.db.close();
  }
}

const semicolons = (lines: string[]) => lines.map((l) => l.replaceAll(',', ';')).join('\r\n') + '\r\n';

/** An extract with ';' as delimiter and CRLF line ends, as Excel saves "CSV (semikolonseparert)". */
function excelFixture(cases: string): string {
  const dir = fixture({ yaml: BASE_YAML + 'csv: { delimiter: ";" }\n' });
  writeFileSync(join(dir, 'units.csv'), semicolons(UNITS));
  writeFileSync(join(dir, 'forms.csv'), semicolons([FORMS_HEADER]));
  writeFileSync(join(dir, 'cases.csv'), cases);
  return dir;
}

describe('blank lines of delimiters and blanks', () => {
  const rows = [
    CASES_HEADER, //                                  line 1
    'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', //          2
    ';;;;;;;;;', //                                   3: Excel's empty row, full count
    'B,PB,2024-03-01,C49.2,,Q,50,R1,L1,', //          4: bad_value
    ';;;', //                                         5: too few delimiters
    '   ', //                                         6: blanks only
    ' ; ; ;;;;;;; ', //                               7: padded delimiters
    'C,PC,2024-03-01,C49.2,,Q,50,R1,L1,', //          8: bad_value
    ';;;;;;;;;', //                                   9: at the end, as Excel writes it
  ];

  it('are not rows, are not rejected, and still count in line numbers', async () => {
    const dir = excelFixture(semicolons(rows));
    const r = await load(dir);
    expect(r.dq).toEqual(['cases:4:sex:Q:bad_value', 'cases:8:sex:Q:bad_value']);
    expect(r.cases).toEqual(['2:A']);
    expect(r.acc.cases).toMatchObject({ read: 3, used: 1, rejected: 2 });
  });

  it('short blank rows in a windows-1252 file whose first 64 KiB are ASCII', async () => {
    // DuckDB meets the short blank row before the first non-ASCII byte: the copy must still be windows-1252.
    const filler = Array.from({ length: 2000 }, (_, i) => `F${i},PF,2024-03-01,C49.2,,F,50,R1,L1,`);
    const text = semicolons([CASES_HEADER, ...filler]) + ';;;\r\n' + semicolons(['Z,Pø–x,2024-03-01,C49.2,,Q,50,R1,L1,']);
    expect(text.indexOf('ø')).toBeGreaterThan(65536);
    const dir = excelFixture('');
    writeFileSync(join(dir, 'cases.csv'), windows1252(text));
    const x = await loadExtract(dir);
    try {
      expect(x.encodings.cases).toBe('windows-1252');
      const rows = await x.db.all<{ line: string; value: string }>(`SELECT line, value FROM dq`);
      expect(rows).toEqual([{ line: '2003', value: 'Q' }]);
      const [z] = await x.db.all<{ patient_id: string }>(`SELECT patient_id FROM chk_cases WHERE case_id = 'Z'`);
      expect(z!.patient_id).toBe('Pø–x');
    } finally {
      x.db.close();
    }
  });

  it('a full-count blank row alone is left out without a copy of the file', async () => {
    const dir = excelFixture(semicolons([CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', ',,,,,,,,,', 'B,PB,2024-03-01,C49.2,,Q,50,R1,L1,']));
    const r = await load(dir);
    expect(r.dq).toEqual(['cases:4:sex:Q:bad_value']);
    expect(r.acc.cases).toMatchObject({ read: 2, rejected: 1 });
  });

  it('a short row with content is still a ragged row', async () => {
    // a folder named like an encoding must not make the message about encodings
    const dir = `${excelFixture(semicolons([CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', ';;x;']))}-utf-8`;
    renameSync(dir.slice(0, -'-utf-8'.length), dir);
    const r = await cli('validate', '--data', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cases\.csv:3: cannot parse the file: the row has 4 fields, the header has 10/);
  });
});

describe('forms without treatment columns', () => {
  const cases = [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,'];

  it('load when the file has no treatment form', async () => {
    const r = await load(fixture({ cases, forms: ['form_id,case_id,form_type,unit_code,registered_date', 'f1,A,registration,L1,2024-04-01', 'f2,A,followup,L1,2024-05-01'] }));
    expect(r.dq).toEqual([]);
    expect(r.acc.forms).toMatchObject({ read: 2, used: 2, rejected: 0 });
  });

  it('stop at the first treatment form, naming the columns', async () => {
    const r = await cli('validate', '--data', fixture({ cases, forms: ['form_id,case_id,form_type,unit_code,registered_date', 'f1,A,registration,L1,2024-04-01', 'f2,A,treatment,L1,2024-05-01'] }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/forms\.csv:3: the file has treatment forms but no column 'treatment_type', 'treatment_date', 'treatment_unit'/);
  });

  it('with the columns present, a value in them is still checked on every form', async () => {
    const r = await load(fixture({ cases, forms: [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,2024-13-01,'] }));
    expect(r.dq).toEqual(['forms:2:treatment_date:2024-13-01:bad_date']);
  });
});
