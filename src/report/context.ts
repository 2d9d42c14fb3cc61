// What a report is made from: the published metric table (withheld rows have no numbers), the
// registry profile, unit and region labels, the row accounting and the input files' checksums.
import type { Config, Language } from '../config/types.js';
import type { TableName } from '../load/contract.js';
import { hashFile, type InputFingerprint } from '../load/inputs.js';
import type { LoadedExtract, TableAccounting } from '../load/loader.js';
import { extractWarnings, type ExtractWarning } from '../load/plausibility.js';
import type { MetricResult } from '../metrics/metrics.js';
import { publishedTable, type PublishedTable } from '../metrics/published.js';
import { VERSION } from '../paths.js';
import { generationTime } from '../print/clock.js';
import { characteristics, type Characteristics } from './characteristics.js';
import { loadLogo, loadTexts, type RegistryTexts } from './texts.js';

export interface UnitInfo {
  readonly code: string;
  readonly name: string;
  readonly region: string;
  readonly centreFor: readonly string[];
}

export interface InputFileInfo {
  readonly name: string;
  readonly sha256: string;
  readonly rows: number;
}

/** Everything a report is made from. */
export interface ReportContext {
  readonly table: PublishedTable;
  readonly config: Config;
  readonly language: Language;
  readonly units: ReadonlyMap<string, UnitInfo>;
  readonly regions: ReadonlyMap<string, string>;
  readonly accounting: Readonly<Partial<Record<TableName, TableAccounting>>>;
  readonly dqCounts: readonly DqCount[];
  /** Rejected rows per region of the row's unit (cases: reporting unit; forms, pathway events: unit); rows
   *  whose unit is missing or unknown are under the key '' (they cannot be placed in a region). */
  readonly dqByRegion: ReadonlyMap<string, readonly DqCount[]>;
  readonly files: readonly InputFileInfo[];
  /** what the extract looks odd in (docs/data-contract.md, Implausible input): listed, without counts */
  readonly warnings: readonly ExtractWarning[];
  /** the registry's own texts for the report language, rendered (texts.ts) */
  readonly texts: RegistryTexts;
  /** cases of the report year by site group, sex, age band; completeness per unit (null: not computed) */
  readonly characteristics: Characteristics | null;
  /** the registry's logo as a data: URI */
  readonly logo: string | null;
  readonly generated: string;
  readonly version: string;
}

export interface DqCount {
  readonly table: string;
  readonly rule: string;
  readonly n: number;
}

export type Scope = { readonly kind: 'national' } | { readonly kind: 'region'; readonly code: string } | { readonly kind: 'unit'; readonly code: string };


/** The unit column of each table whose rows name a unit. */
const UNIT_COLUMN = { cases: 'reporting_unit', forms: 'unit_code', pathway_events: 'unit_code' } as const;

/** Rejected rows per region, through the unit the raw row names (metrics.md: units belong to one region). */
async function regionDq(x: LoadedExtract): Promise<Map<string, DqCount[]>> {
  const present = new Set(x.files.map((f) => f.table));
  const parts = Object.entries(UNIT_COLUMN).filter(([t]) => present.has(t as TableName)).map(([t, c]) => `SELECT '${t}' AS t, line, ${c} AS unit FROM chk_${t}`);
  const out = new Map<string, DqCount[]>();
  if (!parts.length) return out;
  const rows = await x.db.all<{ table: string; rule: string; region: string | null; n: string }>(
    `SELECT d."table", d.rule, u.region_code AS region, count(*) AS n
     FROM dq d JOIN (${parts.join(' UNION ALL ')}) s ON s.t = d."table" AND s.line = d.line
     LEFT JOIN clean_units u ON u.unit_code = trim(s.unit)
     GROUP BY ALL ORDER BY min(d.table_ord), d.rule`,
  );
  for (const r of rows) {
    const key = r.region ?? '';
    out.set(key, [...(out.get(key) ?? []), { table: r.table, rule: r.rule, n: Number(r.n) }]);
  }
  return out;
}

/** What a report is made from: the published table only (withheld rows have no numbers), and labels. */
/**
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
  const dqByRegion = await regionDq(x);
  const hashes = new Map((inputs ?? []).map((f) => [f.path, f.sha256]));
  const files = [];
  for (const f of [{ path: x.configFile, name: 'registry.yaml', rows: 0 }, ...x.files.map((s) => ({ path: s.path, name: s.name, rows: x.accounting[s.table]?.read ?? 0 }))]) {
    const hash = inputs ? hashes.get(f.path) : (await hashFile(f.path)).sha256;
    if (hash === undefined) throw new Error(`no hash was taken of ${f.path}`);
    files.push({ name: f.name, rows: f.rows, sha256: hash });
  }
  const period = { year: table.year, asOf: table.as_of, firstYear: table.year - x.config.coverage.trendYears + 1 };
  return {
    table, config: x.config, language, units, regions: sortedRegions, accounting: x.accounting,
    dqCounts: dq.map((d) => ({ table: d.table, rule: d.rule, n: Number(d.n) })), dqByRegion,
    files, warnings: await extractWarnings(x, period), characteristics: await characteristics(x.db, x.config, table.year, table.as_of, [...sortedRegions.keys()]),
    texts: await loadTexts(x.configFile, x.config, language), logo: await loadLogo(x.configFile, x.config),
    generated: generationTime(), version: VERSION,
  };
}
