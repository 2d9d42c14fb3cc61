// Seeded fuzzing of a small extract: random byte, field and line mutations of one file always end in
// exit 0 with balanced row accounting, or exit 2 with one message (and its hint) — never another exit
// code, a stack trace or a hang.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE_YAML, CASES_HEADER, EVENTS_HEADER, FORMS_HEADER, PATHWAY_YAML, UNITS, cli, fixture, withoutProgress } from '../helpers.js';

const TABLES = {
  units: UNITS,
  cases: [
    CASES_HEADER,
    'K1,P1,2024-02-01,C49.2,8890/3,F,50,R1,L1,',
    'K2,P2,2024-03-01,c49,,M,007,R2,L2,2024-12-24',
    'K3,P3,2023-05-01,C40.1,,F,70,R1,C1,',
    '"K4",P4,"2024-06-01",C47,,,,R2,C2,',
    'K5,P5,2024-07-01,C50.1,,F,40,R1,L1,',
  ],
  forms: [
    FORMS_HEADER,
    'F1,K1,registration,L1,2024-03-01,,,',
    'F2,K1,treatment,C1,2024-04-01,surgery,2024-03-20,C1',
    'F3,K2,registration,L2,2024-04-01,,,',
    'F4,K3,followup,C1,2024-06-01,,,',
    'F5,K4,treatment,C2,2024-08-01,"systemic",2024-07-15,C2',
  ],
  pathway_events: [
    EVENTS_HEADER,
    'W1,P1,S,2024-01-10,L1',
    'W1,P1,FA,2024-01-15,C1',
    'W1,P1,D,2024-01-30,C1',
    'W1,P1,TK,2024-02-10,C1',
    'W2,P2,S,2024-02-01,L2',
    'W2,P2,FA,2024-02-20,C2',
  ],
};
const YAML = BASE_YAML + PATHWAY_YAML;
const FILES = ['units.csv', 'cases.csv', 'forms.csv', 'pathway_events.csv', 'registry.yaml'] as const;

/** Values that have broken CSV readers and validators before. */
const NASTY = ['', ' ', '"', '""', 'a"b', ',', ';', '\t', '\n', '\r', '\r\n', '\0', '😀', 'Ã¸', '2024-02-30', '31.12.2024', '-1', '121', '9'.repeat(30), 'x'.repeat(5000), 'NULL', '\\', "'; DROP TABLE x; --", '\uFEFF', '\x85'];

type Mutation =
  | { kind: 'byte'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'field'; line: number; field: number; value: string }
  | { kind: 'line'; line: number; op: 'duplicate' | 'drop' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('field' as const), line: fc.nat(), field: fc.nat(), value: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('line' as const), line: fc.nat(), op: fc.constantFrom('duplicate' as const, 'drop' as const) }),
);

function apply(text: Buffer, m: Mutation, delimiter: string): Buffer {
  const at = (n: number) => (text.length ? n % (text.length + 1) : 0);
  switch (m.kind) {
    case 'byte':
      if (!text.length) return text;
      return Buffer.from(text.map((b, i) => (i === m.at % text.length ? m.byte : b)));
    case 'insert':
      return Buffer.concat([text.subarray(0, at(m.at)), m.bytes, text.subarray(at(m.at))]);
    case 'delete':
      return Buffer.concat([text.subarray(0, at(m.at)), text.subarray(at(m.at) + m.length)]);
    case 'truncate':
      return text.subarray(0, at(m.at));
    case 'field': {
      const lines = text.toString('utf8').split('\n');
      const i = m.line % lines.length;
      const fields = lines[i]!.split(delimiter);
      fields[m.field % fields.length] = m.value;
      lines[i] = fields.join(delimiter);
      return Buffer.from(lines.join('\n'), 'utf8');
    }
    case 'line': {
      const lines = text.toString('utf8').split('\n');
      const i = m.line % lines.length;
      if (m.op === 'drop') lines.splice(i, 1);
      else lines.splice(i, 0, lines[i]!);
      return Buffer.from(lines.join('\n'), 'utf8');
    }
  }
}

/** read = used + out of scope + rejected on every line of the printed accounting. */
function balanced(out: string): boolean {
  const rows = out.split('\n').filter((l) => /^(units|cases|forms|pathway_events)\s+\d/.test(l));
  return rows.length >= 3 && rows.every((l) => {
    const n = l.split(/\s+/).slice(1).filter((x) => /^\d+$/.test(x)).map(Number);
    const [read, used, ...rest] = n;
    const other = l.startsWith('cases') ? rest[0]! + rest[1]! : rest[0]!;
    return read === used! + other;
  });
}

const HANG_MS = 20_000;

describe('fuzzed extracts', () => {
  it('end in exit 0 with balanced accounting, or exit 2 with a message', async () => {
    const base = fixture({ ...TABLES, yaml: YAML });
    const originals = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(base, f))]));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (file, mutations) => {
        const dir = fixture({ ...TABLES, yaml: YAML });
        let text: Buffer = originals[file]!;
        for (const m of mutations) text = apply(text, m, file === 'registry.yaml' ? ':' : ',');
        writeFileSync(join(dir, file), text);
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS / 1000} s`)), HANG_MS);
        });
        const r = await Promise.race([cli('validate', '--data', dir), hang]).finally(() => clearTimeout(timer));
        const what = `${file} after ${JSON.stringify(mutations)}: exit ${r.code}\n${r.err}`;
        expect([0, 2], what).toContain(r.code);
        expect(r.err, what).not.toMatch(/\n\s+at |internal error/);
        if (r.code === 0) expect(balanced(r.out), `${what}\n${r.out}`).toBe(true);
        else {
          expect(withoutProgress(r.err), what).toMatch(/^regreport validate: \S/);
          expect(withoutProgress(r.err).trimEnd().split('\n').length, what).toBeLessThanOrEqual(2);
        }
      }),
      { seed: 1414, numRuns: 80, endOnFailure: true },
    );
  }, 120_000);
});
