// Every row rule of the data contract: a fixture that breaks it, and one that barely passes.
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { dataQualityRows } from '../../src/load/accounting.js';
import { CASES_HEADER, EVENTS_HEADER, FORMS_HEADER, PATHWAY_YAML, BASE_YAML, fixture } from '../helpers.js';

async function load(t: Parameters<typeof fixture>[0]) {
  const x = await loadExtract(fixture(t));
  const dq = (await dataQualityRows(x.db)).map((r) => `${r.table}:${r.line}:${r.column}:${r.value ?? ''}:${r.rule}`);
  const acc = x.accounting;
  x.db.close();
  return { dq, acc };
}

const okCase = (id: string, extra: Partial<Record<string, string>> = {}) => {
  const v = { case_id: id, patient_id: `P${id}`, diagnosis_date: '2024-03-01', icd10: 'C49.2', morphology: '', sex: 'F', age: '50', residence_region: 'R1', reporting_unit: 'L1', death_date: '', ...extra };
  return CASES_HEADER.split(',').map((k) => v[k as keyof typeof v] ?? '').join(',');
};
const okForm = (id: string, caseId: string, extra: Partial<Record<string, string>> = {}) => {
  const v = { form_id: id, case_id: caseId, form_type: 'registration', unit_code: 'L1', registered_date: '2024-05-01', treatment_type: '', treatment_date: '', treatment_unit: '', ...extra };
  return FORMS_HEADER.split(',').map((k) => v[k as keyof typeof v] ?? '').join(',');
};

describe('cases rules', () => {
  it('missing_value: an empty required column; an empty optional one passes', async () => {
    const { dq, acc } = await load({
      cases: [CASES_HEADER, okCase('A', { patient_id: '' }), okCase('B', { sex: '', age: '', morphology: '', death_date: '' })],
    });
    expect(dq).toEqual(['cases:2:patient_id::missing_value']);
    expect(acc.cases).toMatchObject({ read: 2, used: 1, rejected: 1, out_of_scope: 0 });
  });

  it('bad_date: not a real date, or not in the configured format; 29 Feb of a leap year passes', async () => {
    const { dq } = await load({
      cases: [
        CASES_HEADER,
        okCase('A', { diagnosis_date: '2023-02-29' }),
        okCase('B', { diagnosis_date: '01.03.2024' }),
        okCase('C', { death_date: '2024-13-01' }),
        okCase('D', { diagnosis_date: '2024-02-29' }),
      ],
    });
    expect(dq).toEqual([
      'cases:2:diagnosis_date:2023-02-29:bad_date',
      'cases:3:diagnosis_date:01.03.2024:bad_date',
      'cases:4:death_date:2024-13-01:bad_date',
    ]);
  });

  it('bad_value: sex outside M/F, age outside 0–120 or not whole; 0, 120 and 0120 pass', async () => {
    const { dq } = await load({
      cases: [
        CASES_HEADER,
        okCase('A', { sex: 'X' }),
        okCase('B', { age: '121' }),
        okCase('C', { age: '-1' }),
        okCase('D', { age: '45.5' }),
        okCase('E', { age: '0' }),
        okCase('F', { age: '120', sex: 'M' }),
        okCase('G', { age: '0120' }), // leading zeros are allowed: 120
        okCase('H', { age: '0121' }),
      ],
    });
    expect(dq).toEqual(['cases:2:sex:X:bad_value', 'cases:3:age:121:bad_value', 'cases:4:age:-1:bad_value', 'cases:5:age:45.5:bad_value', 'cases:9:age:0121:bad_value']);
  });

  it('duplicate_id: a later row repeating an id; a row after a rejected first one is not a duplicate', async () => {
    const { dq, acc } = await load({
      cases: [
        CASES_HEADER,
        okCase('A'),
        okCase('A', { patient_id: 'other' }),
        okCase('B', { reporting_unit: 'NOPE' }), // rejected: unknown_unit
        okCase('B'), // the earlier B was rejected, so this one is used
        okCase('A', { reporting_unit: 'NOPE' }), // duplicate_id comes before unknown_unit
      ],
    });
    expect(dq).toEqual(['cases:3:case_id:A:duplicate_id', 'cases:4:reporting_unit:NOPE:unknown_unit', 'cases:6:case_id:A:duplicate_id']);
    expect(acc.cases).toMatchObject({ read: 5, used: 2, rejected: 3 });
  });

  it('unknown_unit and unknown_region; the rule order decides which is reported', async () => {
    const { dq } = await load({
      cases: [
        CASES_HEADER,
        okCase('A', { reporting_unit: 'ZZ' }),
        okCase('B', { residence_region: 'R9' }),
        okCase('C', { residence_region: 'R9', reporting_unit: 'ZZ' }),
        okCase('D', { patient_id: '', reporting_unit: 'ZZ' }),
      ],
    });
    expect(dq).toEqual([
      'cases:2:reporting_unit:ZZ:unknown_unit',
      'cases:3:residence_region:R9:unknown_region',
      'cases:4:reporting_unit:ZZ:unknown_unit',
      'cases:5:patient_id::missing_value',
    ]);
  });

  it('out of scope is counted apart from rejected; ICD-10 is normalised before the prefix match', async () => {
    const { acc } = await load({
      cases: [CASES_HEADER, okCase('A', { icd10: 'c49.2' }), okCase('B', { icd10: 'C402' }), okCase('C', { icd10: 'C50.1' }), okCase('D', { icd10: 'C50', sex: 'Q' })],
    });
    expect(acc.cases).toEqual({ read: 4, used: 2, out_of_scope: 1, rejected: 1, rules: { bad_value: 1 } });
  });
});

describe('forms rules', () => {
  const cases = [CASES_HEADER, okCase('A'), okCase('OUT', { icd10: 'C50' }), okCase('BAD', { sex: 'Q' })];

  it('a treatment form needs its treatment fields; other form types do not', async () => {
    const { dq } = await load({
      cases,
      forms: [
        FORMS_HEADER,
        okForm('1', 'A', { form_type: 'treatment', treatment_type: 'surgery', treatment_date: '2024-04-01' }),
        okForm('2', 'A', { form_type: 'treatment', treatment_type: 'surgery', treatment_date: '2024-04-01', treatment_unit: 'C1' }),
        okForm('3', 'A', { form_type: 'followup' }),
      ],
    });
    expect(dq.filter((d) => d.startsWith('forms'))).toEqual(['forms:2:treatment_unit::missing_value']);
  });

  it('bad_value for form_type and treatment_type; bad_date for registered_date', async () => {
    const { dq } = await load({
      cases,
      forms: [
        FORMS_HEADER,
        okForm('1', 'A', { form_type: 'Registration' }),
        okForm('2', 'A', { form_type: 'treatment', treatment_type: 'chemo', treatment_date: '2024-04-01', treatment_unit: 'C1' }),
        okForm('3', 'A', { registered_date: '2024-04-31' }),
      ],
    });
    expect(dq.filter((d) => d.startsWith('forms'))).toEqual(['forms:2:form_type:Registration:bad_value', 'forms:3:treatment_type:chemo:bad_value', 'forms:4:registered_date:2024-04-31:bad_date']);
  });

  it('unknown_case: a rejected case is unknown, an out-of-scope case is known', async () => {
    const { dq, acc } = await load({
      cases,
      forms: [FORMS_HEADER, okForm('1', 'A'), okForm('2', 'OUT'), okForm('3', 'BAD'), okForm('4', 'NONE'), okForm('1', 'A'), okForm('5', 'A', { unit_code: 'QQ' })],
    });
    expect(dq.filter((d) => d.startsWith('forms'))).toEqual(['forms:4:case_id:BAD:unknown_case', 'forms:5:case_id:NONE:unknown_case', 'forms:6:form_id:1:duplicate_id', 'forms:7:unit_code:QQ:unknown_unit']);
    expect(acc.forms).toMatchObject({ read: 6, used: 2, rejected: 4 });
  });

  it('unknown_unit on treatment_unit', async () => {
    const { dq } = await load({
      cases,
      forms: [FORMS_HEADER, okForm('1', 'A', { form_type: 'treatment', treatment_type: 'surgery', treatment_date: '2024-04-01', treatment_unit: 'XX' })],
    });
    expect(dq.filter((d) => d.startsWith('forms'))).toEqual(['forms:2:treatment_unit:XX:unknown_unit']);
  });
});

describe('units and pathway events', () => {
  it('units: missing_value and duplicate_id; the first of two equal codes is kept', async () => {
    const { dq, acc } = await load({
      units: ['unit_code,unit_name,region_code,region_name,centre_for', 'C1,Centre,R1,Region One,bone', 'C1,Again,R1,Region One,', 'L1,,R1,Region One,', 'L1,Local,R1,Region One,'],
      cases: [CASES_HEADER, okCase('A')],
    });
    expect(dq).toEqual(['units:3:unit_code:C1:duplicate_id', 'units:4:unit_name::missing_value']);
    expect(acc.units).toMatchObject({ read: 4, used: 2, rejected: 2 });
    expect(acc.cases).toMatchObject({ used: 1 });
  });

  it('unknown_code for a code with no role; unknown_unit; missing and bad dates', async () => {
    const { dq, acc } = await load({
      yaml: BASE_YAML + PATHWAY_YAML,
      cases: [CASES_HEADER, okCase('A')],
      pathway_events: [EVENTS_HEADER, 'p1,PA,S,2024-01-01,L1', 'p1,PA,ZZZ,2024-01-02,L1', 'p1,PA,FA,2024-01-02,Q', 'p1,PA,FA,,L1', 'p1,PA,D,2024-02-30,C1', 'p1,,TR,2024-01-05,C1'],
    });
    expect(dq).toEqual([
      'pathway_events:3:code:ZZZ:unknown_code',
      'pathway_events:4:unit_code:Q:unknown_unit',
      'pathway_events:5:event_date::missing_value',
      'pathway_events:6:event_date:2024-02-30:bad_date',
      'pathway_events:7:patient_id::missing_value',
    ]);
    expect(acc.pathway_events).toMatchObject({ read: 6, used: 1, rejected: 5 });
  });
});

describe('padded values', () => {
  it('are trimmed: fixed-width exports pad codes with spaces; a value of spaces is empty', async () => {
    const { dq, acc } = await load({
      cases: [CASES_HEADER, okCase('A', { reporting_unit: 'L1   ', icd10: ' C49.2' }), okCase('B', { patient_id: '   ' })],
    });
    expect(dq).toEqual(['cases:3:patient_id::missing_value']);
    expect(acc.cases).toMatchObject({ used: 1 });
  });
});

describe('line numbers', () => {
  it('count blank lines, which the reader skips, and ignore trailing ones', async () => {
    const { dq } = await load({
      cases: [CASES_HEADER, '', okCase('A', { morphology: '"8890/3\n\nnote"' }), '', '', okCase('B', { sex: 'Q' }), okCase('C', { sex: 'Q' }), '', ''],
    });
    // header 1, blank 2, A 3–5 (two line breaks inside quotes), blanks 6–7, B 8, C 9
    expect(dq).toEqual(['cases:8:sex:Q:bad_value', 'cases:9:sex:Q:bad_value']);
  });

  it('count the header as line 1 and the lines inside quoted values', async () => {
    const { dq } = await load({
      units: ['unit_code,unit_name,region_code,region_name,centre_for', 'C1,"Centre\nwith two lines",R1,Region One,bone', 'L1,Local,R1,Region One,'],
      cases: [CASES_HEADER, okCase('A', { morphology: '"8890/3\nsee note"' }), okCase('B', { sex: 'Q' })],
    });
    expect(dq).toEqual(['cases:4:sex:Q:bad_value']);
  });
});
