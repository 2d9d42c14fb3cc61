// centralisation (metrics.md §2), worked by hand. Y = 2024, T = 2025-03-31.
// Units: C1 (R1) centre for bone|soft_tissue; C2 (R2) centre for soft_tissue; L1 (R1), L2 (R2) local.
import { describe, expect, it } from 'vitest';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER } from '../helpers.js';
import { frac, run } from './fixtures.js';

const YAML = BASE_YAML + 'centralisation:\n  target: 0.9\n';

const cases = [
  CASES_HEADER,
  'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', // soft tissue, lives in R1
  'B,PB,2024-03-01,C40.1,,M,50,R2,L2,', // bone, R2
  'C,PC,2024-03-01,C49.1,,F,50,R2,L2,', // soft tissue, R2
  'D,PD,2024-03-01,C49.1,,F,50,R1,L1,', // soft tissue, R1: surgery registered after T
  'E,PE,2024-03-01,C41.2,,M,50,R1,L1,', // bone, R1
  'F,PF,2024-03-01,C47.0,,M,50,R1,L1,', // soft tissue, R1: no treatment
  'G,PG,2024-03-01,C40.2,,M,50,R1,C1,', // bone, R1
];
const t = (id: string, c: string, type: string, date: string, unit: string, registered = '2024-09-01') =>
  `${id},${c},treatment,${unit},${registered},${type},${date},${unit}`;
const forms = [
  FORMS_HEADER,
  // A: two surgeries on one day; 'F10' < 'F9' in string order, so L1 (not a centre) is first.
  t('F9', 'A', 'surgery', '2024-04-01', 'C1'),
  t('F10', 'A', 'surgery', '2024-04-01', 'L1'),
  // B: operated at C2, a centre for soft tissue only: not a centre for bone.
  t('F11', 'B', 'surgery', '2024-04-01', 'C2'),
  // C: radiotherapy first (not counted), then surgery at C2: centre.
  t('F12', 'C', 'radiotherapy', '2024-04-01', 'L2'),
  t('F13', 'C', 'surgery', '2024-05-01', 'C2'),
  // D: the only surgery was registered after T: not in the population.
  t('F14', 'D', 'surgery', '2024-04-01', 'C1', '2025-04-01'),
  // E: an earlier surgery at L1 registered after T is ignored; first counted is at C1.
  t('F15', 'E', 'surgery', '2024-03-15', 'L1', '2025-04-01'),
  t('F16', 'E', 'surgery', '2024-04-01', 'C1'),
  // G: earliest surgery at L1, later at C1: not at a centre.
  t('F17', 'G', 'surgery', '2024-02-01', 'C1'),
  t('F18', 'G', 'surgery', '2024-01-15', 'L1'),
];

describe('centralisation', () => {
  it('national, all site groups and each site group', async () => {
    const { get } = await run({ yaml: YAML, cases, forms });
    // Population A, B, C, E, G; at a centre: C, E.
    expect(frac(get('centralisation ALL 2024 national ALL'))).toBe('2/5');
    expect(frac(get('centralisation bone 2024 national ALL'))).toBe('1/3'); // B, E, G → E
    expect(frac(get('centralisation soft_tissue 2024 national ALL'))).toBe('1/2'); // A, C → C
  });

  it('by residence region', async () => {
    const { get } = await run({ yaml: YAML, cases, forms });
    expect(frac(get('centralisation ALL 2024 region R1'))).toBe('1/3'); // A, E, G → E
    expect(frac(get('centralisation ALL 2024 region R2'))).toBe('1/2'); // B, C → C
    expect(frac(get('centralisation bone 2024 region R1'))).toBe('1/2'); // E, G
    expect(frac(get('centralisation bone 2024 region R2'))).toBe('0/1'); // B
    expect(frac(get('centralisation soft_tissue 2024 region R1'))).toBe('0/1'); // A
    expect(frac(get('centralisation soft_tissue 2024 region R2'))).toBe('1/1'); // C
    expect(get('centralisation ALL 2024 unit L1')).toBeUndefined(); // no unit level
  });

  it('target from registry.yaml, or none', async () => {
    const { get } = await run({ yaml: YAML, cases, forms });
    const r = get('centralisation ALL 2024 national ALL')!;
    expect([r.value, r.target, r.met]).toEqual([0.4, 0.9, false]);
    const none = await run({ yaml: BASE_YAML, cases, forms });
    const n = none.get('centralisation ALL 2024 national ALL')!;
    expect([n.target, n.met]).toEqual([null, null]);
  });

  it('counts the treatment types chosen in registry.yaml', async () => {
    const yaml = BASE_YAML + 'centralisation:\n  treatment_types: [surgery, radiotherapy]\n';
    const { get } = await run({ yaml, cases, forms });
    // C's first counted treatment is now the radiotherapy at L2.
    expect(frac(get('centralisation soft_tissue 2024 region R2'))).toBe('0/1');
  });
});
