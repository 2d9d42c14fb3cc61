// End to end, the report as a reader navigates it: the PDF's bookmarks (read back with mutool) in nb, sv and
// en, the HTML twin on a screen in headless Chromium (420 and 1280 px wide, offline), a regional table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricTable } from '../../src/metrics/metrics.js';
import { findChromium } from '../../src/print/pdf.js';
import { cli, tempDir } from '../helpers.js';

const built: Record<string, string> = {};
let browser: Browser | undefined;

beforeAll(async () => {
  for (const [name, args] of [
    ['nb', ['--data', 'sample-data/no-sarcoma', '--scope', 'all']],
    ['sv', ['--data', 'sample-data/se-sarcoma', '--scope', 'national']],
    ['en', ['--data', 'sample-data/no-sarcoma', '--lang', 'en', '--scope', 'national']],
  ] as const) {
    const out = join(tempDir(), name);
    const r = await cli('build', ...args, '--out', out);
    if (r.code !== 0) throw new Error(r.err);
    built[name] = out;
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

interface Bookmark {
  readonly depth: number;
  readonly title: string;
}

/** `mutool show FILE outline`: one line per bookmark, indented by tabs, the title in quotes. */
function outline(pdf: string): Bookmark[] {
  return execFileSync('mutool', ['show', pdf, 'outline'], { encoding: 'utf8' }).split('\n').filter(Boolean).map((l) => {
    const m = /^([|+-])(\t+)"(.*)"\t/.exec(l);
    if (!m) throw new Error(`unexpected outline line: ${l}`);
    return { depth: m[2]!.length, title: m[3]! };
  });
}

/** The text of every h1 and h2 of the HTML twin, as written. */
function headings(html: string): string[] {
  const decode = (t: string) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
  return [...html.matchAll(/<h[12][^>]*>([^<]*)<\/h[12]>/g)].map((m) => decode(m[1]!));
}

describe('PDF bookmarks', () => {
  for (const lang of ['nb', 'sv', 'en']) {
    it(`${lang}: each bookmark reads as its heading, spaces kept where the heading wraps, none repeats its parent`, () => {
      const pdf = join(built[lang]!, 'report-2024-national.pdf');
      const marks = outline(pdf);
      const titles = headings(readFileSync(join(built[lang]!, 'report-2024-national.html'), 'utf8'));
      expect(marks.length).toBeGreaterThan(6);
      // The cover's title is the registry's name, which wraps on the cover.
      expect(marks[0]!.title).toBe(lang === 'sv' ? 'Nationellt kvalitetsregister för sarkom' : 'Kvalitetsregister for sarkom');
      for (const m of marks) expect(titles, m.title).toContain(m.title);
      for (const [i, m] of marks.entries()) {
        const parent = marks.slice(0, i).reverse().find((p) => p.depth < m.depth);
        if (parent) expect(m.title, `${parent.title} › ${m.title}`).not.toBe(parent.title);
      }
    });
  }
});

describe('the HTML twin on a screen', () => {
  for (const width of [420, 1280]) {
    it(`${width} px wide: no sideways scrolling of the page, wide tables scroll in their box, no request`, async () => {
      browser ??= await puppeteer.launch({ executablePath: findChromium(), headless: 'shell', args: ['--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] });
      const page = await browser.newPage();
      try {
        const own = pathToFileURL(join(built.nb!, 'report-2024-national.html')).href;
        const requests: string[] = [];
        await page.setRequestInterception(true);
        page.on('request', (req) => {
          if (req.url() === own) void req.continue();
          else {
            requests.push(req.url());
            void req.abort('blockedbyclient');
          }
        });
        await page.setViewport({ width, height: 900 });
        await page.goto(own, { waitUntil: 'load' });
        const m = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          view: document.documentElement.clientWidth,
          bodyMargin: parseFloat(getComputedStyle(document.body).paddingLeft) + document.body.getBoundingClientRect().left,
          // Every table box inside the page, and whether any table is wider than its box.
          boxes: [...document.querySelectorAll('.table-scroll')].map((b) => ({ right: b.getBoundingClientRect().right, scroll: b.scrollWidth, client: b.clientWidth, overflow: getComputedStyle(b).overflowX })),
        }));
        expect(requests).toEqual([]);
        expect(m.page).toBeLessThanOrEqual(m.view);
        expect(m.bodyMargin).toBeGreaterThanOrEqual(16);
        expect(m.boxes.length).toBeGreaterThan(10);
        for (const b of m.boxes) {
          expect(b.right).toBeLessThanOrEqual(m.view);
          expect(b.overflow).toBe('auto');
        }
        // At 420 px the unit tables are wider than the screen: they scroll inside their box.
        if (width === 420) expect(m.boxes.some((b) => b.scroll > b.client)).toBe(true);
        else expect(m.view - (m.bodyMargin * 2)).toBeLessThan(800); // a readable measure, not the full 1280 px
      } finally {
        await page.close();
      }
    });
  }
});

describe('a regional report', () => {
  it('the coverage trend table sets each year of the region beside the nation', () => {
    const metrics = (JSON.parse(readFileSync(join(built.nb!, 'internal/metrics.json'), 'utf8')) as MetricTable).metrics;
    const t = execFileSync('pdftotext', ['-layout', join(built.nb!, 'report-2024-region-HV.pdf'), '-'], { encoding: 'utf8' });
    const lines = t.split('\n');
    const head = lines.findIndex((l) => /^\s*År\s+Registrering\s/.test(l));
    expect(lines[head]).toMatch(/År\s+Registrering\s+Pasienter\s+Registrering, nasjonalt\s+Behandling\s+Pasienter\s+Behandling, nasjonalt\s+Mål/);
    const pct = (v: number) => `${(v * 100).toFixed(1).replace('.', ',')} %`;
    const cov = (ft: string, level: string) => metrics.find((m) => m.metric === 'coverage' && m.form_type === ft && m.year === 2023 && m.level === level && (level === 'national' || m.group === 'HV'))!;
    const [reg, regNat, tre, treNat] = [cov('registration', 'region'), cov('registration', 'national'), cov('treatment', 'region'), cov('treatment', 'national')];
    const line = lines.slice(head).find((l) => /^\s*2023\s/.test(l))!;
    expect(line).toMatch(new RegExp(`^\\s*2023\\s+${pct(reg.value)}\\s+${reg.numerator}\\s*/\\s*${reg.denominator}\\s+${pct(regNat.value)}\\s+${pct(tre.value)}\\s+${tre.numerator}\\s*/\\s*${tre.denominator}\\s+${pct(treNat.value)}\\s+95 %\\s*$`));
  });
});
