// HTML files → PDF with Debian's headless Chromium: one browser for the batch, a few pages at a time,
// offline (every request but the report file itself is refused), A4 with running header and page footer.
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { InputError } from '../errors.js';
import { sourceDateEpoch, stampPdfDates } from './clock.js';
import { compactPdf } from './compact.js';
import { findChromium } from './tools.js';

export { checkPrintTools, findChromium } from './tools.js';

export interface PdfJob {
  /** the staged HTML file to print */
  readonly htmlPath: string;
  readonly pdfPath: string;
  readonly headerLeft: string;
  readonly headerRight: string;
  /** e.g. ['Side', 'av'] → "Side 3 av 12" */
  readonly pageOf: readonly [string, string];
}

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

async function launch(): Promise<Browser> {
  const executablePath = findChromium();
  const shell = executablePath.includes('headless-shell');
  const args = [
    '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-quic', '--disable-dev-shm-usage', '--font-render-hinting=none',
  ];
  // Chromium's sandbox refuses to start as root (CI containers); elsewhere it stays on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // pipe: DevTools talks over a pipe pair (fds 3 and 4) instead of a port, so when this process
  // dies, even by SIGKILL, the pipe closes and Chromium exits instead of running on unowned.
  try {
    return await puppeteer.launch({ executablePath, headless: shell ? 'shell' : true, args, pipe: true });
  } catch (e) {
    // A browser that does not start is the machine's problem, not a fault of regreport or the data.
    const reason = String((e as Error).message ?? e).split('\n').find((l) => l.trim() !== '') ?? 'no reason given';
    throw new InputError(`the headless browser ${executablePath} did not start: ${reason}`, {
      hint: 'reinstall it (apt-get install --reinstall chromium-headless-shell), or set REGREPORT_CHROMIUM to a working Chromium',
    });
  }
}

/** A fresh tab showing the job's HTML file, offline: every request but the file itself is refused. */
async function openJob(browser: Browser, job: PdfJob): Promise<Page> {
  const page = await browser.newPage();
  try {
    const own = pathToFileURL(job.htmlPath).href;
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.url() === own) void req.continue();
      else void req.abort('blockedbyclient');
    });
    await page.goto(own, { waitUntil: 'load' });
    return page;
  } catch (e) {
    await page.close();
    throw e;
  }
}

const PAGE_SETUP = { format: 'A4', printBackground: true, preferCSSPageSize: true } as const;

async function printOne(browser: Browser, job: PdfJob, compact: boolean): Promise<Buffer> {
  const page = await openJob(browser, job);
  try {
    const font = "font-family:'DejaVu Sans',sans-serif;font-size:7pt;color:#666;";
    const pdf = Buffer.from(await page.pdf({
      ...PAGE_SETUP,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${font}width:100%;margin:0 16mm;display:flex;justify-content:space-between;"><span>${esc(job.headerLeft)}</span><span>${esc(job.headerRight)}</span></div>`,
      footerTemplate: `<div style="${font}width:100%;margin:0 16mm;text-align:right;">${esc(job.pageOf[0])} <span class="pageNumber"></span> ${esc(job.pageOf[1])} <span class="totalPages"></span></div>`,
      outline: true,
      tagged: true,
    }));
    const epoch = sourceDateEpoch();
    const stamped = epoch ? stampPdfDates(pdf, epoch) : pdf;
    const bytes = Buffer.from(stamped.buffer, stamped.byteOffset, stamped.byteLength);
    await writeFile(job.pdfPath, bytes);
    if (compact) await compactPdf(job.pdfPath);
    // Chromium's own bytes: their objects are plain text, which is where toc.ts reads the destinations.
    return bytes;
  } finally {
    await page.close();
  }
}

/**
 * The job laid out and printed as printOne does, without the tags, the outline and the running header
 * and footer (which live in the page margins and move nothing): the same pages and link destinations
 * in about half the time (national sample report: 0.27 s against 0.55 s). Nothing is written.
 */
async function measureOne(browser: Browser, job: PdfJob): Promise<Buffer> {
  const page = await openJob(browser, job);
  try {
    return Buffer.from(await page.pdf({ ...PAGE_SETUP, outline: false, tagged: false }));
  } finally {
    await page.close();
  }
}

/**
 * One headless browser for a batch: started early (it can start while the extract loads), then asked
 * to print job by job. Each print opens a fresh tab, so one report's state never reaches another, and
 * the tagged PDF's element ids start afresh: a reused tab numbers them on from the last document, which
 * would make the bytes depend on which tab printed which report.
 */
export interface Printer {
  /** prints the job to its pdfPath (compacted) and returns the PDF's bytes as Chromium wrote them */
  print(job: PdfJob): Promise<Buffer>;
  /** a quick print of the job for its page breaks only (no tags, outline, header or footer); writes nothing */
  measure(job: PdfJob): Promise<Buffer>;
  close(): Promise<void>;
}

/** `compact: false` leaves Chromium's PDF as it is (the benchmark's print floor measures Chromium alone). */
export async function startPrinter(opts: { compact?: boolean } = {}): Promise<Printer> {
  const browser = await launch();
  return {
    print: (job) => printOne(browser, job, opts.compact ?? true),
    measure: (job) => measureOne(browser, job),
    close: () => browser.close(),
  };
}

/** Runs `work` over `items` with at most `concurrency` at once, in order of the list. */
export async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Two pages at a time: Chromium lays out one while it writes the other's PDF, on a 2-core machine. */
export const PRINT_CONCURRENCY = 2;

/** Prints every job with one browser and at most PRINT_CONCURRENCY pages at once; `printed` hears of each PDF written. */
export async function printPdfs(jobs: readonly PdfJob[], opts: { compact?: boolean; printed?: (job: PdfJob) => void } = {}): Promise<void> {
  if (jobs.length === 0) return;
  const printer = await startPrinter(opts);
  try {
    await eachConcurrently(jobs, PRINT_CONCURRENCY, async (job) => {
      await printer.print(job);
      opts.printed?.(job);
    });
  } finally {
    await printer.close();
  }
}
