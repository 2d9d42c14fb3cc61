// Fatal input: exit code 2, one message naming the file (and line), how to fix it, nothing written.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BASE_YAML, CASES_HEADER, cli, fixture, tempDir } from '../helpers.js';

async function fatal(dir: string) {
  const out = join(tempDir(), 'out');
  const r = await cli('validate', '--data', dir, '--out', out);
  expect(r.code).toBe(2);
  expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  expect(existsSync(out)).toBe(false); // nothing written
  return r.err;
}

describe('fatal input', () => {
  it('folder missing', async () => {
    expect(await fatal('/nonexistent/extract')).toMatch(/extract folder not found: \/nonexistent\/extract/);
  });

  it('required file missing', async () => {
    const dir = fixture({});
    rmSync(join(dir, 'forms.csv'));
    expect(await fatal(dir)).toMatch(/forms\.csv: required file forms\.csv is missing\n.*forms\.csv\.gz or forms\.parquet/);
  });

  it('two files for one table', async () => {
    const dir = fixture({});
    writeFileSync(join(dir, 'cases.csv.gz'), gzipSync(CASES_HEADER + '\n'));
    expect(await fatal(dir)).toMatch(/two files for the table 'cases': cases\.csv and cases\.csv\.gz/);
  });

  it('required column missing, naming what the header has', async () => {
    const dir = fixture({ cases: ['case_id,patient_id,icd10,residence_region,reporting_unit'] });
    expect(await fatal(dir)).toMatch(/cases\.csv:1: required column 'diagnosis_date' is missing\n\s+the header has: case_id, patient_id/);
  });

  it('a file that cannot be parsed: line and reason', async () => {
    const dir = fixture({ cases: [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', 'B,PB,2024-03-01,C49.2,,F,50,R1,L1,,extra'] });
    expect(await fatal(dir)).toMatch(/cases\.csv:3: cannot parse the file: the row has 11 fields, the header has 10\n.*as many delimiter-separated fields as the header/);
  });

  it('an unterminated quote', async () => {
    const dir = fixture({ cases: [CASES_HEADER, 'A,"PA,2024-03-01,C49.2,,F,50,R1,L1,'] });
    expect(await fatal(dir)).toMatch(/cases\.csv:2: cannot parse the file: .*unterminated quote/);
  });

  it('windows-1252 text under encoding: utf-8 says which setting to change', async () => {
    const dir = fixture({ yaml: BASE_YAML + 'csv: { encoding: utf-8 }\n' });
    writeFileSync(join(dir, 'cases.csv'), Buffer.from(CASES_HEADER + '\nA,PA,2024-03-01,C49.2,,F,50,R1,Sørlandet,\n', 'latin1'));
    expect(await fatal(dir)).toMatch(/cases\.csv:2: cannot parse the file: the text is not valid UTF-8 \(encoding 'utf-8' in registry\.yaml\)\n.*encoding: auto.*windows-1252/);
  });

  it('a non-UTF-8 byte where DuckDB does not look (the header) under encoding: utf-8', async () => {
    const dir = fixture({ yaml: BASE_YAML + 'csv: { encoding: utf-8 }\n' });
    writeFileSync(join(dir, 'cases.csv'), Buffer.from(CASES_HEADER + ',n\xf8te\nA,PA,2024-03-01,C49.2,,F,50,R1,L1,,x\n', 'latin1'));
    expect(await fatal(dir)).toMatch(/cases\.csv: the text is not valid UTF-8 \(encoding 'utf-8' in registry\.yaml\)\n.*encoding: auto/);
  });

  it('a truncated gzip file', async () => {
    const dir = fixture({});
    const rows = [CASES_HEADER, ...Array.from({ length: 5000 }, (_, i) => `C${i},P${i},2024-03-01,C49.2,,F,50,R1,L1,`)];
    const gz = gzipSync(rows.join('\n'));
    writeFileSync(join(dir, 'cases.csv.gz'), gz.subarray(0, gz.length - 200));
    rmSync(join(dir, 'cases.csv'));
    expect(await fatal(dir)).toMatch(/cases\.csv\.gz: the gzip file is truncated or damaged/);
  });

  it('an empty file', async () => {
    const dir = fixture({});
    writeFileSync(join(dir, 'forms.csv'), '');
    expect(await fatal(dir)).toMatch(/forms\.csv:1: the file is empty/);
  });

  it('registry.yaml: unknown key with a suggestion and its line', async () => {
    const dir = fixture({ yaml: BASE_YAML.replace('coverage:', 'coverge:') });
    expect(await fatal(dir)).toMatch(/registry\.yaml:9: unknown key 'coverge' at top level; did you mean 'coverage'\?/);
  });

  it('registry.yaml: nested unknown key, wrong value, missing key, broken YAML', async () => {
    expect(await fatal(fixture({ yaml: BASE_YAML + 'publication: { min_cel: 5 }\n' }))).toMatch(/unknown key 'min_cel' under 'publication'; did you mean 'min_cell'\?/);
    expect(await fatal(fixture({ yaml: BASE_YAML.replace('language: en', 'language: no') }))).toMatch(/registry\.yaml:2: 'language': 'no' is not one of nb, sv, en; did you mean 'nb'\?/);
    expect(await fatal(fixture({ yaml: BASE_YAML.replace('name: Testregister\n', '') }))).toMatch(/required key 'name' is missing/);
    expect(await fatal(fixture({ yaml: BASE_YAML + 'coverage2: [\n' }))).toMatch(/registry\.yaml:\d+: .*not valid YAML/);
    expect(await fatal(fixture({ yaml: BASE_YAML.replace('form_types: [registration, treatment]', 'form_types: [registration, treatment]\n  target_current_year: 80') }))).toMatch(/'coverage\.target_current_year': expected a share between 0 and 1/);
  });

  it('registry.yaml missing', async () => {
    const dir = fixture({});
    rmSync(join(dir, 'registry.yaml'));
    expect(await fatal(dir)).toMatch(/registry\.yaml: registry\.yaml is missing/);
  });

  it('usage errors exit 2 too', async () => {
    const r = await cli('validate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--data is required/);
    const u = await cli('validate', '--data', 'x', '--bogus');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/Unknown option '--bogus'/);
    expect((await cli('nosuch')).code).toBe(2);
    mkdirSync(tempDir(), { recursive: true });
  });
});
