// End to end, the charts of the printed national report: every figure's alt text reaches the HTML
// (<desc>, aria-label) and the tagged PDF (/Alt), and the funnel plots' unit codes are explained.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfAlts, tempDir } from '../helpers.js';

let html = '';
let pdf = '';
let pdfText = '';

beforeAll(async () => {
  const out = join(tempDir(), 'out');
  const r = await cli('build', '--data', 'sample-data/no-sarcoma', '--out', out, '--scope', 'national');
  if (r.code !== 0) throw new Error(r.err);
  html = readFileSync(join(out, 'report-2024-national.html'), 'utf8');
  pdf = join(out, 'report-2024-national.pdf');
  pdfText = execFileSync('pdftotext', ['-layout', join(out, 'report-2024-national.pdf'), '-'], { encoding: 'utf8' });
}, 120_000);

const unescape = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');

// The goal-level shapes' text alternatives (tables) are /Alt entries too; the figures' are the rest.
const GOAL_WORDS = new Set(['Høy', 'Moderat', 'Lav', 'ikke vurdert']);

describe('chart alt text in the printed report', () => {
  it('every figure has an alt text from its values, as <desc> and aria-label, and as /Alt in the tagged PDF', () => {
    const svgs = [...html.matchAll(/<svg role="img" aria-label="([^"]*)"[^>]*><title>[^<]*<\/title><desc>([^<]*)<\/desc>/g)];
    expect(svgs.length).toBe((html.match(/<svg /g) ?? []).length);
    expect(svgs.length).toBeGreaterThanOrEqual(20);
    for (const m of svgs) expect(m[1]).toBe(m[2]);
    const alts = svgs.map((m) => unescape(m[2]!));
    expect(alts[0]).toMatch(/^Linjediagram over dekningsgrad over tid, nasjonalt, 2015–2024: Registrering fra \d+,\d\u00a0%/);
    expect(alts.filter((a) => a.startsWith('Traktplott over dekningsgrad, registrering'))).toHaveLength(2);
    expect(alts.some((a) => a.startsWith('Punktdiagram over median dager per enhet'))).toBe(true);
    expect(pdfAlts(pdf).filter((a) => !GOAL_WORDS.has(a))).toEqual(alts);
  });

  it('the funnel plots print unit codes, and a key under them gives each code its unit', () => {
    const key = pdfText.slice(pdfText.indexOf('Enhetene i traktplottet'));
    expect(key).toMatch(/AHUS\s+Akershus universitetssykehus\s+Helse Sør-Øst/);
    expect(key).toMatch(/OUS\s+Oslo universitetssykehus\s+Helse Sør-Øst/);
    // The legend names the national line and the target with their values in Norwegian style.
    expect(pdfText).toMatch(/Nasjonalt \d+,\d\u00a0?\s?%/);
    expect(pdfText).toMatch(/Mål 80\u00a0?\s?%/);
  });
});
