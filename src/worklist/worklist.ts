// Coverage follow-up: the cases each unit still has to register, as CSV and .xlsx lists (patient-level, kept
// private: 0600 files in a 0700 folder) and a one-page PDF cover sheet per unit with what reaching
// the targets would take. Never part of a published report.
import { basename } from 'node:path';
import type { Language } from '../config/types.js';
import type { LoadedExtract } from '../load/loader.js';
import type { MetricRow, MetricTable, Period } from '../metrics/metrics.js';
import { toCsv, writeAtomically } from '../output.js';
import { codeFileNames } from '../output-names.js';
import { fill, NumberFormat, STRINGS } from '../print/i18n.js';
import type { Cell } from '../print/table.js';
import { printPdfs, type PdfJob } from '../print/pdf.js';
import { renderPage } from '../print/render.js';
import { generationTime } from '../print/clock.js';
import { SILENT, type Progress } from '../progress.js';
import { worklistXlsx } from './xlsx.js';

export const WORKLIST_COLUMNS = ['unit_code', 'unit_name', 'case_id', 'patient_id', 'diagnosis_date', 'diagnosis_year', 'site_group', 'missing'] as const;

export interface WorklistRow {
  readonly unit_code: string;
  readonly unit_name: string;
  readonly case_id: string;
  readonly patient_id: string;
  readonly diagnosis_date: string;
  readonly diagnosis_year: number;
  readonly site_group: string;
  readonly missing: string;
  readonly region_code: string;
}

export interface WorklistSelection {
  readonly unit?: string | undefined;
  readonly region?: string | undefined;
}

const BOM = '\uFEFF';

export async function worklistRows(x: LoadedExtract, period: Period, sel: WorklistSelection): Promise<WorklistRow[]> {
  return x.db.file<WorklistRow>('worklist', { year: period.year, as_of: period.asOf, unit: sel.unit ?? '', region: sel.region ?? '' });
}

/** The smallest number of further registrations that lifts numerator/denominator to the target. */
export function registrationsToTarget(numerator: number, denominator: number, target: number): number {
  let k = Math.max(0, Math.ceil(target * denominator) - numerator);
  while (k > 0 && (numerator + k - 1) / denominator >= target) k--;
  while ((numerator + k) / denominator < target && numerator + k < denominator) k++;
  return k;
}


export interface WorklistResult {
  readonly files: readonly string[];
  readonly rows: number;
  readonly units: number;
}

export async function writeWorklists(
  x: LoadedExtract,
  table: MetricTable,
  period: Period,
  opts: { out: string; language: Language; selection: WorklistSelection; progress?: Progress },
): Promise<WorklistResult> {
  const progress = opts.progress ?? SILENT;
  const rows = await worklistRows(x, period, opts.selection);
  const units = await x.db.all<{ unit_code: string; unit_name: string; region_code: string }>('SELECT unit_code, unit_name, region_code FROM clean_units ORDER BY unit_code');
  const years = [period.year, period.year - 1];
  const coverageRows = table.metrics.filter((r) => r.metric === 'coverage' && r.level === 'unit' && years.includes(r.year));
  const selected = units.filter(
    (u) =>
      (!opts.selection.unit || u.unit_code === opts.selection.unit) &&
      (!opts.selection.region || u.region_code === opts.selection.region) &&
      coverageRows.some((r) => r.group === u.unit_code),
  );
  const s = STRINGS[opts.language];
  const f = new NumberFormat(opts.language);
  const created = new Date(generationTime());
  const csv = (list: readonly WorklistRow[]) => BOM + toCsv(WORKLIST_COLUMNS, list.map((r) => WORKLIST_COLUMNS.map((c) => r[c])));

  const unitNames = codeFileNames(selected.map((u) => u.unit_code));
  const files = await writeAtomically(
    opts.out,
    async (stage) => {
      await stage.write('worklist.csv', csv(rows));
      const jobs: PdfJob[] = [];
      for (const u of selected) {
        const name = `worklist-${unitNames.get(u.unit_code)!}`;
        const unitRows = rows.filter((r) => r.unit_code === u.unit_code);
        await stage.write(`${name}.csv`, csv(unitRows));
        await stage.write(`${name}.xlsx`, await worklistXlsx(u.unit_code, unitRows, created));
        const cells: Cell[][] = [];
        const actions: string[] = [];
        for (const y of years) {
          for (const ft of x.config.coverage.formTypes) {
            const r: MetricRow | undefined = coverageRows.find((m) => m.group === u.unit_code && m.year === y && m.form_type === ft);
            if (!r) continue;
            const label = s.forms[ft] ?? ft;
            cells.push([
              { text: String(y) },
              { text: label },
              { text: f.int(r.denominator), cls: 'num' },
              { text: f.int(r.numerator), cls: 'num' },
              { text: f.int(r.denominator - r.numerator), cls: 'num' },
              { text: f.pct(r.value), cls: 'num' },
              { text: r.target === null ? '' : f.target(r.target), cls: 'num' },
            ]);
            if (r.target !== null) {
              const k = registrationsToTarget(r.numerator, r.denominator, r.target);
              actions.push(k > 0 ? fill(s.wlAction, { n: k, year: y, form: label, target: f.target(r.target) }) : fill(s.wlReached, { form: label.charAt(0).toUpperCase() + label.slice(1), year: y, target: f.target(r.target) }));
            }
          }
        }
        const html = renderPage('worklist-cover', {
          lang: opts.language,
          s,
          registry: table.registry,
          title: fill(s.wlTitle, { unit: u.unit_name }),
          intro: fill(s.wlIntro, { years: `${period.year - 1}–${period.year}`, asof: f.date(period.asOf), file: `${name}.csv` }),
          table: { caption: '', head: [s.year, s.formType, s.patients, s.wlRegistered, s.wlMissing, s.coverage, s.target], rows: cells },
          actions,
          confidential: fill(s.wlConfidential, { file: `${name}.csv` }),
        });
        await stage.write(`${name}.html`, html);
        jobs.push({ htmlPath: stage.path(`${name}.html`), pdfPath: stage.path(`${name}.pdf`), headerLeft: table.registry, headerRight: u.unit_name, pageOf: s.pageOf as [string, string] });
      }
      const printing = progress.begin('reports', 'print cover sheets', { total: jobs.length, unit: 'cover sheets' });
      await printPdfs(jobs, { printed: (job) => printing.advance(basename(job.pdfPath)) });
      printing.end();
      for (const j of jobs) await stage.remove(j.htmlPath);
    },
    { dirMode: 0o700, fileMode: 0o600 },
  );
  return { files, rows: rows.length, units: selected.length };
}
