// Test fixtures: small extract folders written from row lists, and a CLI runner that captures output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';

export const BASE_YAML = `name: Testregister
language: en
report_year: 2024
as_of: 2025-03-31
cohort:
  site_groups:
    - { id: bone, icd10: [C40, C41] }
    - { id: soft_tissue, icd10: [C47, C49] }
coverage:
  form_types: [registration, treatment]
`;

export const PATHWAY_YAML = `pathway:
  roles:
    start: [S]
    first_attendance: [FA]
    transfer: [TR]
    decision: [D]
    end: [X]
    treatment: { TK: surgery, TM: systemic, TS: radiotherapy, TL: palliative }
  intervals:
    - { id: I1, from: start, to: first_attendance, norm_days: 8 }
    - { id: I2, from: first_attendance, to: decision, norm_days: 21 }
    - { id: I3, from: decision, to: treatment, treatments: [surgery, systemic], norm_days: 14 }
    - { id: I4, from: start, to: treatment, norm_days: 43 }
`;

export const UNITS_HEADER = 'unit_code,unit_name,region_code,region_name,centre_for';
export const CASES_HEADER = 'case_id,patient_id,diagnosis_date,icd10,morphology,sex,age,residence_region,reporting_unit,death_date';
export const FORMS_HEADER = 'form_id,case_id,form_type,unit_code,registered_date,treatment_type,treatment_date,treatment_unit';
export const EVENTS_HEADER = 'pathway_id,patient_id,code,event_date,unit_code';

export const UNITS = [
  UNITS_HEADER,
  'C1,Centre One,R1,Region One,bone|soft_tissue',
  'C2,Centre Two,R2,Region Two,soft_tissue',
  'L1,Local One,R1,Region One,',
  'L2,Local Two,R2,Region Two,',
];

export function tempDir(prefix = 'regreport-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface FixtureTables {
  yaml?: string;
  units?: string[];
  cases?: string[];
  forms?: string[];
  pathway_events?: string[] | null;
}

/** Writes an extract folder; each table is a list of CSV lines (header first). */
export function fixture(t: FixtureTables): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'registry.yaml'), t.yaml ?? BASE_YAML);
  writeFileSync(join(dir, 'units.csv'), (t.units ?? UNITS).join('\n') + '\n');
  writeFileSync(join(dir, 'cases.csv'), (t.cases ?? [CASES_HEADER]).join('\n') + '\n');
  writeFileSync(join(dir, 'forms.csv'), (t.forms ?? [FORMS_HEADER]).join('\n') + '\n');
  if (t.pathway_events) writeFileSync(join(dir, 'pathway_events.csv'), t.pathway_events.join('\n') + '\n');
  return dir;
}

/** windows-1252 bytes of a text: ASCII and Latin-1 letters as themselves, – and ’ as 0x96 and 0x92. */
export function windows1252(text: string): Buffer {
  const bytes = [...text].map((ch) => {
    if (ch === '–') return 0x96;
    if (ch === '’') return 0x92;
    const code = ch.charCodeAt(0);
    if (code > 0xff || (code >= 0x80 && code <= 0x9f)) throw new Error(`no windows-1252 byte for ${ch} in this helper`);
    return code;
  });
  return Buffer.from(bytes);
}

class Sink {
  text = '';
  write(chunk: string | Uint8Array): boolean {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }
}

/**
 * stderr without the progress log (one '[  1.2 s] step: …' line per step when stderr is not a
 * terminal, as in these in-process runs), for tests about what else is printed there.
 */
export function withoutProgress(err: string): string {
  return err.replace(/^\[ *\d+(\.\d)? s\] .*\n|^\[ *\d+ min \d\d s\] .*\n/gm, '');
}

/** Runs the CLI in-process; returns exit code and what it printed. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Sink();
  const err = new Sink();
  const code = await main(argv, { out: out as unknown as NodeJS.WritableStream, err: err as unknown as NodeJS.WritableStream });
  return { code, out: out.text, err: err.text };
}

/**
 * A printed PDF's objects as plain text: regreport's PDFs keep their objects in compressed object
 * streams (src/print/compact.ts), so qpdf writes them out uncompressed first.
 */
export function pdfObjects(pdf: string): string {
  const plain = join(tempDir('regreport-pdf-'), 'plain.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, plain]);
  return readFileSync(plain).toString('latin1');
}

/** The /Alt strings of a PDF's structure tree (Chromium writes them as literal or UTF-16BE hex strings). */
export function pdfAlts(pdf: string): string[] {
  return [...pdfObjects(pdf).matchAll(/\/Alt\s*(?:\(([^)]*)\)|<FEFF([0-9A-F]*)>)/gi)].map((m) => m[1] ?? Buffer.from(m[2]!, 'hex').swap16().toString('utf16le'));
}
