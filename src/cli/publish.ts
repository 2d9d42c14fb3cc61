// regreport publish: the publishing package (results page, spreadsheet, imongr upload file, figures)
// from the published metric table, into one folder that may be handed on as it is.
import { EXIT, InputError } from '../errors.js';
import { LANGUAGES, type Language } from '../config/types.js';
import { computeMetricResult } from '../metrics/metrics.js';
import { inStep } from '../progress.js';
import { periodOf, withExtract } from './extract.js';
import { checkPeriodOptions, extractOptions, outDir, periodOptions, str, type Command } from './options.js';
import { loadReport } from './run-io.js';

function languagesOf(value: string | undefined, fallback: Language): Language[] {
  if (value === undefined) return [fallback];
  const list = value.split(',').map((l) => l.trim()).filter(Boolean);
  const bad = list.find((l) => !LANGUAGES.includes(l as Language));
  if (bad !== undefined || list.length === 0) throw new InputError(`--lang must be one or more of ${LANGUAGES.join(', ')} separated by commas, got '${value}'`);
  return [...new Set(list as Language[])];
}

export const publishCommand: Command = {
  summary: 'write the publishing package: results page, results.xlsx, imongr.csv, figures as SVG and PNG',
  usage: '--data DIR --out DIR [--year Y] [--as-of D] [--lang nb|sv|en[,…]]',
  options: {
    ...extractOptions,
    out: { type: 'string', arg: 'DIR', help: 'folder for the package (every file in it may be published)', required: true },
    ...periodOptions,
    lang: { type: 'string', arg: 'nb,sv,en', help: "languages, comma-separated; the first is that of results.html and results.xlsx (default: registry.yaml's)" },
  },
  details:
    'Writes, from the published metric table only (withheld rows without numbers): metrics-published.csv/.parquet,\n' +
    'imongr.csv (the upload file for SKDE\'s results service), results.xlsx (one sheet per indicator), results.html\n' +
    '(an interactive results page that works offline) and every chart of the national and regional reports as\n' +
    'figure-<lang>-<report>-NN-*.svg and .png (300 dpi) with figures-<lang>.md (captions and alt texts).\n' +
    'No in-house file is written here. Needs no browser.',
  async run(values, io) {
    checkPeriodOptions(values);
    const { publish } = await import('../publish/publish.js');
    return withExtract(values, async (x, inputs) => {
      io.summary.hashed(inputs);
      const languages = languagesOf(str(values, 'lang'), x.config.language);
      const period = await periodOf(x, values, io.out, loadReport(io, io.out));
      const result = await inStep(io.progress, 'metrics', 'metrics', () => computeMetricResult(x, period));
      const out = outDir(values);
      const r = await publish(x, result, { out, languages, progress: io.progress });
      io.summary.wrote(out, r.written);
      io.summary.set({ figures: r.figures, imongr_rows: r.imongrRows, languages });
      io.out.write(`${r.figures} figure(s), ${r.imongrRows} imongr row(s) → ${out}\n  ${r.written.join('\n  ')}\n`);
      return EXIT.ok;
    }, io.progress);
  },
};
