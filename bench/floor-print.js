// The print floor: what regreport's own printing needs to turn finished report HTML into PDF, with the
// same browser and settings, and nothing else. `build` is measured against it.
//
//   node bench/floor-print.js HTML_DIR OUT_DIR
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { printPdfs } from '../dist/print/pdf.js';

const [htmlDir, outDir] = process.argv.slice(2);
if (!htmlDir || !outDir) {
  process.stderr.write('usage: node bench/floor-print.js HTML_DIR OUT_DIR\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const jobs = readdirSync(htmlDir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => ({ htmlPath: join(htmlDir, f), pdfPath: join(outDir, f.replace(/\.html$/, '.pdf')), headerLeft: '', headerRight: '', pageOf: ['Page', 'of'] }));
// Chromium's PDFs as they come: compacting them (qpdf) is work of regreport's, measured against this floor.
await printPdfs(jobs, { compact: false });
