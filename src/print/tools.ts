// The programs printing needs, found without loading the browser driver: a command checks them
// before the extract loads (a missing one stops the run at once), and Puppeteer loads meanwhile.
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';

interface Program {
  /** the environment variable that names another path */
  readonly env: string;
  readonly candidates: readonly string[];
  readonly missing: string;
  readonly install: string;
}

const CHROMIUM: Program = {
  env: 'REGREPORT_CHROMIUM',
  candidates: ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'],
  missing: 'no headless Chromium found for printing PDFs',
  install: 'apt-get install chromium-headless-shell fonts-dejavu-core',
};

const QPDF: Program = {
  env: 'REGREPORT_QPDF',
  candidates: ['/usr/bin/qpdf', '/usr/local/bin/qpdf'],
  missing: 'qpdf, which makes the printed PDFs compact, is not installed',
  install: 'apt-get install qpdf',
};

/** The path of the program: the environment variable's when set (it must exist), else the first candidate found. */
function find(p: Program): string {
  const env = process.env[p.env];
  if (env) {
    if (!existsSync(env)) throw new InputError(`${p.env} points to ${env}, which does not exist`);
    return env;
  }
  const found = p.candidates.find((c) => existsSync(c));
  if (!found) throw new InputError(p.missing, { hint: `install it with: ${p.install} (or run make report, which does), or set ${p.env}` });
  return found;
}

export const findChromium = (): string => find(CHROMIUM);
export const findQpdf = (): string => find(QPDF);

/** Both programs printing needs, checked before the extract loads so a missing one stops the run early. */
export function checkPrintTools(): void {
  findChromium();
  findQpdf();
}
