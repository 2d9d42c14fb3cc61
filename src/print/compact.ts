// Chromium's PDF → the same PDF, smaller: qpdf packs the thousands of small objects a tagged PDF has
// (one per structure element) into compressed object streams. Lossless: pages, text, tags, outline and
// links are the same objects; a 14-page report goes from about 690 KB to about 330 KB.
import { execFile } from 'node:child_process';
import { onAbort } from '../exit-cleanup.js';
import { findQpdf } from './tools.js';

/** Rewrites the PDF file in place with object streams; the file ID comes from the content, so builds repeat byte for byte. */
export async function compactPdf(path: string): Promise<void> {
  const qpdf = findQpdf();
  await new Promise<void>((resolve, reject) => {
    // A run stopped by a signal stops qpdf first, so that it writes no file into a staging folder
    // that is being removed (exit-cleanup.ts runs the cleanups last registered first).
    let unregister = () => {};
    const child = execFile(qpdf, ['--object-streams=generate', '--deterministic-id', '--replace-input', path], (error, _stdout, stderr) => {
      unregister();
      // Exit status 3: done, with warnings about the input (qpdf repairs what it can): the file is written.
      if (!error || error.code === 3) resolve();
      else reject(new Error(`qpdf could not rewrite ${path}: ${stderr.trim() || error.message}`));
    });
    unregister = onAbort(() => child.kill('SIGKILL'));
  });
}
