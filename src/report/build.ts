// The annual report batch: extract → metric table → one model per scope → HTML → PDF, all staged and
// renamed into place together, so an interrupted run leaves nothing half-written.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Language } from '../config/types.js';
import type { InputFingerprint } from '../load/inputs.js';
import type { LoadedExtract } from '../load/loader.js';
import { extractWarnings } from '../load/plausibility.js';
import type { MetricResult } from '../metrics/metrics.js';
import { stageInHouseFiles, stagePublishedFiles } from '../metrics/files.js';
import { publishedTable } from '../metrics/published.js';
import { writeAtomically } from '../output.js';
import { codeFileNames } from '../output-names.js';
import { VERSION } from '../paths.js';
import { generationTime } from './clock.js';
import { buildModel, type ReportContext, type Scope, type UnitInfo } from './model.js';
import { printPdfs, type PdfJob } from './pdf.js';
import { renderHtml } from './render.js';

export type ScopeOption = 'national' | 'regions' | 'all';

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * What a report is made from: the published table only (withheld rows have no numbers), and labels.
 * `inputs`: the files' hashes taken while they were loaded (see load/inputs.ts); without them (the
 * figures of `publish`, which print no colophon) the files are hashed now.
 */
export async function reportContext(x: LoadedExtract, result: MetricResult, language: Language, inputs?: readonly InputFingerprint[]): Promise<ReportContext> {
  const table = publishedTable(result.table, result.published);
  const unitRows = await x.db.all<{ unit_code: string; unit_name: string; region_code: string; region_name: string; centre_for: string | null }>(
    'SELECT unit_code, unit_name, region_code, region_name, centre_for FROM clean_units ORDER BY line',
  );
  const units = new Map<string, UnitInfo>();
  const regions = new Map<string, string>();
  for (const u of unitRows) {
    units.set(u.unit_code, { code: u.unit_code, name: u.unit_name, region: u.region_code, centreFor: (u.centre_for ?? '').split('|').map((c) => c.trim()).filter(Boolean) });
    if (!regions.has(u.region_code)) regions.set(u.region_code, u.region_name);
  }
  const sortedRegions = new Map([...regions.entries()].sort((a, b) => a[1].localeCompare(b[1], language)));
  const dq = await x.db.all<{ table: string; rule: string; n: string }>('SELECT "table", rule, count(*) AS n FROM dq GROUP BY ALL ORDER BY min(table_ord), rule');
  const hashes = new Map((inputs ?? []).map((f) => [f.path, f.sha256]));
  const files = [];
  for (const f of [{ path: x.configFile, name: 'registry.yaml', rows: 0 }, ...x.files.map((s) => ({ path: s.path, name: s.name, rows: x.accounting[s.table]?.read ?? 0 }))]) {
    const hash = inputs ? hashes.get(f.path) : await sha256(f.path);
    if (hash === undefined) throw new Error(`no hash was taken of ${f.path}`);
    files.push({ name: f.name, rows: f.rows, sha256: hash });
  }
  const period = { year: table.year, asOf: table.as_of, firstYear: table.year - x.config.coverage.trendYears + 1 };
  return {
    table, config: x.config, language, units, regions: sortedRegions, accounting: x.accounting,
    dqCounts: dq.map((d) => ({ table: d.table, rule: d.rule, n: Number(d.n) })),
    warnings: await extractWarnings(x, period),
    files, generated: generationTime(), version: VERSION,
  };
}


export interface BuildResult {
  readonly written: readonly string[];
  readonly reports: number;
}

export async function buildReports(x: LoadedExtract, result: MetricResult, opts: { out: string; language: Language; scope: ScopeOption; inputs: readonly InputFingerprint[] }): Promise<BuildResult> {
  const ctx = await reportContext(x, result, opts.language, opts.inputs);
  const { table } = ctx;
  const scopes: Scope[] = [];
  if (opts.scope !== 'regions') scopes.push({ kind: 'national' });
  if (opts.scope !== 'national') for (const code of ctx.regions.keys()) scopes.push({ kind: 'region', code });
  const regionNames = codeFileNames(ctx.regions.keys());
  let reports = 0;
  const written = await writeAtomically(opts.out, async (stage) => {
    const jobs: PdfJob[] = [];
    for (const scope of scopes) {
      const model = await buildModel(ctx, scope);
      const name = `report-${table.year}-${scope.kind === 'national' ? 'national' : `region-${regionNames.get(scope.code)!}`}`;
      await stage.write(`${name}.html`, renderHtml(model));
      jobs.push({
        htmlPath: stage.path(`${name}.html`),
        pdfPath: stage.path(`${name}.pdf`),
        headerLeft: model.registry,
        headerRight: `${model.s.annualReport} ${table.year}${model.regionName ? ` – ${model.regionName}` : ''}`,
        pageOf: model.s.pageOf as [string, string],
      });
      reports++;
    }
    await printPdfs(jobs);
    await stagePublishedFiles(x.db, stage, result.published);
    await stageInHouseFiles(x.db, stage, result.table);
  }, { manifest: true });
  return { written: written.map((w) => basename(w)), reports };
}
