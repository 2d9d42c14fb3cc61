// Loaded extract (+ period) → a stop when the numbers would be unpublishable (data-contract.md,
// "Implausible input"), and the warnings the run prints and the report's data-quality appendix lists.
import { InputError } from '../errors.js';
import type { Period } from '../metrics/metrics.js';
import { TABLES } from './contract.js';
import { derived } from '../derived.js';
import type { LoadedExtract } from './loader.js';

/** What a warning is about; worded per language by whoever shows it. */
export type ExtractWarning =
  | { readonly kind: 'pathway_not_read'; readonly file: string }
  | { readonly kind: 'unit_without_forms'; readonly unit: string; readonly cases: number; readonly firstYear: number; readonly year: number }
  | { readonly kind: 'empty_site_group'; readonly siteGroup: string; readonly icd10: readonly string[] };

const ISO_FORMAT = '%Y-%m-%d';

/** More than half of a table's rows rejected: stop, naming the rule and column that rejected most. */
export async function checkRejections(x: LoadedExtract): Promise<void> {
  for (const table of TABLES) {
    const a = x.accounting[table];
    if (!a || a.read === 0 || a.rejected * 2 <= a.read) continue;
    const [top] = await x.db.all<{ rule: string; column: string }>(
      `SELECT rule, "column" FROM dq WHERE "table" = $table AND rule <> 'negative_interval'
       GROUP BY ALL ORDER BY count(*) DESC, min(line) LIMIT 1`,
      { table },
    );
    const examples = await x.db.all<{ line: string; value: string | null }>(
      `SELECT line, value FROM dq WHERE "table" = $table AND rule = $rule AND "column" = $column ORDER BY line LIMIT 2`,
      { table, rule: top!.rule, column: top!.column },
    );
    const file = x.files.find((f) => f.table === table)!;
    const shown = examples.map((e) => `line ${e.line} '${e.value ?? ''}'`).join(', ');
    let message = `${a.rejected} of ${a.read} rows rejected, most for ${top!.rule} (${shown})`;
    let hint = RULE_HINTS[top!.rule] ?? 'see data-quality.csv (regreport validate --out DIR) and docs/data-contract.md';
    if (top!.rule === 'bad_date') {
      const format = file.format === 'parquet' ? ISO_FORMAT : x.config.csv.dateFormat;
      const seen = guessDateFormat(examples[0]?.value ?? '');
      message += `; they look like ${seen ?? 'no date format regreport knows'}, the format expected is ${format}`;
      hint = dateHint(seen, format, file.format === 'parquet');
    }
    throw new InputError(message, { file: file.path, line: Number(examples[0]!.line), column: top!.column, hint: `nothing was written: ${hint}` });
  }
}

const RULE_HINTS: Readonly<Record<string, string>> = {
  missing_value: 'check csv.delimiter in registry.yaml and that the export fills the column',
  bad_value: 'the allowed values are listed in docs/data-contract.md (codes compare exactly, case included)',
  duplicate_id: 'the id column must hold one row per record: was the table exported twice, or joined?',
  unknown_unit: 'the codes must be unit_code values of units.csv: check that units.csv is the full, current list',
  unknown_region: 'residence regions must be region_code values of units.csv',
  unknown_case: 'forms must refer to case_id values of cases.csv: check that both come from the same extract',
  unknown_code: 'give every pathway code a role under pathway.roles in registry.yaml',
};

function dateHint(seen: string | null, format: string, parquet: boolean): string {
  if (seen === null) return `dates must be written as ${format}`;
  if (seen === format) return 'the format is right, but the dates are not real dates (31.02): correct them in the source system';
  if (seen.includes('%H')) return 'export the dates without a time of day (in Excel: format the column as a date, e.g. dd.mm.yyyy, before saving)';
  if (seen.includes('%y')) return 'export the dates with four-digit years (in Excel: format the column as dd.mm.yyyy before saving)';
  if (parquet) return 'in Parquet, dates given as text must be YYYY-MM-DD; or store them as DATE';
  return `set csv: { date_format: "${seen}" } in registry.yaml`;
}

/** The strptime format a date text seems to be in, for the message; null when it looks like none. */
export function guessDateFormat(value: string): string | null {
  const m = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:([ T])(\d{1,2}):(\d{2})(:\d{2})?)?$/.exec(value.trim());
  if (!m) return /^\d{8}$/.test(value.trim()) ? '%Y%m%d' : null;
  const sep = m[2]!;
  const time = m[5] ? `${m[5]}%H:%M${m[8] ? ':%S' : ''}` : '';
  if (m[1]!.length === 4) return `%Y${sep}%m${sep}%d${time}`;
  const year = m[4]!.length === 4 ? '%Y' : '%y';
  const monthFirst = sep === '/' && Number(m[3]) > 12;
  return `${monthFirst ? '%m' : '%d'}${sep}${monthFirst ? '%d' : '%m'}${sep}${year}${time}`;
}

/** The report year must lie in the extract: some cohort case diagnosed in it (by T), and not after T's year. */
export async function checkReportYear(x: LoadedExtract, period: Period): Promise<void> {
  const [row] = await x.db.all<{ n: string; first: number | null; last: number | null }>(
    `SELECT count(*) FILTER (WHERE diagnosis_year = $year) AS n, min(diagnosis_year) AS first, max(diagnosis_year) AS last
     FROM cohort WHERE diagnosis_date <= $as_of::DATE`,
    { year: period.year, as_of: period.asOf },
  );
  const covered = row?.first == null ? 'no cohort case diagnosed by then' : `cohort cases diagnosed ${row.first}–${row.last}`;
  const hint = `choose a report year with --year or report_year in registry.yaml (the extract has ${covered}); nothing was written`;
  if (period.year > Number(period.asOf.slice(0, 4))) {
    throw new InputError(`report year ${period.year} lies after the cut-off ${period.asOf}`, { file: x.configFile, hint });
  }
  if (Number(row?.n ?? 0) === 0) {
    throw new InputError(`report year ${period.year} has no cohort case diagnosed in it by the cut-off ${period.asOf}`, { file: x.configFile, hint });
  }
}

/** The load's warnings and those of the period: units whose cases have no form, site groups with no case. */
export async function extractWarnings(x: LoadedExtract, period: Period): Promise<ExtractWarning[]> {
  return [...x.warnings, ...(await derived(x.derived, `warnings ${JSON.stringify(period)}`, () => periodWarnings(x, period)))];
}

async function periodWarnings(x: LoadedExtract, period: Period): Promise<ExtractWarning[]> {
  const out: ExtractWarning[] = [];
  const units = await x.db.all<{ unit: string; cases: string }>(
    // A semi join hashes the trend years' cases, not every form (a third faster at national scale).
    `WITH cs AS (
       SELECT case_id, reporting_unit FROM cohort
       WHERE diagnosis_year BETWEEN $first_year AND $year AND diagnosis_date <= $as_of::DATE
     )
     SELECT reporting_unit AS unit, count(*) AS cases FROM cs
     WHERE reporting_unit NOT IN (SELECT DISTINCT cs.reporting_unit FROM cs SEMI JOIN clean_forms f ON f.case_id = cs.case_id)
     GROUP BY ALL ORDER BY unit`,
    { first_year: period.firstYear, year: period.year, as_of: period.asOf },
  );
  for (const u of units) out.push({ kind: 'unit_without_forms', unit: u.unit, cases: Number(u.cases), firstYear: period.firstYear, year: period.year });
  const groups = await x.db.all<{ site_group: string }>(
    'SELECT site_group FROM cfg_site_groups GROUP BY site_group HAVING site_group NOT IN (SELECT site_group FROM cohort) ORDER BY min(ord)',
  );
  for (const g of groups) {
    const icd10 = x.config.cohort.siteGroups.find((s) => s.id === g.site_group)?.icd10 ?? [];
    out.push({ kind: 'empty_site_group', siteGroup: g.site_group, icd10 });
  }
  return out;
}

/** A warning in the CLI's words (English, like every message of the CLI). */
export function formatWarning(w: ExtractWarning): string {
  switch (w.kind) {
    case 'pathway_not_read':
      return `${w.file} is not read: registry.yaml has no pathway section (add one to report pathway times)`;
    case 'unit_without_forms':
      return `unit ${w.unit} reports ${w.cases} cohort case(s) diagnosed ${w.firstYear}–${w.year} and none of them has a form: are its forms missing from the extract?`;
    case 'empty_site_group':
      return `site group '${w.siteGroup}' (icd10 ${w.icd10.join(', ')}) matches no case`;
  }
}
