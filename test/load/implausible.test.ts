// Implausible input stops with exit 2 and nothing written; warnings are printed and reach the report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { extractWarnings, guessDateFormat } from '../../src/load/plausibility.js';
import { resolvePeriod } from '../../src/metrics/metrics.js';
import { reportContext } from '../../src/report/context.js';
import { buildModel } from '../../src/report/model.js';
import { computeMetricResult } from '../../src/metrics/metrics.js';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER, cli, fixture, tempDir, type FixtureTables } from '../helpers.js';

const CASES = [
  CASES_HEADER,
  'A,PA,2024-03-01,C49.2,,F,50,R1,L1,',
  'B,PB,2024-05-01,C40.1,,M,60,R2,L2,',
  'C,PC,2023-06-01,C49.2,,F,70,R1,L1,',
];
const FORMS = [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,,', 'f2,B,registration,L2,2024-06-01,,,', 'f3,C,registration,L1,2023-07-01,,,'];

/** Runs a command that must stop: exit 2, no stack trace, nothing written; returns stderr. */
async function stops(t: FixtureTables, ...args: string[]): Promise<string> {
  const out = join(tempDir(), 'out');
  const r = await cli('metrics', '--data', fixture(t), '--out', out, ...args);
  expect(r.code, r.err).toBe(2);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  return r.err;
}

describe('more than half of a table rejected', () => {
  it('Excel date-times: names rule, column, two values with lines, and the format they seem to have', async () => {
    const yaml = BASE_YAML + 'csv: { date_format: "%d.%m.%Y" }\n';
    const cases = [CASES_HEADER, 'A,PA,01.03.2024,C49.2,,F,50,R1,L1,', 'B,PB,01.05.2024,C40.1,,M,60,R2,L2,'];
    const forms = [FORMS_HEADER, 'f1,A,registration,L1,01.04.2024 00:00,,,', 'f2,B,registration,L2,02.04.2024 00:00,,,', 'f3,A,followup,L1,03.04.2024,,,'];
    const err = await stops({ yaml, cases, forms });
    expect(err).toContain(
      "forms.csv:2: column registered_date: 2 of 3 rows rejected, most for bad_date (line 2 '01.04.2024 00:00', line 3 '02.04.2024 00:00'); they look like %d.%m.%Y %H:%M, the format expected is %d.%m.%Y",
    );
    expect(err).toContain('export the dates without a time of day');
  });

  it('two-digit years: never the year 24, and the message says to export four digits', async () => {
    const yaml = BASE_YAML + 'csv: { date_format: "%d.%m.%Y" }\n';
    const err = await stops({ yaml, cases: [CASES_HEADER, 'A,PA,05.01.24,C49.2,,F,50,R1,L1,', 'B,PB,06.01.24,C49.2,,F,50,R1,L1,', 'C,PC,07.01.2024,C49.2,,F,50,R1,L1,'] });
    expect(err).toContain("cases.csv:2: column diagnosis_date: 2 of 3 rows rejected, most for bad_date (line 2 '05.01.24', line 3 '06.01.24'); they look like %d.%m.%y");
    expect(err).toContain('four-digit years');
  });

  it('dates in the right format that are no real dates say so', async () => {
    const err = await stops({ cases: [CASES_HEADER, 'A,PA,2024-02-30,C49.2,,F,50,R1,L1,', 'B,PB,2024-02-31,C49.2,,F,50,R1,L1,'] });
    expect(err).toContain("2 of 2 rows rejected, most for bad_date (line 2 '2024-02-30', line 3 '2024-02-31'); they look like %Y-%m-%d, the format expected is %Y-%m-%d");
    expect(err).toContain('the format is right, but the dates are not real dates');
  });

  it('exactly half is not more than half: the run goes on', async () => {
    const r = await cli('validate', '--data', fixture({ cases: [...CASES.slice(0, 3), 'D,PD,2024-03-01,C49.2,,Q,50,R1,L1,', 'E,PE,2024-03-01,C49.2,,Q,50,R1,L1,'], forms: FORMS }));
    expect(r.code, r.err).toBe(0);
  });

  it('guesses the formats registry staff meet', () => {
    expect(guessDateFormat('2024-03-01')).toBe('%Y-%m-%d');
    expect(guessDateFormat('01.03.2024')).toBe('%d.%m.%Y');
    expect(guessDateFormat('1.3.2024 13:05:00')).toBe('%d.%m.%Y %H:%M:%S');
    expect(guessDateFormat('2024-03-01T08:00')).toBe('%Y-%m-%dT%H:%M');
    expect(guessDateFormat('12/31/2024')).toBe('%m/%d/%Y');
    expect(guessDateFormat('20240301')).toBe('%Y%m%d');
    expect(guessDateFormat('45352')).toBeNull();
  });
});

describe('four-digit years', () => {
  it("'05.01.24' under %d.%m.%Y and '0024-01-05' under %Y-%m-%d are bad_date", async () => {
    const x = await loadExtract(fixture({ cases: [...CASES, 'D,PD,0024-01-05,C49.2,,F,50,R1,L1,'] }));
    const dq = await x.db.all<{ line: string; rule: string }>('SELECT line, rule FROM dq');
    x.db.close();
    expect(dq).toEqual([{ line: '5', rule: 'bad_date' }]);
    const y = await loadExtract(fixture({ yaml: BASE_YAML + 'csv: { date_format: "%d.%m.%Y" }\n', cases: [CASES_HEADER, 'A,PA,05.01.24,C49.2,,F,50,R1,L1,', 'B,PB,05.01.2024,C49.2,,F,50,R1,L1,'] }));
    const rows = await y.db.all<{ line: string; value: string; rule: string }>('SELECT line, value, rule FROM dq');
    const clean = await y.db.all<{ d: string }>('SELECT diagnosis_date::VARCHAR AS d FROM clean_cases');
    y.db.close();
    expect(rows).toEqual([{ line: '2', value: '05.01.24', rule: 'bad_date' }]);
    expect(clean).toEqual([{ d: '2024-01-05' }]);
  });
});

describe('the report year', () => {
  it('after the cut-off year: exit 2 with the years the extract covers', async () => {
    const err = await stops({ cases: CASES, forms: FORMS }, '--year', '2030');
    expect(err).toContain('report year 2030 lies after the cut-off 2025-03-31');
    expect(err).toContain('the extract has cohort cases diagnosed 2023–2024');
  });

  it('no cohort case at all: the warnings that explain it come before the stop', async () => {
    const out = join(tempDir(), 'out');
    const r = await cli('metrics', '--data', fixture({ yaml: BASE_YAML.replaceAll('C4', 'D4'), cases: CASES, forms: FORMS }), '--out', out);
    expect(r.code).toBe(2);
    expect(r.out).toContain("warning: site group 'bone' (icd10 D40, D41) matches no case\nwarning: site group 'soft_tissue' (icd10 D47, D49) matches no case\n");
    expect(r.err).toContain('report year 2024 has no cohort case diagnosed in it by the cut-off 2025-03-31');
    expect(r.err).toContain('the extract has no cohort case diagnosed by then');
    expect(existsSync(out)).toBe(false);
  });

  it('a year without cohort cases: exit 2', async () => {
    const err = await stops({ cases: CASES, forms: FORMS }, '--year', '2019');
    expect(err).toContain('report year 2019 has no cohort case diagnosed in it by the cut-off 2025-03-31');
    expect(err).toContain('cohort cases diagnosed 2023–2024');
  });
});

describe('registry.yaml icd10 entries', () => {
  it("'C49.*' stops the run with a did-you-mean", async () => {
    const err = await stops({ yaml: BASE_YAML.replace('icd10: [C47, C49]', 'icd10: [C47, C49.*]'), cases: CASES, forms: FORMS });
    expect(err).toMatch(/registry\.yaml:8: 'cohort\.site_groups\.1\.icd10\.1': 'C49\.\*' is not an ICD-10 prefix.*\n\s+did you mean C49\?/);
  });
});

describe('warnings', () => {
  const yaml = BASE_YAML.replace("    - { id: soft_tissue, icd10: [C47, C49] }\n", "    - { id: soft_tissue, icd10: [C47, C49] }\n    - { id: retroperitoneal, icd10: [C48] }\n");
  // L2's only case has no form at all; no case is retroperitoneal.
  const t = { yaml, cases: CASES, forms: [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,,', 'f3,C,registration,L1,2023-07-01,,,'] };

  it('are printed, and the run goes on', async () => {
    const r = await cli('validate', '--data', fixture(t));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('warning: unit L2 reports 1 cohort case(s) diagnosed 2015–2024 and none of them has a form: are its forms missing from the extract?\n');
    expect(r.out).toContain("warning: site group 'retroperitoneal' (icd10 C48) matches no case\n");
  });

  it('are listed in the data-quality section of the report, in its language, without counts', async () => {
    const x = await loadExtract(fixture(t));
    try {
      const period = await resolvePeriod(x, {});
      expect(await extractWarnings(x, period)).toEqual([
        { kind: 'unit_without_forms', unit: 'L2', cases: 1, firstYear: 2015, year: 2024 },
        { kind: 'empty_site_group', siteGroup: 'retroperitoneal', icd10: ['C48'] },
      ]);
      const model = await buildModel(await reportContext(x, await computeMetricResult(x, period), 'en'), { kind: 'national' });
      const lists = model.dataQuality!.blocks.flatMap((b) => ('list' in b ? [b.list] : []));
      expect(lists).toEqual([
        {
          caption: 'Warnings about the extract',
          items: ['Local Two is the reporting unit of cases diagnosed 2015–2024, but none of them has a form.', 'The site group retroperitoneal (C48) matches no case.'],
        },
      ]);
    } finally {
      x.db.close();
    }
  });

  it('a pathway_events file without a pathway section is not read, and a warning says so', async () => {
    const r = await cli('validate', '--data', fixture({ cases: CASES, forms: FORMS, pathway_events: ['pathway_id,patient_id,code,event_date,unit_code', 'p1,PA,S,2024-01-01,L1'] }));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('warning: pathway_events.csv is not read: registry.yaml has no pathway section (add one to report pathway times)\n');
    expect(r.out).not.toMatch(/^pathway_events /m);
  });
});
