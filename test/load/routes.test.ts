// A plain CSV file is read, typed and checked in one statement (line = position + 2); any other file
// goes the careful way (text first, then checked). Both must give the same rows, lines and verdicts,
// and a file that looks plain only in its first bytes must end up on the careful way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { dataQualityRows } from '../../src/load/accounting.js';
import { CASES_HEADER, FORMS_HEADER, UNITS, cli, fixture } from '../helpers.js';

/** Loads the extract; which way each table took, its rejected rows and its valid rows with their lines. */
async function load(dir: string) {
  const x = await loadExtract(dir);
  try {
    const dq = (await dataQualityRows(x.db)).map((r) => `${r.table}:${r.line}:${r.column}:${r.value ?? ''}:${r.rule}`);
    const cases = await x.db.all<{ line: string; case_id: string }>('SELECT line, case_id FROM clean_cases ORDER BY line');
    const forms = await x.db.all<{ line: string; form_id: string }>('SELECT line, form_id FROM clean_forms ORDER BY line');
    // ld_<table> has a column `line` on the careful way; on the one-statement way the line is the position.
    const cols = await x.db.all<{ table_name: string; line: boolean }>(
      "SELECT table_name, bool_or(column_name = 'line') AS line FROM duckdb_columns() WHERE table_name IN ('ld_cases', 'ld_forms') GROUP BY table_name",
    );
    const route = Object.fromEntries(cols.map((c) => [c.table_name.slice(3), c.line ? 'source' : 'checked']));
    return {
      route,
      dq,
      cases: cases.map((c) => `${c.line}:${c.case_id}`),
      forms: forms.map((f) => `${f.line}:${f.form_id}`),
      acc: x.accounting,
    };
  } finally {
    x.db.close();
  }
}

const okCase = (id: string, unit = 'L1') => `${id},P${id},2024-03-01,C49.2,,F,50,R1,${unit},`;
const okForm = (id: string, caseId: string) => `${id},${caseId},registration,L1,2024-05-01,,,`;
/** Enough rows that the first 64 KiB, which decide the way to try, end before the last of them. */
const filler = (n: number) => Array.from({ length: n }, (_, i) => okCase(`F${String(i).padStart(5, '0')}`));

describe('the one-statement way and the careful way agree', () => {
  const forms = [FORMS_HEADER, okForm('X1', 'A'), okForm('X2', 'NOPE'), okForm('X1', 'A'), okForm('X3', 'B'), okForm('X4', 'C')];

  it('a plain file: duplicates, unknown cases and unknown units at their lines', async () => {
    const dir = fixture({ cases: [CASES_HEADER, okCase('A'), okCase('B', 'ZZ'), okCase('A'), okCase('C')], forms });
    const r = await load(dir);
    expect(r.route).toEqual({ cases: 'checked', forms: 'checked' });
    expect(r.dq).toEqual([
      'cases:3:reporting_unit:ZZ:unknown_unit',
      'cases:4:case_id:A:duplicate_id',
      'forms:3:case_id:NOPE:unknown_case',
      'forms:4:form_id:X1:duplicate_id',
      'forms:5:case_id:B:unknown_case', // B was rejected, so no valid case has that id
    ]);
    expect(r.cases).toEqual(['2:A', '5:C']);
    expect(r.forms).toEqual(['2:X1', '6:X4']);
    expect(r.acc.forms).toMatchObject({ read: 5, used: 2, rejected: 3 });
  });

  it('the same rows with one padded value: read the careful way, same verdicts', async () => {
    const dir = fixture({ cases: [CASES_HEADER, okCase('A'), okCase('B', 'ZZ'), okCase('A'), okCase('C ')], forms });
    const r = await load(dir);
    expect(r.route).toEqual({ cases: 'source', forms: 'checked' });
    expect(r.dq.filter((d) => d.startsWith('cases'))).toEqual(['cases:3:reporting_unit:ZZ:unknown_unit', 'cases:4:case_id:A:duplicate_id']);
    expect(r.cases).toEqual(['2:A', '5:C']);
  });

  it('rows of empty values in a plain file are not rows, and keep their lines', async () => {
    const dir = fixture({ cases: [CASES_HEADER, okCase('A'), ',,,,,,,,,', okCase('B', 'ZZ'), ',,,,,,,,,', okCase('C')] });
    const r = await load(dir);
    expect(r.route.cases).toBe('checked');
    expect(r.dq).toEqual(['cases:4:reporting_unit:ZZ:unknown_unit']);
    expect(r.cases).toEqual(['2:A', '6:C']);
    expect(r.acc.cases).toMatchObject({ read: 3, used: 2, rejected: 1 });
  });
});

describe('a file plain in its first bytes only is read again, carefully', () => {
  const many = filler(3000); // about 130 KiB
  const last = many.length + 1; // the line of the last filler row

  it('a blank line after the first 64 KiB', async () => {
    const cases = [CASES_HEADER, ...many, '', okCase('Z', 'ZZ')];
    expect(cases.slice(0, -2).join('\n').length).toBeGreaterThan(65536);
    const r = await load(fixture({ cases }));
    expect(r.route.cases).toBe('source');
    expect(r.dq).toEqual([`cases:${last + 2}:reporting_unit:ZZ:unknown_unit`]);
    expect(r.acc.cases).toMatchObject({ read: many.length + 1, rejected: 1 });
  });

  it('a padded value after the first 64 KiB: trimmed, as on the careful way', async () => {
    const r = await load(fixture({ cases: [CASES_HEADER, ...many, okCase('Z ', ' L2')] }));
    expect(r.route.cases).toBe('source');
    expect(r.dq).toEqual([]);
    expect(r.cases.at(-1)).toBe(`${last + 1}:Z`);
  });

  it('a quoted value with a line break after the first 64 KiB', async () => {
    const r = await load(fixture({ cases: [CASES_HEADER, ...many, 'Q,"P\nQ",2024-03-01,C49.2,,F,50,R1,L1,', okCase('Z', 'ZZ')] }));
    expect(r.route.cases).toBe('source');
    expect(r.dq).toEqual([`cases:${last + 3}:reporting_unit:ZZ:unknown_unit`]);
  });
});

describe('forms without treatment columns, read the one-statement way', () => {
  it('a treatment form stops the run at its line', async () => {
    const dir = fixture({ cases: [CASES_HEADER, okCase('A')] });
    writeFileSync(join(dir, 'forms.csv'), ['form_id,case_id,form_type,unit_code,registered_date', 'X1,A,registration,L1,2024-05-01', 'X2,A,treatment,L1,2024-05-02'].join('\n') + '\n');
    writeFileSync(join(dir, 'units.csv'), UNITS.join('\n') + '\n');
    const r = await cli('validate', '--data', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("forms.csv:3: ");
    expect(r.err).toContain("no column 'treatment_type', 'treatment_date', 'treatment_unit'");
  });
});
