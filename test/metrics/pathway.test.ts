// pathway_time (metrics.md §3), worked by hand. Y = 2024, T = 2025-03-31, trend years 2022–2024.
// Intervals: I1 start→first_attendance (8 d), I2 first_attendance→decision (21 d),
// I3 decision→treatment for surgery|systemic (14 d), I4 start→treatment, any modality (43 d).
// Units C1, L1 are in region R1; C2, L2 in R2.
import { describe, expect, it } from 'vitest';
import { BASE_YAML, CASES_HEADER, EVENTS_HEADER, PATHWAY_YAML } from '../helpers.js';
import { frac, run } from './fixtures.js';

const YAML = BASE_YAML.replace('coverage:\n', 'coverage:\n  trend_years: 3\n') + PATHWAY_YAML;
const cases = [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,'];
const events = [
  EVENTS_HEADER,
  // p1: I1 7 d (C1), I2 28 d, I3 10 d, I4 45 d; the transfer changes nothing.
  'p1,X1,S,2024-01-01,L1', 'p1,X1,FA,2024-01-08,C1', 'p1,X1,TR,2024-01-09,C1', 'p1,X1,D,2024-02-05,C1', 'p1,X1,TK,2024-02-15,C1',
  // p2: first attendance on 03-09 at C2 and C1 (smallest code: C1), a later one ignored: I1 8 d.
  //     Surgery and radiotherapy on one day: surgery (listed first); unit C2 (smaller than L2).
  'p2,X2,S,2024-03-01,L2', 'p2,X2,FA,2024-03-10,L2', 'p2,X2,FA,2024-03-09,C2', 'p2,X2,FA,2024-03-09,C1',
  'p2,X2,D,2024-03-20,C2', 'p2,X2,TS,2024-04-01,C2', 'p2,X2,TK,2024-04-01,L2',
  // p3: cancelled after the first attendance: I1 19 d (L1) measured, nothing after.
  'p3,X3,S,2024-05-01,L1', 'p3,X3,FA,2024-05-20,L1', 'p3,X3,X,2024-05-25,L1',
  // p4: ended before reaching first attendance: I1 not measured.
  'p4,X4,S,2024-06-01,L1', 'p4,X4,X,2024-06-04,L1', 'p4,X4,FA,2024-06-05,L1',
  // p5: palliative: I3 not measured (modality), I4 19 d measured (any modality); all at L2.
  'p5,X5,S,2024-07-01,L2', 'p5,X5,FA,2024-07-03,L2', 'p5,X5,D,2024-07-10,L2', 'p5,X5,TL,2024-07-20,L2',
  // p6: first attendance before the start: negative I1, listed as data quality, not measured.
  'p6,X6,S,2024-08-10,L1', 'p6,X6,FA,2024-08-05,L1',
  // p7: first attendance after T: not in scope.
  'p7,X7,S,2025-03-01,L1', 'p7,X7,FA,2025-04-02,L1',
  // p8: starts in 2023, first attendance in 2024: counted in 2024 (the `to` date's year). 13 d.
  'p8,X8,S,2023-12-20,L1', 'p8,X8,FA,2024-01-02,L1',
  // p9: 2022, 4 d at C2.
  'p9,X9,S,2022-03-01,C2', 'p9,X9,FA,2022-03-05,C2',
  // p10: systemic: I1 1 d, I2 28 d, I3 20 d, I4 49 d; all at C2.
  'p10,X10,S,2024-09-01,C2', 'p10,X10,FA,2024-09-02,C2', 'p10,X10,D,2024-09-30,C2', 'p10,X10,TM,2024-10-20,C2',
  // p11: ends on the day of the first attendance: measured; 8 d = the norm, so within it.
  'p11,X11,S,2024-10-01,L2', 'p11,X11,FA,2024-10-09,L2', 'p11,X11,X,2024-10-09,L2',
];

describe('pathway_time', () => {
  it('I1: measured pathways, compliance and median days, national', async () => {
    const { get } = await run({ yaml: YAML, cases, pathway_events: events });
    // Measured in 2024: p1 7, p2 8, p3 19, p5 2, p8 13, p10 1, p11 8 → within 8 d: p1 p2 p5 p10 p11.
    const r = get('pathway_time I1 2024 national ALL')!;
    expect(frac(r)).toBe('5/7');
    expect(r.median_days).toBe(8); // 1 2 7 [8] 8 13 19
    expect(r.target).toBe(0.7);
    expect(r.met).toBe(true);
    expect(frac(get('pathway_time I1 2022 national ALL'))).toBe('1/1');
    expect(get('pathway_time I1 2025 national ALL')).toBeUndefined();
  });

  it('I1 by the unit of the `to` milestone and its region', async () => {
    const { get } = await run({ yaml: YAML, cases, pathway_events: events });
    expect(frac(get('pathway_time I1 2024 unit C1'))).toBe('2/2'); // p1, p2
    expect(get('pathway_time I1 2024 unit C1')!.median_days).toBe(7.5);
    expect(frac(get('pathway_time I1 2024 unit L1'))).toBe('0/2'); // p3 19, p8 13
    expect(get('pathway_time I1 2024 unit L1')!.median_days).toBe(16);
    expect(frac(get('pathway_time I1 2024 unit L2'))).toBe('2/2'); // p5 2, p11 8
    expect(frac(get('pathway_time I1 2024 unit C2'))).toBe('1/1'); // p10
    expect(frac(get('pathway_time I1 2024 region R1'))).toBe('2/4');
    expect(get('pathway_time I1 2024 region R1')!.median_days).toBe(10.5); // 7 8 13 19
    expect(frac(get('pathway_time I1 2024 region R2'))).toBe('3/3');
    expect(get('pathway_time I1 2024 region R2')!.median_days).toBe(2); // 1 2 8
  });

  it('I2, I3 (modality filter, same-day tie) and I4', async () => {
    const { get } = await run({ yaml: YAML, cases, pathway_events: events });
    const i2 = get('pathway_time I2 2024 national ALL')!; // p1 28, p2 11, p5 7, p10 28
    expect([frac(i2), i2.median_days]).toEqual(['2/4', 19.5]);
    const i3 = get('pathway_time I3 2024 national ALL')!; // p1 10, p2 12 (surgery), p10 20; p5 palliative out
    expect([frac(i3), i3.median_days]).toEqual(['2/3', 12]);
    expect(frac(get('pathway_time I3 2024 unit C2'))).toBe('1/2'); // p2's treatment unit is C2, p10
    const i4 = get('pathway_time I4 2024 national ALL')!; // p1 45, p2 31, p5 19, p10 49
    expect([frac(i4), i4.median_days]).toEqual(['2/4', 38]);
  });

  it('a negative interval is listed in the data-quality table with the pathway id', async () => {
    const { dq } = await run({ yaml: YAML, cases, pathway_events: events });
    const neg = dq.filter((r) => r.rule === 'negative_interval');
    // p6's first attendance is on line 25 of the file (header = line 1).
    expect(neg.map((r) => [r.table, r.line, r.column, r.value])).toEqual([['pathway_events', '25', 'event_date', 'p6']]);
  });

  it('no pathway section: no pathway rows', async () => {
    const { table } = await run({ cases, pathway_events: null });
    expect(table.metrics.some((r) => r.metric === 'pathway_time')).toBe(false);
  });

  it('a modality listed twice counts each pathway once', async () => {
    const twice = YAML.replace('treatments: [surgery, systemic]', 'treatments: [surgery, systemic, surgery]');
    expect(twice).not.toBe(YAML);
    const { get } = await run({ yaml: twice, cases, pathway_events: events });
    expect(frac(get('pathway_time I3 2024 national ALL'))).toBe('2/3'); // as above: p1, p2, p10
    expect(frac(get('pathway_time I3 2024 unit C2'))).toBe('1/2');
  });

  it('the negative interval names the pathway as the record id', async () => {
    const { dq } = await run({ yaml: YAML, cases, pathway_events: events });
    expect(dq.filter((r) => r.rule === 'negative_interval').map((r) => r.id)).toEqual(['p6']);
  });
});
