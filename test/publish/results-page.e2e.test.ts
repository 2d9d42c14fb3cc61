// The publishing package of the Norwegian sample: results.html in real headless Chromium (offline,
// no console errors, numbers equal metrics-published.csv, filters, sorting, CSV), the figures (the
// national report's charts, SVG identical to the report's, PNG at 300 dpi) and no patient-level data.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { computeMetricResult, resolvePeriod } from '../../src/metrics/metrics.js';
import { figureBase, reportFigures } from '../../src/publish/figures.js';
import { resultsHtml, type PageData } from '../../src/publish/page.js';
import { pngInfo } from '../../src/publish/png.js';
import { reportContext } from '../../src/report/context.js';
import { buildModel } from '../../src/report/model.js';
import type { Language } from '../../src/config/types.js';
import { LOCALES, NumberFormat } from '../../src/print/i18n.js';
import { findChromium } from '../../src/print/pdf.js';
import { cli, tempDir } from '../helpers.js';
import { RESULTS_PAGE_COLOURS } from '../../src/report/charts-palette.js';

const PATIENT_LEVEL = /\b(K\d{11}|K9\d{8}|P\d{8}|P9\d+|NO-\d{8})\b/;
let out = '';
let browser: Browser;
let page: Page;
const blocked: string[] = [];
const errors: string[] = [];

/** metrics-published.csv as key → row (fields by column name). */
function publishedCsv(): Map<string, Record<string, string>> {
  const [head, ...lines] = readFileSync(join(out, 'metrics-published.csv'), 'utf8').slice(1).trimEnd().split('\n');
  const cols = head!.split(',');
  const rows = new Map<string, Record<string, string>>();
  for (const l of lines) {
    const f = l.split(','); // the sample's published table has no quoted fields
    const r = Object.fromEntries(cols.map((c, i) => [c, f[i] ?? '']));
    rows.set([r.metric, r.form_type, r.site_group, r.interval, r.year, r.level, r.group].join('|'), r);
  }
  return rows;
}

interface ShownRow { key: string; cls: string; cells: Record<string, { text: string; value: string | null }> }

/** The rows the page's tables show for one indicator, with each cell's text and raw value. */
async function shown(indicator: string, on: Page = page): Promise<ShownRow[]> {
  return on.$$eval(`section[data-indicator="${indicator}"] table`, (tables) => {
    const t = tables[0]!;
    const keys = [...t.querySelectorAll('th')].map((th) => th.getAttribute('data-key') ?? '');
    return [...t.querySelectorAll('tbody tr')].map((tr) => ({
      key: tr.getAttribute('data-key') ?? '',
      cls: tr.getAttribute('class') ?? '',
      cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [keys[i]!, { text: td.textContent ?? '', value: td.getAttribute('data-value') }])),
    }));
  });
}

async function choose(selector: string, value: string): Promise<void> {
  await page.select(selector, value);
  await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
}

beforeAll(async () => {
  out = join(tempDir(), 'publish');
  const r = await cli('publish', '--data', 'sample-data/no-sarcoma', '--out', out);
  if (r.code !== 0) throw new Error(r.err);
  browser = await puppeteer.launch({ executablePath: findChromium(), headless: 'shell', args: ['--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] });
  page = await browser.newPage();
  const own = pathToFileURL(join(out, 'results.html')).href;
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url() === own) void req.continue();
    else {
      blocked.push(req.url());
      void req.abort('blockedbyclient');
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${(e as Error).message}`));
  await page.goto(own, { waitUntil: 'load' });
  await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('results.html in headless Chromium', () => {
  it('opens from disk with no request but itself and no console error; every indicator has a chart and a table', async () => {
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    const sections = await page.$$eval('section.indicator', (s) => s.map((x) => ({ id: x.getAttribute('data-indicator'), svg: x.querySelectorAll('.chart svg').length, rows: x.querySelectorAll('tbody tr').length })));
    expect(sections.map((s) => s.id)).toEqual([
      'coverage:registration', 'coverage:treatment', 'centralisation:ALL', 'centralisation:bone', 'centralisation:soft_tissue', 'centralisation:retroperitoneal',
      'pathway_time:OF1', 'pathway_time:OF2', 'pathway_time:OF3', 'pathway_time:OF4',
    ]);
    for (const s of sections) {
      expect(s.svg, s.id!).toBe(1);
      expect(s.rows, s.id!).toBeGreaterThan(1);
    }
  });

  it('its numbers equal metrics-published.csv: the embedded data and every table cell', async () => {
    const csv = publishedCsv();
    const data = await page.$eval('#data', (e) => JSON.parse(e.textContent ?? '') as { indicators: { rows: Record<string, unknown>[] }[] });
    const embedded = data.indicators.flatMap((i) => i.rows);
    expect(embedded).toHaveLength(csv.size);
    const text = (v: unknown) => (v === null ? '' : JSON.stringify(v));
    for (const r of embedded) {
      const c = csv.get(r.key as string)!;
      expect(c, r.key as string).toBeDefined();
      for (const col of ['numerator', 'denominator', 'value', 'ci_low', 'ci_high', 'target', 'median_days', 'withheld']) expect(text(r[col]), `${r.key as string} ${col}`).toBe(c[col]);
      if (r.withheld) expect([r.numerator, r.denominator, r.value, r.ci_low, r.ci_high, r.median_days]).toEqual([null, null, null, null, null, null]);
    }
    let cells = 0;
    let withheld = 0;
    for (const ind of ['coverage:registration', 'centralisation:ALL', 'pathway_time:OF4']) {
      for (const row of await shown(ind)) {
        const c = csv.get(row.key)!;
        for (const col of ['numerator', 'denominator', 'value', 'target', 'median_days']) {
          const cell = row.cells[col];
          if (!cell) continue;
          expect(cell.value ?? '', `${row.key} ${col}`).toBe(c[col]);
          if (cell.value !== null) cells++;
        }
        if (c.withheld === 'true') {
          withheld++;
          expect(row.cells.note!.text).toMatch(/^(n < 5|skjult)$/);
          expect(row.cells.value!.text + row.cells.numerator!.text + row.cells.ci_low!.text).toBe('');
        }
      }
    }
    expect(cells).toBeGreaterThan(100);
    expect(withheld).toBeGreaterThan(0);
    // Numbers in the reader's format.
    const nat = (await shown('coverage:registration')).find((r) => r.key === 'coverage|registration|||2024|national|ALL')!;
    expect(nat.cells.value!.text.replace('\u00a0', ' ')).toBe(`${(Number(nat.cells.value!.value) * 100).toFixed(1).replace('.', ',')} %`);
  });

  it('the filters change what is shown: region, my hospital highlighted, three years, year', async () => {
    const ind = 'coverage:registration';
    const all = await shown(ind);
    await choose('#f-region', 'HV');
    const hv = await shown(ind);
    expect(hv.length).toBeLessThan(all.length);
    expect(hv.filter((r) => r.cls.includes('unit')).map((r) => r.cells.region!.text).every((t) => t === 'Helse Vest')).toBe(true);
    expect(hv.filter((r) => r.cls.includes('national'))).toHaveLength(1);
    // My hospital in another region: its row and its region's row are added, and it is highlighted.
    await choose('#f-unit', 'UNN');
    const mine = await shown(ind);
    expect(mine.filter((r) => r.cls.includes('mine')).map((r) => r.key)).toEqual(['coverage|registration|||2024|unit|UNN']);
    expect(mine.some((r) => r.key === 'coverage|registration|||2024|region|HN')).toBe(true);
    expect(mine.length).toBe(hv.length + 2);
    const bars = await page.$$eval(`section[data-indicator="${ind}"] .chart svg g.mark-rect path[fill="${RESULTS_PAGE_COLOURS.mine}"]`, (p) => p.length);
    expect(bars).toBe(1);
    await page.click('#f-three');
    await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
    const three = await shown(ind);
    expect([...new Set(three.map((r) => r.cells.year!.text))].sort()).toEqual(['2022', '2023', '2024']);
    await page.click('#f-three');
    await choose('#f-unit', '');
    await choose('#f-region', '');
    await choose('#f-year', '2020');
    expect((await shown(ind)).every((r) => r.cells.year!.text === '2020')).toBe(true);
    await choose('#f-year', '2024');
    expect(errors).toEqual([]);
  });

  it('tables sort by a column, blanks last; CSV of the current view', async () => {
    const ind = 'coverage:treatment';
    await page.click(`section[data-indicator="${ind}"] th[data-key="value"]`);
    await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
    const asc = (await shown(ind)).map((r) => r.cells.value!.value);
    const numbers = asc.filter((v): v is string => v !== null).map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(asc.slice(numbers.length).every((v) => v === null)).toBe(true);
    await page.click(`section[data-indicator="${ind}"] th[data-key="value"]`);
    await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
    const desc = (await shown(ind)).map((r) => r.cells.value!.value).filter((v): v is string => v !== null).map(Number);
    expect(desc).toEqual([...numbers].sort((a, b) => b - a));
    // From the keyboard: Enter on a focused heading sorts by it, and the heading keeps the focus.
    await page.focus(`section[data-indicator="${ind}"] th[data-key="denominator"]`);
    await page.keyboard.press('Enter');
    await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
    expect(await page.$eval(`section[data-indicator="${ind}"] th[data-key="denominator"]`, (th) => [th.getAttribute('aria-sort'), document.activeElement === th])).toEqual(['ascending', true]);
    const dens = (await shown(ind)).map((r) => r.cells.denominator!.value).filter((v): v is string => v !== null).map(Number);
    expect(dens).toEqual([...dens].sort((a, b) => a - b));
    await page.keyboard.press('Enter');
    await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
    await page.click(`section[data-indicator="${ind}"] th[data-key="value"]`);
    await page.click(`section[data-indicator="${ind}"] th[data-key="value"]`);
    await page.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
    const csvText = await page.evaluate((id) => (window as unknown as { regreportResults: { csv(id: string): string } }).regreportResults.csv(id), ind);
    expect(csvText.startsWith('\uFEFFindicator,year,level,group,name,region,numerator,denominator,value,')).toBe(true);
    const lines = csvText.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength((await shown(ind)).length + 1);
    expect(lines[1]!.split(',')[8]).toBe(String(desc[0]));
  });
});

/** Every number cell of a shown row as the report's NumberFormat writes its value. */
function expectReportFormat(rows: ShownRow[], f: NumberFormat): number {
  let n = 0;
  const fmt: Record<string, (v: number) => string> = { numerator: (v) => f.int(v), denominator: (v) => f.int(v), value: (v) => f.pct(v), target: (v) => f.target(v), moderate: (v) => f.target(v), median_days: (v) => f.dec(v) };
  for (const row of rows) {
    for (const [col, cell] of Object.entries(row.cells)) {
      if (!fmt[col] || cell.value === null) continue;
      expect(cell.text, `${row.key} ${col}`).toBe(fmt[col](Number(cell.value)));
      n++;
    }
  }
  return n;
}

describe('numbers of results.html in the page language', () => {
  it('nb: every number equals the report’s formatting (decimal comma, space before %, 80 % targets)', async () => {
    const f = new NumberFormat('nb');
    let n = 0;
    for (const ind of ['coverage:registration', 'centralisation:ALL', 'pathway_time:OF4']) n += expectReportFormat(await shown(ind), f);
    expect(n).toBeGreaterThan(100);
    const nat = (await shown('coverage:registration')).find((r) => r.key === 'coverage|registration|||2024|national|ALL')!;
    expect(nat.cells.target!.text).toBe('80\u00a0%');
  });

  for (const lang of ['en', 'sv'] as const satisfies readonly Language[]) {
    it(`${lang}: the same page data in ${lang}: thousands, decimals and the CI as the report writes them`, async () => {
      const data = await page.$eval('#data', (e) => JSON.parse(e.textContent ?? '') as PageData);
      const f = new NumberFormat(lang);
      // A national row scaled to thousands, so that the separator shows (the sample's counts are small).
      const ind = data.indicators.find((i) => i.id === 'pathway_time:OF4')!;
      const rows = ind.rows.map((r) => (r.level === 'national' && r.year === data.year ? { ...r, numerator: 12345, denominator: 23456, median_days: 1234.5 } : r));
      const html = join(tempDir(), 'results.html');
      writeFileSync(html, resultsHtml({ ...data, lang, locale: LOCALES[lang], d3Locale: f.d3Locale(), indicators: data.indicators.map((i) => (i === ind ? { ...i, rows } : i)) }));
      const other = await browser.newPage();
      try {
        await other.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        await other.evaluate(() => (window as unknown as { regreportResults: { ready(): Promise<unknown> } }).regreportResults.ready());
        const cells = await shown('pathway_time:OF4', other);
        expect(expectReportFormat(cells, f)).toBeGreaterThan(20);
        const nat = cells.find((r) => r.key.endsWith(`|${data.year}|national|ALL`))!;
        expect([nat.cells.numerator!.text, nat.cells.median_days!.text]).toEqual(lang === 'en' ? ['12,345', '1,234.5'] : ['12\u202f345', '1\u202f234,5']);
        const r = rows.find((x) => x.ci_low !== null && x.year === data.year && x.level === 'region')!;
        expect(cells.find((c) => c.key === r.key)!.cells.ci_low!.text).toBe(`${f.pct(r.ci_low!)} – ${f.pct(r.ci_high!)}`);
      } finally {
        await other.close();
      }
    });
  }
});

describe('figures', () => {
  it("every report's charts: same captions and SVG as the report, PNG at 300 dpi, figures.md", async () => {
    const x = await loadExtract(join(process.cwd(), 'sample-data/no-sarcoma'));
    try {
      const result = await computeMetricResult(x, await resolvePeriod(x, {}));
      const ctx = await reportContext(x, result, 'nb');
      const figs = await reportFigures(ctx);
      const scopes = [{ kind: 'national' } as const, ...[...ctx.regions.keys()].map((code) => ({ kind: 'region', code }) as const)];
      expect(scopes).toHaveLength(5);
      for (const scope of scopes) {
        const model = await buildModel(ctx, scope);
        const inReport = model.sections.flatMap((sec) => sec.blocks.flatMap((b) => ('figure' in b ? [b.figure] : [])));
        const ours = figs.filter((f) => JSON.stringify(f.scope) === JSON.stringify(scope));
        expect(ours.map((f) => f.caption), JSON.stringify(scope)).toEqual(inReport.map((f) => f.caption));
        expect(ours.map((f) => f.number)).toEqual(inReport.map((_, i) => i + 1));
        for (const [i, fig] of ours.entries()) {
          const svg = readFileSync(join(out, `${figureBase(fig, 'nb')}.svg`), 'utf8');
          expect(svg, fig.caption).toBe(inReport[i]!.svg);
          expect(fig.alt, fig.caption).toBe(inReport[i]!.alt);
          const width = Number(/<svg[^>]*\bwidth="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
          const png = pngInfo(new Uint8Array(readFileSync(join(out, `${figureBase(fig, 'nb')}.png`))));
          expect(png.dpi).toBe(300);
          expect(Math.abs(png.width - (width * 300) / 96)).toBeLessThan(1);
        }
      }
      expect(readdirSync(out).filter((f) => f.startsWith('figure-nb-') && f.endsWith('.png'))).toHaveLength(figs.length);
      expect(figureBase(figs.find((f) => f.scope.kind === 'region')!, 'nb')).toMatch(/^figure-nb-region-HMN-01-coverage$/);
    } finally {
      x.db.close();
    }
    const md = readFileSync(join(out, 'figures-nb.md'), 'utf8');
    expect(md).toContain('## Nasjonal rapport\n\n### Figur 1: Dekningsgrad over tid, nasjonalt');
    expect(md).toContain('## Regional rapport: Helse Vest');
    // The alt text is the one the report wrote from the chart's values (its SVG's <desc>).
    expect(md).toMatch(/Alternativ tekst: Linjediagram over dekningsgrad over tid, nasjonalt, 2015–2024: Registrering fra \d+,\d\u00a0% \(2015\) til \d+,\d\u00a0% \(2024\);/);
  });

  it('no case, patient or pathway id in any file of the package', async () => {
    const { Db } = await import('../../src/db.js');
    const db = await Db.open();
    try {
      const files = readdirSync(out);
      expect(files).not.toContain('internal');
      for (const f of files.filter((n) => !n.endsWith('.png') && !n.endsWith('.xlsx'))) {
        const content = f.endsWith('.parquet') ? JSON.stringify(await db.all('SELECT * FROM read_parquet($p)', { p: join(out, f) })) : readFileSync(join(out, f), 'utf8');
        expect(PATIENT_LEVEL.exec(content)?.[0], f).toBeUndefined();
      }
    } finally {
      db.close();
    }
  });
});
