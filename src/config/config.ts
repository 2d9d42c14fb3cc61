// registry.yaml (text) → a validated, defaulted, readonly Config; every problem names its key path and line.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { InputError, closest } from '../errors.js';
import {
  FORM_TYPES,
  INTERVAL_ROLES,
  LANGUAGES,
  SMALL_UNITS,
  TREATMENT_TYPES,
  type Config,
  type FormType,
  type IntervalRole,
  type Labels,
  type Language,
  type PathwayConfig,
  type PathwayInterval,
  type SiteGroup,
  type TreatmentType,
} from './types.js';

type Path = readonly (string | number)[];

/** Reads one parsed YAML document, remembering where each value stood for error messages. */
class Reader {
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  fail(path: Path, message: string, hint?: string): never {
    const node = path.length ? this.doc.getIn(path, true) : this.doc.contents;
    let line: number | undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) line = this.lines.linePos(range[0]).line;
    else if (path.length > 1) {
      const parent = this.doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
      if (parent?.range) line = this.lines.linePos(parent.range[0]).line;
    }
    const at = path.length ? `'${path.join('.')}'` : 'the document';
    return this.throwAt(`${at}: ${message}`, line, hint);
  }

  private throwAt(message: string, line: number | undefined, hint: string | undefined): never {
    const where: { file: string; line?: number; hint?: string } = { file: this.file };
    if (line !== undefined) where.line = line;
    if (hint !== undefined) where.hint = hint;
    throw new InputError(message, where);
  }

  /** A mapping whose keys must all be known; unknown keys are errors with a suggestion. */
  map(value: unknown, path: Path, known: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
      this.fail(path, `expected a mapping (key: value lines), got ${describe(value)}`);
    }
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        const guess = closest(key, known);
        const where = path.length ? `under '${path.join('.')}'` : 'at top level';
        const node = this.doc.getIn(path, true);
        let line: number | undefined;
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
          const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
          if (range) line = this.lines.linePos(range[0]).line;
        }
        this.throwAt(
          `unknown key '${key}' ${where}${guess ? `; did you mean '${guess}'?` : ''}`,
          line,
          `allowed keys here: ${known.join(', ')}`,
        );
      }
    }
    return obj;
  }

  string(value: unknown, path: Path): string {
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, `expected a non-empty text, got ${describe(value)}`);
    return value.trim();
  }

  list(value: unknown, path: Path): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected a list ([a, b] or '- a' lines), got ${describe(value)}`);
    return value;
  }

  stringList(value: unknown, path: Path, { nonEmpty = true } = {}): string[] {
    const items = this.list(value, path).map((v, i) => this.string(v, [...path, i]));
    if (nonEmpty && items.length === 0) this.fail(path, 'expected at least one entry');
    return items;
  }

  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T {
    const s = this.string(value, path);
    if (!(allowed as readonly string[]).includes(s)) {
      const guess = closest(s, allowed);
      this.fail(path, `'${s}' is not one of ${allowed.join(', ')}${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    return s as T;
  }

  fraction(value: unknown, path: Path): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      this.fail(path, `expected a share between 0 and 1 (e.g. 0.8 for 80 %), got ${describe(value)}`);
    }
    return value;
  }

  integer(value: unknown, path: Path, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `expected a whole number from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  date(value: unknown, path: Path): string {
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : '';
    if (!isIsoDate(iso)) this.fail(path, `expected a date as YYYY-MM-DD, got ${describe(value)}`);
    return iso;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const TOP_KEYS = [
  'name', 'country', 'language', 'report_year', 'as_of', 'csv', 'cohort', 'coverage',
  'centralisation', 'pathway', 'publication', 'about',
] as const;

/** Reads and validates `registry.yaml`. Throws InputError naming the file, key path and line. */
export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError('registry.yaml is missing', {
      file,
      hint: 'every extract folder needs a registry.yaml profile; see docs/data-contract.md',
    });
  }
  return parseConfig(text, file);
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
  const root = r.map(doc.toJS({ maxAliasCount: 100 }), [], TOP_KEYS);

  for (const key of ['name', 'cohort', 'coverage'] as const) {
    if (root[key] === undefined || root[key] === null) r.fail([], `required key '${key}' is missing`);
  }
  const name = r.string(root.name, ['name']);
  const country = root.country === undefined ? 'NO' : r.string(root.country, ['country']).toUpperCase();
  const language: Language = root.language === undefined ? 'nb' : r.oneOf(root.language, ['language'], LANGUAGES);
  const reportYear = root.report_year === undefined ? null : r.integer(root.report_year, ['report_year'], 1900, 2999);
  const asOf = root.as_of === undefined ? null : r.date(root.as_of, ['as_of']);

  const csvIn = root.csv === undefined ? {} : r.map(root.csv, ['csv'], ['delimiter', 'encoding', 'date_format']);
  const delimiter = csvIn.delimiter === undefined ? ',' : r.string(csvIn.delimiter, ['csv', 'delimiter']);
  if (delimiter.length !== 1 || delimiter === '"') {
    r.fail(['csv', 'delimiter'], `expected one character such as ',' or ';', got '${delimiter}'`);
  }
  const encodingIn = csvIn.encoding === undefined ? 'utf-8' : r.string(csvIn.encoding, ['csv', 'encoding']).toLowerCase();
  const encodings: Record<string, 'utf-8' | 'latin-1'> = {
    'utf-8': 'utf-8', utf8: 'utf-8', 'latin-1': 'latin-1', latin1: 'latin-1', 'iso-8859-1': 'latin-1',
    'windows-1252': 'latin-1', cp1252: 'latin-1',
  };
  const encoding = encodings[encodingIn] ?? r.fail(['csv', 'encoding'], `'${encodingIn}' is not supported; use utf-8 or latin-1`);
  const dateFormat = csvIn.date_format === undefined ? '%Y-%m-%d' : r.string(csvIn.date_format, ['csv', 'date_format']);
  if (!/%[Yy]/.test(dateFormat) || !/%[mbB]/.test(dateFormat) || !/%[d]/.test(dateFormat)) {
    r.fail(['csv', 'date_format'], `'${dateFormat}' must contain a year (%Y), a month (%m) and a day (%d), e.g. "%d.%m.%Y"`);
  }

  const cohortIn = r.map(root.cohort, ['cohort'], ['site_groups']);
  const groupsIn = r.list(cohortIn.site_groups, ['cohort', 'site_groups']);
  if (groupsIn.length === 0) r.fail(['cohort', 'site_groups'], 'expected at least one site group');
  const siteGroups: SiteGroup[] = groupsIn.map((g, i) => {
    const p = ['cohort', 'site_groups', i];
    const m = r.map(g, p, ['id', 'icd10', 'label']);
    const id = r.string(m.id, [...p, 'id']);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) r.fail([...p, 'id'], `'${id}' may hold only letters, digits, '_' and '-'`);
    if (id === 'ALL') r.fail([...p, 'id'], "'ALL' is reserved for all site groups together");
    const icd10 = r.stringList(m.icd10, [...p, 'icd10']).map((c) => c.toUpperCase().replaceAll('.', ''));
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
    coverage, centralisation, pathway, publication, about,
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
    rolesIn[key] === undefined || rolesIn[key] === null ? [] : r.stringList(rolesIn[key], ['pathway', 'roles', key], { nonEmpty: false });
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
    const m = r.map(iv, path, ['id', 'from', 'to', 'treatments', 'norm_days']);
    const id = r.string(m.id, [...path, 'id']);
    const from: IntervalRole = r.oneOf(m.from, [...path, 'from'], INTERVAL_ROLES);
    const to: IntervalRole = r.oneOf(m.to, [...path, 'to'], INTERVAL_ROLES);
    if (from === to) r.fail([...path, 'to'], `an interval must go from one role to another, got '${from}' twice`);
    const treatments = m.treatments === undefined ? null : r.stringList(m.treatments, [...path, 'treatments']);
    for (const [j, t] of (treatments ?? []).entries()) {
      if (!modalities.has(t)) r.fail([...path, 'treatments', j], `'${t}' is not a modality in pathway.roles.treatment (${[...modalities].join(', ')})`);
    }
    if (m.norm_days === undefined) r.fail(path, "required key 'norm_days' is missing");
    return { id, from, to, treatments, normDays: r.integer(m.norm_days, [...path, 'norm_days'], 0, 10000) };
  });
  intervals.forEach((iv, i) => {
    if (intervals.findIndex((o) => o.id === iv.id) !== i) r.fail(['pathway', 'intervals', i, 'id'], `interval '${iv.id}' is defined twice`);
  });
  const complianceTarget = p.compliance_target === undefined ? 0.7 : r.fraction(p.compliance_target, ['pathway', 'compliance_target']);
  const complianceModerate = moderateLevel(r, p.compliance_moderate, ['pathway', 'compliance_moderate'], complianceTarget);
  return { roles, intervals, complianceTarget, complianceModerate };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
