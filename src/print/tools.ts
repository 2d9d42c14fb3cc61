// The programs printing needs, found without loading the browser driver: a command checks them
// before the extract loads (a missing one stops the run at once), and Puppeteer loads meanwhile.
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { findQpdf } from './compact.js';

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

/** Both programs printing needs, checked before the extract loads so a missing one stops the run early. */
export function checkPrintTools(): void {
  findChromium();
  findQpdf();
}
