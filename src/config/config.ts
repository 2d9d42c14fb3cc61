// registry.yaml (text) → a validated, defaulted, readonly Config; every problem names its key path and line.
import { isUtf8 } from 'node:buffer';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { dateFormatProblem, parseDelimiter } from './csv-dialect.js';
import { readConfigBytes, toJs } from './file.js';
import { isIsoDate, Reader, type Path } from './reader.js';
import {
  FORM_TYPES,
  INTERVAL_ROLES,
  LANGUAGES,
  SMALL_UNITS,
  TREATMENT_TYPES,
  type Config,
  type CsvEncoding,
  type FormType,
  type IntervalRole,
  type Labels,
  type ImongrConfig,
  type Language,
  type PathwayConfig,
  type PathwayInterval,
  type SiteGroup,
  type TreatmentType,
} from './types.js';

export { isIsoDate };


const TOP_KEYS = [
  'name', 'country', 'language', 'report_year', 'as_of', 'csv', 'cohort', 'coverage',
  'centralisation', 'pathway', 'publication', 'imongr', 'about',
] as const;

/** Reads and validates `registry.yaml`. Throws InputError naming the file, key path and line. */
export async function loadConfig(file: string): Promise<Config> {
  return parseConfig(decodeUtf8(await readConfigBytes(file), file), file);
}

/** registry.yaml must be UTF-8: one saved as "ANSI" would put U+FFFD into the report's title. */
function decodeUtf8(bytes: Buffer, file: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let line = 1;
  let start = 0;
  for (let nl = bytes.indexOf(10); ; nl = bytes.indexOf(10, start)) {
    const end = nl === -1 ? bytes.length : nl;
    if (!isUtf8(bytes.subarray(start, end))) break;
    line++;
    start = end + 1;
  }
  throw new InputError('registry.yaml is not UTF-8 text', {
    file,
    line,
    hint: 'save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8); a byte-order mark is fine',
  });
}

export function parseConfig(text: string, file = 'registry.yaml'): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = lines.linePos(err.pos[0]);
    throw new InputError(`not valid YAML: ${err.message.split('\n')[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
      hint: 'check indentation (spaces, not tabs) and that every key is followed by a colon',
    });
  }
  const r = new Reader(file, doc, lines);
  const root = r.map(toJs(doc, file), [], TOP_KEYS);

  for (const key of ['name', 'cohort', 'coverage'] as const) {
    if (root[key] === undefined || root[key] === null) r.fail([], `required key '${key}' is missing`);
  }
  const name = r.string(root.name, ['name']);
  const country = root.country === undefined ? 'NO' : r.string(root.country, ['country']).toUpperCase();
  const language: Language = root.language === undefined ? 'nb' : r.oneOf(root.language, ['language'], LANGUAGES);
  const reportYear = root.report_year === undefined ? null : r.integer(root.report_year, ['report_year'], 1900, 2999);
  const asOf = root.as_of === undefined ? null : r.date(root.as_of, ['as_of']);

  const csvIn = root.csv === undefined ? {} : r.map(root.csv, ['csv'], ['delimiter', 'encoding', 'date_format']);
  const delimiterIn = csvIn.delimiter === undefined ? { delimiter: ',' } : parseDelimiter(csvIn.delimiter);
  const delimiter = 'problem' in delimiterIn ? r.fail(['csv', 'delimiter'], delimiterIn.problem) : delimiterIn.delimiter;
  const encodingIn = csvIn.encoding === undefined ? 'auto' : r.string(csvIn.encoding, ['csv', 'encoding']).toLowerCase();
  const encoding = ENCODINGS[encodingIn] ?? r.fail(['csv', 'encoding'], `'${encodingIn}' is not supported; use auto, utf-8, windows-1252 or latin-1`);
  const dateFormat = csvIn.date_format === undefined ? '%Y-%m-%d' : r.string(csvIn.date_format, ['csv', 'date_format']);
  const formatProblem = dateFormatProblem(dateFormat);
  if (formatProblem) r.fail(['csv', 'date_format'], formatProblem, 'e.g. "%d.%m.%Y" for 31.12.2024, "%Y-%m-%d" for 2024-12-31');

  const cohortIn = r.map(root.cohort, ['cohort'], ['site_groups']);
  const groupsIn = r.list(cohortIn.site_groups, ['cohort', 'site_groups']);
  if (groupsIn.length === 0) r.fail(['cohort', 'site_groups'], 'expected at least one site group');
  const siteGroups: SiteGroup[] = groupsIn.map((g, i) => {
    const p = ['cohort', 'site_groups', i];
    const m = r.map(g, p, ['id', 'icd10', 'label']);
    const id = r.string(m.id, [...p, 'id']);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) r.fail([...p, 'id'], `'${id}' may hold only letters, digits, '_' and '-'`);
    if (id === 'ALL') r.fail([...p, 'id'], "'ALL' is reserved for all site groups together");
    const icd10 = unique(r.stringList(m.icd10, [...p, 'icd10']).map((c, j) => icd10Prefix(r, c, [...p, 'icd10', j])));
    return { id, icd10, label: labels(r, m.label, [...p, 'label'], id) };
  });
  const ids = siteGroups.map((g) => g.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) r.fail(['cohort', 'site_groups', i, 'id'], `site group '${id}' is defined twice`);
  });

  const covIn = r.map(root.coverage, ['coverage'], [
    'form_types', 'target_current_year', 'target_previous_year', 'moderate_current_year', 'moderate_previous_year', 'trend_years',
  ]);
  const formTypes: FormType[] =
    covIn.form_types === undefined
      ? ['registration', 'treatment']
      : r.stringList(covIn.form_types, ['coverage', 'form_types']).map((_, i) =>
          r.oneOf((covIn.form_types as unknown[])[i], ['coverage', 'form_types', i], FORM_TYPES),
        );
  const targetCurrentYear = covIn.target_current_year === undefined ? 0.8 : r.fraction(covIn.target_current_year, ['coverage', 'target_current_year']);
  const targetPreviousYear = covIn.target_previous_year === undefined ? 0.95 : r.fraction(covIn.target_previous_year, ['coverage', 'target_previous_year']);
  const coverage = {
    formTypes: [...new Set(formTypes)],
    targetCurrentYear,
    targetPreviousYear,
    moderateCurrentYear: moderateLevel(r, covIn.moderate_current_year, ['coverage', 'moderate_current_year'], targetCurrentYear),
    moderatePreviousYear: moderateLevel(r, covIn.moderate_previous_year, ['coverage', 'moderate_previous_year'], targetPreviousYear),
    trendYears: covIn.trend_years === undefined ? 10 : r.integer(covIn.trend_years, ['coverage', 'trend_years'], 1, 100),
  };

  const cenIn = root.centralisation === undefined ? {} : r.map(root.centralisation, ['centralisation'], ['treatment_types', 'target', 'moderate']);
  const treatmentTypes: TreatmentType[] =
    cenIn.treatment_types === undefined
      ? ['surgery']
      : r.stringList(cenIn.treatment_types, ['centralisation', 'treatment_types']).map((_, i) =>
          r.oneOf((cenIn.treatment_types as unknown[])[i], ['centralisation', 'treatment_types', i], TREATMENT_TYPES),
        );
  const centralTarget = cenIn.target === undefined || cenIn.target === null ? null : r.fraction(cenIn.target, ['centralisation', 'target']);
  const centralisation = {
    treatmentTypes: [...new Set(treatmentTypes)],
    target: centralTarget,
    moderate: moderateLevel(r, cenIn.moderate, ['centralisation', 'moderate'], centralTarget),
  };

  const pathway = root.pathway === undefined || root.pathway === null ? null : parsePathway(r, root.pathway);

  const pubIn = root.publication === undefined ? {} : r.map(root.publication, ['publication'], ['min_cell', 'small_units']);
  const publication = {
    minCell: pubIn.min_cell === undefined ? 5 : r.integer(pubIn.min_cell, ['publication', 'min_cell'], 0, 1000),
    smallUnits: pubIn.small_units === undefined ? ('suppress' as const) : r.oneOf(pubIn.small_units, ['publication', 'small_units'], SMALL_UNITS),
  };

  const imongr = root.imongr === undefined || root.imongr === null ? null : parseImongr(r, root.imongr, coverage.formTypes, ['ALL', ...ids], pathway);
  // The registry's own details for the report (all optional): who is responsible, how to reach them,
  // its logo (a local PNG or JPEG) and the folder of its own texts, paths relative to registry.yaml.
  const aboutIn = root.about === undefined || root.about === null ? {} : r.map(root.about, ['about'], ['data_controller', 'contact', 'website', 'logo', 'texts']);
  const optional = (key: 'contact' | 'website' | 'logo' | 'texts') => (aboutIn[key] === undefined ? null : r.string(aboutIn[key], ['about', key]));
  const logo = optional('logo');
  if (logo !== null && !/\.(png|jpe?g)$/i.test(logo)) r.fail(['about', 'logo'], `'${logo}' must be a PNG or JPEG file`);
  const website = optional('website');
  if (website !== null && !/^https?:\/\/\S+$/.test(website)) r.fail(['about', 'website'], `'${website}' must be an http(s) address`);
  const about = {
    dataController: aboutIn.data_controller === undefined ? null : labels(r, aboutIn.data_controller, ['about', 'data_controller'], ''),
    contact: optional('contact'), website, logo, texts: optional('texts') ?? 'texts',
  };

  return deepFreeze({
    name, country, language, reportYear, asOf,
    csv: { delimiter, encoding, dateFormat },
    cohort: { siteGroups },
    coverage, centralisation, pathway, publication, imongr, about,
  });
}

/** An optional second goal level (moderate måloppnåelse): below its target, and only where a target exists. */
function moderateLevel(r: Reader, value: unknown, path: Path, target: number | null): number | null {
  if (value === undefined || value === null) return null;
  const level = r.fraction(value, path);
  if (target === null) r.fail(path, 'a moderate level needs a target: set the target beside it, or remove the moderate level');
  if (level > target) r.fail(path, `the moderate level ${level} is above the target ${target}; it must be at most the target`);
  return level;
}

/** The names `csv.encoding` accepts; Latin-1 is read as windows-1252, since files so labelled almost always are. */
const ENCODINGS: Readonly<Record<string, CsvEncoding>> = {
  auto: 'auto', 'utf-8': 'utf-8', utf8: 'utf-8', 'windows-1252': 'windows-1252', cp1252: 'windows-1252',
  ansi: 'windows-1252', 'latin-1': 'windows-1252', latin1: 'windows-1252', 'iso-8859-1': 'windows-1252',
};

/** Config lists are sets: an entry listed twice must not count twice. */
function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * An icd10 entry, normalised like the codes it is matched against (upper-case, '.' removed). It is a
 * plain prefix: a wildcard or a range would match nothing, silently dropping cases from the cohort.
 */
function icd10Prefix(r: Reader, entry: string, path: Path): string {
  const code = entry.toUpperCase().replaceAll('.', '');
  if (!/[*%?\-\s]/.test(code)) return code;
  const range = /^([A-Z])(\d{2})-\1?(\d{2})$/.exec(code.replaceAll(' ', ''));
  let guess: string;
  if (range && Number(range[3]) >= Number(range[2]) && Number(range[3]) - Number(range[2]) < 20) {
    const from = Number(range[2]);
    guess = `[${Array.from({ length: Number(range[3]) - from + 1 }, (_, i) => `${range[1]}${String(from + i).padStart(2, '0')}`).join(', ')}]`;
  } else {
    guess = code.split(/[*%?\-\s]/)[0] ?? '';
  }
  return r.fail(
    path,
    `'${entry}' is not an ICD-10 prefix: entries are matched as the start of the code, without wildcards or ranges`,
    guess ? `did you mean ${guess}? (C49 matches C49, C49.2, C492 …)` : 'write the first letters of the codes, e.g. C49',
  );
}

function labels(r: Reader, value: unknown, path: Path, fallback: string): Labels {
  if (value === undefined || value === null) return { nb: fallback, sv: fallback, en: fallback };
  if (typeof value === 'string') return { nb: value, sv: value, en: value };
  const m = r.map(value, path, LANGUAGES);
  const get = (l: Language): string => (m[l] === undefined ? undefined : r.string(m[l], [...path, l])) ?? '';
  const any = get('en') || get('nb') || get('sv') || fallback;
  return { nb: get('nb') || any, sv: get('sv') || any, en: get('en') || any };
}

function parsePathway(r: Reader, value: unknown): PathwayConfig {
  const p = r.map(value, ['pathway'], ['roles', 'intervals', 'compliance_target', 'compliance_moderate']);
  if (p.roles === undefined) r.fail(['pathway'], "required key 'roles' is missing");
  if (p.intervals === undefined) r.fail(['pathway'], "required key 'intervals' is missing");
  const rolesIn = r.map(p.roles, ['pathway', 'roles'], ['start', 'first_attendance', 'transfer', 'decision', 'end', 'treatment']);
  const codes = (key: string): string[] =>
    rolesIn[key] === undefined || rolesIn[key] === null ? [] : unique(r.stringList(rolesIn[key], ['pathway', 'roles', key], { nonEmpty: false }));
  const treatIn = rolesIn.treatment === undefined ? {} : r.map(rolesIn.treatment, ['pathway', 'roles', 'treatment'], Object.keys(rolesIn.treatment ?? {}));
  const treatment = Object.entries(treatIn).map(([code, modality]) => ({
    code: code.trim(),
    modality: r.string(modality, ['pathway', 'roles', 'treatment', code]),
  }));
  const roles = {
    start: codes('start'), first_attendance: codes('first_attendance'), transfer: codes('transfer'),
    decision: codes('decision'), end: codes('end'), treatment,
  };
  const seen = new Map<string, string>();
  for (const [role, list] of Object.entries(roles)) {
    for (const entry of list) {
      const code = typeof entry === 'string' ? entry : entry.code;
      const before = seen.get(code);
      if (before !== undefined) r.fail(['pathway', 'roles', role], `code '${code}' already has the role '${before}'; a code can have one role`);
      seen.set(code, role);
    }
  }
  const modalities = new Set(treatment.map((t) => t.modality));
  const intervalsIn = r.list(p.intervals, ['pathway', 'intervals']);
  const intervals: PathwayInterval[] = intervalsIn.map((iv, i) => {
    const path = ['pathway', 'intervals', i];
    const m = r.map(iv, path, ['id', 'from', 'to', 'treatments', 'norm_days', 'label']);
    const id = r.string(m.id, [...path, 'id']);
    const from: IntervalRole = r.oneOf(m.from, [...path, 'from'], INTERVAL_ROLES);
    const to: IntervalRole = r.oneOf(m.to, [...path, 'to'], INTERVAL_ROLES);
    if (from === to) r.fail([...path, 'to'], `an interval must go from one role to another, got '${from}' twice`);
    // Listed twice, a modality would count each pathway twice (the interval joins on this list).
    const treatments = m.treatments === undefined ? null : unique(r.stringList(m.treatments, [...path, 'treatments']));
    for (const [j, t] of (treatments ?? []).entries()) {
      if (!modalities.has(t)) r.fail([...path, 'treatments', j], `'${t}' is not a modality in pathway.roles.treatment (${[...modalities].join(', ')})`);
    }
    if (m.norm_days === undefined) r.fail(path, "required key 'norm_days' is missing");
    return { id, from, to, treatments, normDays: r.integer(m.norm_days, [...path, 'norm_days'], 0, 10000), label: labels(r, m.label, [...path, 'label'], id) };
  });
  intervals.forEach((iv, i) => {
    if (intervals.findIndex((o) => o.id === iv.id) !== i) r.fail(['pathway', 'intervals', i, 'id'], `interval '${iv.id}' is defined twice`);
  });
  const complianceTarget = p.compliance_target === undefined ? 0.7 : r.fraction(p.compliance_target, ['pathway', 'compliance_target']);
  const complianceModerate = moderateLevel(r, p.compliance_moderate, ['pathway', 'compliance_moderate'], complianceTarget);
  return { roles, intervals, complianceTarget, complianceModerate };
}

/**
 * imongr: { coverage: { <form type>: id }, centralisation: { ALL|<site group>: id },
 * pathway_time: { <interval>: id }, region_orgnr: { <region code>: 9 digits } }, every part optional.
 */
function parseImongr(r: Reader, value: unknown, formTypes: readonly string[], siteGroups: readonly string[], pathway: PathwayConfig | null): ImongrConfig {
  const m = r.map(value, ['imongr'], ['coverage', 'centralisation', 'pathway_time', 'region_orgnr']);
  const indicators: ImongrConfig['indicators'][number][] = [];
  const seen = new Map<string, string>();
  const keysOf: Record<'coverage' | 'centralisation' | 'pathway_time', readonly string[]> = {
    coverage: formTypes,
    centralisation: siteGroups,
    pathway_time: pathway?.intervals.map((iv) => iv.id) ?? [],
  };
  for (const metric of ['coverage', 'centralisation', 'pathway_time'] as const) {
    if (m[metric] === undefined || m[metric] === null) continue;
    const ids = r.map(m[metric], ['imongr', metric], keysOf[metric]);
    for (const [key, v] of Object.entries(ids)) {
      const path = ['imongr', metric, key];
      const id = r.string(v, path);
      if (!/^[A-Za-z0-9_.-]+$/.test(id)) r.fail(path, `'${id}' may hold only letters, digits, '_', '.' and '-' (an indicator id as SKDE defined it)`);
      const before = seen.get(id);
      if (before !== undefined) r.fail(path, `the indicator id '${id}' is already used for ${before}; each indicator needs its own id`);
      seen.set(id, `${metric}.${key}`);
      indicators.push({ metric, key, id });
    }
  }
  const regionOrgnr: Record<string, string> = {};
  if (m.region_orgnr !== undefined && m.region_orgnr !== null) {
    const regions = r.map(m.region_orgnr, ['imongr', 'region_orgnr'], Object.keys(m.region_orgnr ?? {}));
    for (const [code, v] of Object.entries(regions)) {
      const nr = r.string(v, ['imongr', 'region_orgnr', code]);
      if (!/^[0-9]{9}$/.test(nr)) r.fail(['imongr', 'region_orgnr', code], `'${nr}' is not an organisation number (nine digits)`);
      regionOrgnr[code] = nr;
    }
  }
  return { indicators, regionOrgnr };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
