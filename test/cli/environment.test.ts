// Errors of the environment are the user's (exit 2, what to do); what every command prints.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_HEADER, FORMS_HEADER, cli, fixture, tempDir } from '../helpers.js';

const cases = [CASES_HEADER, 'A,PA,2024-03-01,C49.2,,F,50,R1,L1,', 'B,PB,2024-04-01,C40,,M,60,R2,L2,', 'C,PC,2024-04-01,C40,,X,60,R2,L2,'];
const forms = [FORMS_HEADER, 'f1,A,registration,L1,2024-04-01,,,', 'f2,B,registration,L2,2024-05-01,,,', 'f3,B,registration,ZZ,2024-05-01,,,'];

describe('environment errors', () => {
  it('an input file that cannot be read', async () => {
    const dir = fixture({ cases, forms });
    rmSync(join(dir, 'cases.csv'));
    mkdirSync(join(dir, 'cases.csv')); // a folder where a file should be: unreadable as a file
    const r = await cli('validate', '--data', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cases\.csv: cases\.csv is a folder, not a file\n\s+put the exported table there as a regular file/);
  });

  it('a missing qpdf stops build before the extract is read', async () => {
    const out = join(tempDir(), 'no-qpdf');
    const old = process.env.REGREPORT_QPDF;
    process.env.REGREPORT_QPDF = '/nonexistent/qpdf';
    try {
      const r = await cli('build', '--data', fixture({ cases, forms }), '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toContain('REGREPORT_QPDF points to /nonexistent/qpdf, which does not exist');
      expect(r.err).not.toContain('rows read');
    } finally {
      if (old === undefined) delete process.env.REGREPORT_QPDF;
      else process.env.REGREPORT_QPDF = old;
    }
    expect(existsSync(out)).toBe(false);
  });

  it('an --out that cannot be written', async () => {
    // A file where the in-house folder must go: found only when the results are moved into place.
    const out = tempDir();
    writeFileSync(join(out, 'internal'), 'x');
    const r = await cli('metrics', '--data', fixture({ cases, forms }), '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot write to ${out} (a file of that name is in the way)`);
    expect(r.err).toContain('if a file there is open in Excel or another program, close it and run again');
    expect(r.err).not.toMatch(/internal error/);
  });

  it('a folder given as --baseline names the file to give', async () => {
    const base = tempDir();
    const r = await cli('check', '--data', fixture({ cases, forms }), '--baseline', base);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--baseline is a folder: ${base}\n  give the in-house metrics.json: --baseline ${join(base, 'internal', 'metrics.json')}`);
  });
});

describe('what the commands print', () => {
  it('validate: the files with their encoding, the accounting, the first row of each rule; data-quality.csv has the id', async () => {
    const out = join(tempDir(), 'dq');
    const r = await cli('validate', '--data', fixture({ cases, forms }), '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Testregister: units\.csv \(utf-8, plain ASCII\), cases\.csv \(utf-8, plain ASCII\), forms\.csv \(utf-8, plain ASCII\)\nrows read, used and rejected\n/);
    expect(r.out).toMatch(/^cases +3 +2 +0 +1 +bad_value 1$/m);
    expect(r.out).toContain("first row per rule:\n  bad_value         cases.csv:4  C  sex = 'X'\n  unknown_unit      forms.csv:4  f3  unit_code = 'ZZ'\n");
    expect(readFileSync(join(out, 'internal/data-quality.csv'), 'utf8')).toBe('table,line,id,column,value,rule\ncases,4,C,sex,X,bad_value\nforms,4,f3,unit_code,ZZ,unknown_unit\n');
  });

  it('check prints the accounting on stderr, keeping stdout for the comparison', async () => {
    const dir = fixture({ cases, forms });
    const base = join(tempDir(), 'base');
    expect((await cli('metrics', '--data', dir, '--out', base)).code).toBe(0);
    const r = await cli('check', '--data', dir, '--baseline', join(base, 'internal/metrics.json'), '--format', 'junit');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^<\?xml/);
    expect(r.err).toMatch(/rows read, used and rejected\n/);
  });

  it('worklist prints the accounting too', async () => {
    const r = await cli('worklist', '--data', fixture({ cases, forms }), '--out', join(tempDir(), 'wl'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Testregister: units\.csv \(utf-8, plain ASCII\).*\nrows read, used and rejected\n(.*\n)*forms +3 +2 +1 +unknown_unit 1\n/);
  });
});
