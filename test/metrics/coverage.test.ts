// coverage (metrics.md §1), worked by hand. Y = 2024, T = 2025-03-31, trend years 2022–2024.
import { describe, expect, it } from 'vitest';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER } from '../helpers.js';
import { frac, run } from './fixtures.js';

const YAML = BASE_YAML.replace('coverage:\n', 'coverage:\n  trend_years: 3\n');

const cases = [
  CASES_HEADER,
  'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', // registration on time; treatment form registered after T
  'B,PB,2024-06-01,C40.1,,M,60,R1,L1,', // registered by another unit (C1), on T itself
  'C,PC,2024-07-01,C47,,F,70,R2,L2,', //   no forms
  'D,PD,2023-01-10,C41,,M,40,R1,L2,', //   both forms; reporting unit L2 is in region R2, residence R1
  'E,PE,2025-02-01,C49,,M,40,R1,L1,', //   diagnosed after Y: not a trend year
  'F,PF,2024-12-31,C50,,F,50,R1,L1,', //   out of scope (breast)
  'G,PG,2021-05-05,C49,,F,50,R1,L1,', //   before the first trend year
  'H,PH,2024-05-05,C49,,Q,50,R1,L1,', //   rejected (bad sex): in no denominator
];
const forms = [
  FORMS_HEADER,
  '1,A,registration,L1,2024-05-01,,,',
  '2,A,registration,L1,2024-06-01,,,', // a second registration counts once
  '3,A,treatment,C1,2025-04-01,surgery,2024-04-01,C1',
  '4,B,registration,C1,2025-03-31,,,',
  '5,D,registration,L2,2023-03-01,,,',
  '6,D,treatment,C2,2023-05-01,surgery,2023-02-01,C2',
  '7,F,registration,L1,2025-01-01,,,',
  '8,H,registration,L1,2025-01-01,,,', // unknown_case: its case was rejected
];

describe('coverage', () => {
  it('counts cases of the year with a form of the type registered on or before T', async () => {
    const { get } = await run({ yaml: YAML, cases, forms });
    // 2024: A, B, C. Registration: A (on time), B (on T) → 2/3.
    expect(frac(get('coverage registration 2024 national ALL'))).toBe('2/3');
    // Treatment: A's form was registered after T → 0/3.
    expect(frac(get('coverage treatment 2024 national ALL'))).toBe('0/3');
    // 2023: D only.
    expect(frac(get('coverage registration 2023 national ALL'))).toBe('1/1');
    expect(frac(get('coverage treatment 2023 national ALL'))).toBe('1/1');
    // No 2022 cases in the cohort: no rows. G (2021) and E (2025) are outside the trend years.
    expect(get('coverage registration 2022 national ALL')).toBeUndefined();
    expect(get('coverage registration 2021 national ALL')).toBeUndefined();
    expect(get('coverage registration 2025 national ALL')).toBeUndefined();
  });

  it('each form type on its own: a case with only a treatment form counts for treatment, not for registration', async () => {
    const only = [CASES_HEADER, 'K,PK,2024-03-01,C49.2,,F,50,R1,L1,', 'M,PM,2024-03-02,C49.2,,F,50,R1,L1,'];
    const { get } = await run({ yaml: YAML, cases: only, forms: [FORMS_HEADER, '1,K,treatment,C1,2024-05-01,surgery,2024-04-01,C1'] });
    expect(frac(get('coverage registration 2024 unit L1'))).toBe('0/2');
    expect(frac(get('coverage treatment 2024 unit L1'))).toBe('1/2');
    expect(frac(get('coverage treatment 2024 region R1'))).toBe('1/2');
    expect(frac(get('coverage registration 2024 national ALL'))).toBe('0/2');
  });

  it('attributes cases to the reporting unit and its region, not to the unit that sent the form', async () => {
    const { get } = await run({ yaml: YAML, cases, forms });
    expect(frac(get('coverage registration 2024 unit L1'))).toBe('2/2'); // B's form came from C1
    expect(frac(get('coverage registration 2024 unit L2'))).toBe('0/1');
    expect(get('coverage registration 2024 unit C1')).toBeUndefined();
    expect(frac(get('coverage registration 2024 region R1'))).toBe('2/2');
    expect(frac(get('coverage registration 2024 region R2'))).toBe('0/1');
    // D lives in R1 but is reported by L2 (region R2): coverage goes to R2.
    expect(frac(get('coverage registration 2023 region R2'))).toBe('1/1');
    expect(get('coverage registration 2023 region R1')).toBeUndefined();
  });

  it('targets: 80 % for the report year, 95 % for earlier years; exact interval; suppression', async () => {
    const { get } = await run({ yaml: YAML, cases, forms });
    const r = get('coverage registration 2024 national ALL')!;
    expect(r.value).toBe(2 / 3);
    expect(r.target).toBe(0.8);
    expect(r.met).toBe(false);
    expect(r.ci_low).toBeCloseTo(0.094299324050246131, 12); // R: binom.test(2, 3)
    expect(r.ci_high).toBeCloseTo(0.99159624134038737, 12);
    expect(r.suppressed).toBe(true); // 3 < min_cell 5
    const d = get('coverage registration 2023 national ALL')!;
    expect(d.target).toBe(0.95);
    expect(d.met).toBe(true);
    expect(d.ci_high).toBe(1);
    expect(d.median_days).toBeNull();
  });

  it('with an earlier cut-off, later forms and later diagnoses leave the counts', async () => {
    const { get, table } = await run({ yaml: YAML, cases, forms }, { asOf: '2024-06-30' });
    expect(table.as_of).toBe('2024-06-30');
    // A (2024-03-01) and B (2024-06-01) are diagnosed by T; C (2024-07-01) is not.
    // A's registration (2024-05-01) counts; B's (2025-03-31) does not.
    expect(frac(get('coverage registration 2024 national ALL'))).toBe('1/2');
  });

  it('--year moves the targets: the chosen year gets 80 %', async () => {
    const { get, table } = await run({ yaml: YAML, cases, forms }, { year: 2023 });
    expect(table.year).toBe(2023);
    expect(get('coverage registration 2023 national ALL')!.target).toBe(0.8);
    expect(get('coverage registration 2024 national ALL')).toBeUndefined();
  });

  it('T defaults to the latest registered_date, and Y to the last year ended by T', async () => {
    const yaml = YAML.replace('report_year: 2024\n', '').replace('as_of: 2025-03-31\n', '');
    const { table } = await run({ yaml, cases, forms });
    expect(table.as_of).toBe('2025-04-01'); // form 3
    expect(table.year).toBe(2024);
  });
});
