// Every bad input of issue 14's list: exit 2, one message naming the file or option and what to do,
// no stack trace, no SQL, and nothing written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_YAML, CASES_HEADER, FORMS_HEADER, UNITS, cli, fixture, tempDir, withoutProgress } from '../helpers.js';

const GOLDEN = 'test/golden/se-sarcoma/metrics.json';

/** A baseline metrics.json with one edit. */
function baseline(edit: (t: Record<string, unknown>) => void): string {
  const t = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
  edit(t);
  const p = join(tempDir(), 'baseline.json');
  writeFileSync(p, JSON.stringify(t, null, 2));
  return p;
}

const aliasBomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

/** Replaces forms.csv of a fresh fixture with something that is not a regular file. */
function formsAs(make: (p: string, dir: string) => void): string {
  const dir = fixture({});
  rmSync(join(dir, 'forms.csv'));
  make(join(dir, 'forms.csv'), dir);
  return dir;
}

interface Case {
  readonly name: string;
  /** the arguments; OUT stands for a fresh output folder that must stay absent or empty */
  readonly args: () => string[];
  readonly message: RegExp;
}

const data = (yaml: string) => fixture({ yaml });
const withFile = (name: string) => {
  const p = join(tempDir(), name);
  writeFileSync(p, 'x');
  return p;
};

const CASES: Case[] = [
  { name: 'YAML alias bomb', args: () => ['validate', '--data', data(`${BASE_YAML}${aliasBomb}\n`)], message: /registry\.yaml: registry\.yaml uses too many aliases/ },
  { name: 'date_format with an unknown specifier', args: () => ['validate', '--data', data(`${BASE_YAML}csv: { date_format: "%d.%m.%Y %q" }\n`)], message: /'csv\.date_format': '%d\.%m\.%Y %q': '%q' is not a date format specifier\n {2}e\.g\./ },
  { name: 'date_format with a trailing %', args: () => ['validate', '--data', data(`${BASE_YAML}csv: { date_format: "%d.%m.%Y%" }\n`)], message: /ends with a lone '%'/ },
  { name: 'delimiter NUL', args: () => ['validate', '--data', data(`${BASE_YAML}csv: { delimiter: "\\0" }\n`)], message: /'csv\.delimiter': "\\u0000" cannot be the delimiter/ },
  { name: 'bad as_of in registry.yaml', args: () => ['validate', '--data', data(BASE_YAML.replace('as_of: 2025-03-31', 'as_of: 2025-02-30'))], message: /'as_of': expected a date as YYYY-MM-DD, got '2025-02-30'/ },
  { name: 'bad --as-of', args: () => ['metrics', '--data', fixture({}), '--as-of', '31.03.2025', '--out', 'OUT'], message: /--as-of must be a real date/ },
  { name: '--out naming a file', args: () => ['metrics', '--data', fixture({}), '--out', withFile('taken')], message: /--out .*taken is a file, not a folder/ },
  { name: '--out below a file', args: () => ['metrics', '--data', fixture({}), '--out', join(withFile('taken'), 'reports')], message: /lies below a file/ },
  { name: '--out too long (ENAMETOOLONG)', args: () => ['metrics', '--data', fixture({}), '--out', join(tempDir(), 'x'.repeat(300))], message: /too long a path/ },
  { name: 'forms.csv a folder', args: () => ['metrics', '--data', formsAs((p) => mkdirSync(p)), '--out', 'OUT'], message: /forms\.csv is a folder, not a file/ },
  { name: 'forms.csv a FIFO', args: () => ['metrics', '--data', formsAs((p) => execFileSync('mkfifo', [p])), '--out', 'OUT'], message: /forms\.csv is a named pipe/ },
  { name: 'forms.csv linked to /dev/zero', args: () => ['metrics', '--data', formsAs((p) => symlinkSync('/dev/zero', p)), '--out', 'OUT'], message: /forms\.csv is a device/ },
  { name: 'forms.csv a dangling link', args: () => ['metrics', '--data', formsAs((p, d) => symlinkSync(join(d, 'gone'), p)), '--out', 'OUT'], message: /forms\.csv is a symbolic link to a file that does not exist/ },
  { name: 'forms.csv a link loop', args: () => ['metrics', '--data', formsAs((p) => symlinkSync(p, p)), '--out', 'OUT'], message: /forms\.csv is a symbolic link that points back to itself/ },
  { name: 'baseline year not a number', args: () => ['check', '--data', 'sample-data/se-sarcoma', '--baseline', baseline((t) => (t.year = 'twenty'))], message: /'year' must be a four-digit year, got "twenty"/ },
  { name: 'baseline with a bad as_of', args: () => ['check', '--data', 'sample-data/se-sarcoma', '--baseline', baseline((t) => (t.as_of = "2025-03-31'; DROP TABLE x; --"))], message: /'as_of' must be a date written YYYY-MM-DD/ },
  { name: 'baseline without tables', args: () => ['check', '--data', 'sample-data/se-sarcoma', '--baseline', baseline((t) => delete t.tables)], message: /'tables' \(the row accounting\) is missing/ },
  { name: 'baseline with junk rows', args: () => ['check', '--data', 'sample-data/se-sarcoma', '--baseline', baseline((t) => (t.metrics = [1, 'x', null]))], message: /metric row 1 must be an object, got 1/ },
  { name: 'baseline with a malformed row', args: () => ['check', '--data', 'sample-data/se-sarcoma', '--baseline', baseline((t) => ((t.metrics as Record<string, unknown>[])[3]!.year = '2024x'))], message: /metric row 4: 'year' must be a whole number, got "2024x"/ },
  { name: 'baseline that is not JSON', args: () => ['check', '--data', 'sample-data/se-sarcoma', '--baseline', withFile('baseline.json')], message: /baseline\.json: not a metrics\.json written by regreport: it is not valid JSON/ },
  { name: 'a header with a line break and an escape sequence', args: () => ['validate', '--data', fixture({ cases: ['"case\n_id\u001b[31m",patient_id'] })], message: /the header has: case\\u000a_id\\u001b\[31m, patient_id/ },
  // --no-cache: the load is what runs out of memory (a cached extract would get as far as the metrics)
  { name: 'out of memory', args: () => ['metrics', '--data', 'sample-data/no-sarcoma', '--memory-limit', '1MB', '--no-cache', '--out', 'OUT'], message: /DuckDB ran out of memory \(--memory-limit 1MB\).*\n {2}raise --memory-limit .*--threads 1.*--temp-dir/ },
  { name: 'baseline linked to /dev/zero', args: () => { const p = join(tempDir(), 'metrics.json'); symlinkSync('/dev/zero', p); return ['check', '--data', 'sample-data/se-sarcoma', '--baseline', p]; }, message: /metrics\.json is a device, not a file/ },
  { name: '--threads 0', args: () => ['metrics', '--data', fixture({}), '--threads', '0', '--out', 'OUT'], message: /--threads must be a whole number/ },
  { name: '--memory-limit without a unit', args: () => ['metrics', '--data', fixture({}), '--memory-limit', '1000', '--out', 'OUT'], message: /--memory-limit must be a size such as 512MB/ },
  { name: '--temp-dir that does not exist', args: () => ['metrics', '--data', fixture({}), '--temp-dir', '/nonexistent/spill', '--out', 'OUT'], message: /--temp-dir \/nonexistent\/spill is not an existing folder/ },
];

describe('bad input: exit 2 with a message, nothing written', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const out = join(tempDir(), 'out');
      const args = c.args().map((a) => (a === 'OUT' ? out : a));
      const r = await cli(...args);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(c.message);
      // Apart from the log of the steps that ended before it, the message stands alone.
      expect(withoutProgress(r.err)).toMatch(new RegExp(`^regreport ${args[0]}: `));
      expect(withoutProgress(r.err).trimEnd().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.err).not.toMatch(/\n\s+at |SELECT|internal error/);
      expect(r.out).toBe('');
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    });
  }
});

describe('inputs that used to fail and are fine', () => {
  it('a tab delimiter can be configured', async () => {
    const tsv = (lines: string[]) => lines.map((l) => l.replaceAll(',', '\t'));
    const dir = fixture({ yaml: `${BASE_YAML}csv: { delimiter: "\\t" }\n`, units: tsv(UNITS), cases: tsv([CASES_HEADER, 'K1,P1,2024-02-01,C49.2,,F,50,R1,L1,']), forms: tsv([FORMS_HEADER]) });
    const r = await cli('validate', '--data', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/cases\s+1\s+1/);
  });

  it('a 300-character unit code gets a worklist of its own', async () => {
    const code = 'U'.repeat(300);
    const dir = fixture({ units: [UNITS[0]!, `${code},Long,R1,Region One,`], cases: [CASES_HEADER, `K1,P1,2024-02-01,C49.2,,F,50,R1,${code},`] });
    const out = join(tempDir(), 'wl');
    const r = await cli('worklist', '--data', dir, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  });

  it('check --format markdown escapes | and <…> in values', async () => {
    const p = baseline((t) => (t.registry = 'Sarkom | Helse <b>Nord</b>'));
    const r = await cli('check', '--data', 'sample-data/se-sarcoma', '--baseline', p, '--format', 'markdown');
    expect(r.code).toBe(1);
    expect(r.out).toContain('| (extract) | registry | Sarkom \\| Helse &lt;b&gt;Nord&lt;/b&gt; |');
  });
});
