// HTML files → PDF with Debian's headless Chromium: one browser for the batch, a few pages at a time,
// offline (every request but the report file itself is refused), A4 with running header and page footer.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { InputError } from '../errors.js';
import { sourceDateEpoch, stampPdfDates } from './clock.js';

const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string {
  const env = process.env.REGREPORT_CHROMIUM;
  if (env) {
    if (!existsSync(env)) throw new InputError(`REGREPORT_CHROMIUM points to ${env}, which does not exist`);
    return env;
  }
  const found = CANDIDATES.find((c) => existsSync(c));
  if (!found) {
    throw new InputError('no headless Chromium found for printing PDFs', {
      hint: 'install it with: apt-get install chromium-headless-shell fonts-dejavu-core (or run make report, which does), or set REGREPORT_CHROMIUM',
    });
  }
  return found;
}

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
  return puppeteer.launch({ executablePath, headless: shell ? 'shell' : true, args, pipe: true });
}

async function printOne(browser: Browser, job: PdfJob): Promise<void> {
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
    const font = "font-family:'DejaVu Sans',sans-serif;font-size:7pt;color:#666;";
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${font}width:100%;margin:0 16mm;display:flex;justify-content:space-between;"><span>${esc(job.headerLeft)}</span><span>${esc(job.headerRight)}</span></div>`,
      footerTemplate: `<div style="${font}width:100%;margin:0 16mm;text-align:right;">${esc(job.pageOf[0])} <span class="pageNumber"></span> ${esc(job.pageOf[1])} <span class="totalPages"></span></div>`,
      outline: true,
      tagged: true,
    });
    const epoch = sourceDateEpoch();
    await writeFile(job.pdfPath, epoch ? stampPdfDates(pdf, epoch) : pdf);
  } finally {
    await page.close();
  }
}

/** Prints every job with one browser and at most `concurrency` pages at once; `printed` hears of each PDF written. */
export async function printPdfs(jobs: readonly PdfJob[], concurrency = 2, printed?: (job: PdfJob) => void): Promise<void> {
  if (jobs.length === 0) return;
  const browser = await launch();
  try {
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        await printOne(browser, job);
        printed?.(job);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  } finally {
    await browser.close();
  }
}
