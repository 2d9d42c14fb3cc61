// registry.yaml: defaults, accepted forms, and errors that name the key.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../../src/config/config.js';
import { InputError } from '../../src/errors.js';
import { PATHWAY_YAML } from '../helpers.js';

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
      csv: { delimiter: ',', encoding: 'auto', dateFormat: '%Y-%m-%d' },
      cohort: { siteGroups: [{ id: 'soft_tissue', icd10: ['C492', 'C47'], label: { nb: 'soft_tissue', sv: 'soft_tissue', en: 'soft_tissue' } }] },
      coverage: {
        formTypes: ['registration', 'treatment'], targetCurrentYear: 0.8, targetPreviousYear: 0.95,
        moderateCurrentYear: null, moderatePreviousYear: null, trendYears: 10,
      },
      centralisation: { treatmentTypes: ['surgery'], target: null, moderate: null },
      pathway: null,
      publication: { minCell: 5, smallUnits: 'suppress' },
      imongr: null,
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

  it('reads an interval label per language, the id where none is given (the contract example)', () => {
    const yaml = MINIMAL + PATHWAY_YAML.replace('norm_days: 43 }', 'norm_days: 43, label: { nb: Samlet forløpstid, sv: Total ledtid, en: Total pathway time } }');
    const ivs = parseConfig(yaml).pathway!.intervals;
    expect(ivs[3]!.label).toEqual({ nb: 'Samlet forløpstid', sv: 'Total ledtid', en: 'Total pathway time' });
    expect(ivs[0]!.label).toEqual({ nb: 'I1', sv: 'I1', en: 'I1' });
  });

  it('accepts bare and quoted dates, encoding aliases, and labels by language', () => {
    const c = parseConfig(MINIMAL + 'as_of: "2025-03-31"\ncsv: { encoding: windows-1252, delimiter: ";" }\n');
    expect(c.asOf).toBe('2025-03-31');
    expect(c.csv.encoding).toBe('windows-1252');
    // Files labelled Latin-1 are almost always windows-1252; ANSI is what Excel calls it.
    for (const name of ['latin-1', 'ISO-8859-1', 'ansi', 'cp1252']) expect(parseConfig(MINIMAL + `csv: { encoding: ${name} }\n`).csv.encoding).toBe('windows-1252');
    for (const name of ['utf-8', 'UTF8']) expect(parseConfig(MINIMAL + `csv: { encoding: ${name} }\n`).csv.encoding).toBe('utf-8');
    expect(parseConfig(MINIMAL + 'csv: { encoding: auto }\n').csv.encoding).toBe('auto');
    expect(error(MINIMAL + 'csv: { encoding: utf-16 }\n')).toMatch(/'utf-16' is not supported; use auto, utf-8, windows-1252 or latin-1/);
    expect(parseConfig(MINIMAL + 'as_of: 2025-03-31\n').asOf).toBe('2025-03-31');
    const l = parseConfig(MINIMAL.replace('icd10: [c49.2, C47] }', 'icd10: [C49], label: { en: Soft tissue, sv: Mjukdel } }'));
    expect(l.cohort.siteGroups[0]!.label).toEqual({ nb: 'Soft tissue', sv: 'Mjukdel', en: 'Soft tissue' });
  });

  it('names the key, the line and the fix', () => {
    expect(error(MINIMAL + 'as_of: 2025-02-30\n')).toBe("registry.yaml:6: 'as_of': expected a date as YYYY-MM-DD, got '2025-02-30'");
    expect(error(MINIMAL + 'csv: { date_format: "%d/%m" }\n')).toMatch(/'csv.date_format': '%d\/%m' must contain a four-digit year/);
    // %y would read 05.01.24 as a year nobody checked.
    expect(error(MINIMAL + 'csv: { date_format: "%d.%m.%y" }\n')).toMatch(/must contain a four-digit year \(%Y\)/);
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

  it('icd10 entries are normalised like codes; a wildcard or a range is an error with a did-you-mean', () => {
    const c = parseConfig(MINIMAL.replace('icd10: [c49.2, C47]', 'icd10: [" c49.2 ", C47, c47, C49.2]'));
    expect(c.cohort.siteGroups[0]!.icd10).toEqual(['C492', 'C47']);
    expect(error(MINIMAL.replace('icd10: [c49.2, C47]', 'icd10: [C47, C49.*]'))).toBe(
      "registry.yaml:4: 'cohort.site_groups.0.icd10.1': 'C49.*' is not an ICD-10 prefix: entries are matched as the start of the code, without wildcards or ranges\n  did you mean C49? (C49 matches C49, C49.2, C492 …)",
    );
    expect(error(MINIMAL.replace('icd10: [c49.2, C47]', 'icd10: [C4%]'))).toMatch(/did you mean C4\?/);
    expect(error(MINIMAL.replace('icd10: [c49.2, C47]', 'icd10: [C40-C41]'))).toMatch(/did you mean \[C40, C41\]\?/);
    expect(error(MINIMAL.replace('icd10: [c49.2, C47]', 'icd10: [C4 9]'))).toMatch(/'C4 9' is not an ICD-10 prefix/);
    expect(error(MINIMAL.replace('icd10: [c49.2, C47]', 'icd10: [C49?]'))).toMatch(/did you mean C49\?/);
  });

  it('lists are sets: an entry listed twice counts once', () => {
    const yaml = MINIMAL.replace('coverage: {}', 'coverage: { form_types: [registration, registration] }') +
      'centralisation: { treatment_types: [surgery, surgery] }\n' +
      'pathway:\n  roles:\n    start: [S, S]\n    treatment: { T: surgery }\n  intervals:\n    - { id: I, from: start, to: treatment, treatments: [surgery, surgery], norm_days: 8 }\n';
    const c = parseConfig(yaml);
    expect(c.coverage.formTypes).toEqual(['registration']);
    expect(c.centralisation.treatmentTypes).toEqual(['surgery']);
    expect(c.pathway!.roles.start).toEqual(['S']);
    expect(c.pathway!.intervals[0]!.treatments).toEqual(['surgery']);
  });

  it('registry.yaml must be UTF-8 (a byte-order mark is fine)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regreport-cfg-'));
    const file = join(dir, 'registry.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MINIMAL.replace('name: R', 'name: Bløtvev – sarkom'))]));
    expect((await loadConfig(file)).name).toBe('Bløtvev – sarkom');
    // saved as "ANSI": ø is the single byte 0xF8 on line 2
    writeFileSync(file, Buffer.concat([Buffer.from('# profile\nname: Bl'), Buffer.from([0xf8]), Buffer.from('tvev\n' + MINIMAL.replace('name: R\n', ''))]));
    await expect(loadConfig(file)).rejects.toThrow(InputError);
    const msg = await loadConfig(file).catch((e: InputError) => e.format());
    expect(msg).toBe(`${file}:2: registry.yaml is not UTF-8 text\n  save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8); a byte-order mark is fine`);
  });

  it("the docs' example registry.yaml is the Norwegian sample's profile (csv aside), so copying it gives the same numbers", async () => {
    const docs = readFileSync('docs/data-contract.md', 'utf8');
    const block = /## registry\.yaml\n\n```yaml\n([\s\S]*?)```/.exec(docs)![1]!;
    const example = parseConfig(block);
    const sample = await loadConfig('sample-data/no-sarcoma/registry.yaml');
    expect({ ...example, csv: null }).toEqual({ ...sample, csv: null });
    expect(example.csv).toEqual({ delimiter: ',', encoding: 'auto', dateFormat: '%Y-%m-%d' });
    expect(example.pathway!.intervals.map((i) => i.id)).toEqual(['OF1', 'OF2', 'OF3', 'OF4']);
  });
});
