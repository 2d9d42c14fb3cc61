// registry.yaml: defaults, accepted forms, and errors that name the key.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { InputError } from '../../src/errors.js';

const MINIMAL = `name: R
cohort:
  site_groups:
    - { id: soft_tissue, icd10: [c49.2, C47] }
coverage: {}
`;

function error(yaml: string): string {
  try {
    parseConfig(yaml, 'registry.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).format();
  }
  throw new Error('expected an error');
}

describe('registry.yaml', () => {
  it('fills every default', () => {
    const c = parseConfig(MINIMAL);
    expect(c).toEqual({
      name: 'R',
      country: 'NO',
      language: 'nb',
      reportYear: null,
      asOf: null,
      csv: { delimiter: ',', encoding: 'utf-8', dateFormat: '%Y-%m-%d' },
      cohort: { siteGroups: [{ id: 'soft_tissue', icd10: ['C492', 'C47'], label: { nb: 'soft_tissue', sv: 'soft_tissue', en: 'soft_tissue' } }] },
      coverage: {
        formTypes: ['registration', 'treatment'], targetCurrentYear: 0.8, targetPreviousYear: 0.95,
        moderateCurrentYear: null, moderatePreviousYear: null, trendYears: 10,
      },
      centralisation: { treatmentTypes: ['surgery'], target: null, moderate: null },
      pathway: null,
      publication: { minCell: 5, smallUnits: 'suppress' },
      about: { dataController: null, contact: null, website: null, logo: null, texts: 'texts' },
    });
    expect(Object.isFrozen(c.coverage)).toBe(true);
  });

  it('reads the moderate goal levels and small_units, and refuses a moderate level above its target or without one', () => {
    const c = parseConfig(
      MINIMAL.replace('coverage: {}', 'coverage: { moderate_current_year: 0.6, moderate_previous_year: 0.8 }') +
        'centralisation: { target: 0.9, moderate: 0.75 }\npublication: { small_units: pool }\n',
    );
    expect([c.coverage.moderateCurrentYear, c.coverage.moderatePreviousYear, c.centralisation.moderate]).toEqual([0.6, 0.8, 0.75]);
    expect(c.publication.smallUnits).toBe('pool');
    expect(() => parseConfig(MINIMAL + 'centralisation: { target: 0.7, moderate: 0.75 }\n')).toThrow(/moderate level 0.75 is above the target 0.7/);
    expect(() => parseConfig(MINIMAL + 'centralisation: { moderate: 0.5 }\n')).toThrow(/needs a target/);
    expect(() => parseConfig(MINIMAL + 'publication: { small_units: hide }\n')).toThrow(/suppress, pool/);
  });

  it('accepts bare and quoted dates, encoding aliases, and labels by language', () => {
    const c = parseConfig(MINIMAL + 'as_of: "2025-03-31"\ncsv: { encoding: windows-1252, delimiter: ";" }\n');
    expect(c.asOf).toBe('2025-03-31');
    expect(c.csv.encoding).toBe('latin-1');
    expect(parseConfig(MINIMAL + 'as_of: 2025-03-31\n').asOf).toBe('2025-03-31');
    const l = parseConfig(MINIMAL.replace('icd10: [c49.2, C47] }', 'icd10: [C49], label: { en: Soft tissue, sv: Mjukdel } }'));
    expect(l.cohort.siteGroups[0]!.label).toEqual({ nb: 'Soft tissue', sv: 'Mjukdel', en: 'Soft tissue' });
  });

  it('names the key, the line and the fix', () => {
    expect(error(MINIMAL + 'as_of: 2025-02-30\n')).toBe("registry.yaml:6: 'as_of': expected a date as YYYY-MM-DD, got '2025-02-30'");
    expect(error(MINIMAL + 'csv: { date_format: "%d/%m" }\n')).toMatch(/'csv.date_format': '%d\/%m' must contain a year/);
    expect(error(MINIMAL.replace('coverage: {}', 'coverage: { form_types: [registraton] }'))).toMatch(
      /registry\.yaml:5: 'coverage\.form_types\.0': 'registraton' is not one of registration, treatment, followup; did you mean 'registration'\?/,
    );
    expect(error(MINIMAL + 'centralisation: { targte: 0.9 }\n')).toMatch(/unknown key 'targte' under 'centralisation'; did you mean 'target'\?/);
  });

  it('checks the pathway section against itself', () => {
    const base = MINIMAL + 'pathway:\n  roles:\n    start: [S]\n    first_attendance: [F]\n    treatment: { T: surgery }\n';
    expect(error(base + '  intervals:\n    - { id: I, from: start, to: decison, norm_days: 8 }\n')).toMatch(/'decison' is not one of start, first_attendance, decision, treatment, end; did you mean 'decision'\?/);
    expect(error(base + '  intervals:\n    - { id: I, from: start, to: treatment, treatments: [chemo], norm_days: 8 }\n')).toMatch(/'chemo' is not a modality in pathway\.roles\.treatment \(surgery\)/);
    expect(error(base.replace('first_attendance: [F]', 'first_attendance: [S]') + '  intervals: []\n')).toMatch(/code 'S' already has the role 'start'/);
    expect(error(base + '  intervals:\n    - { id: I, from: start, to: first_attendance }\n')).toMatch(/required key 'norm_days' is missing/);
    const ok = parseConfig(base + '  intervals:\n    - { id: I, from: start, to: treatment, norm_days: 8 }\n');
    expect(ok.pathway).toMatchObject({ complianceTarget: 0.7, intervals: [{ id: 'I', treatments: null, normDays: 8 }] });
  });
});
