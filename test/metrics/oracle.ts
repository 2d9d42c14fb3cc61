// An independent reading of the spec in plain TypeScript, row by row, with no SQL: the raw CSV files
// → validation → metric counts. Slow and simple on purpose; the differential test compares it with
// the SQL implementation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../src/config/types.js';

type Rec = Record<string, string | null>;

function parseCsv(text: string, delim: string): { header: string[]; rows: { line: number; rec: string[] }[] } {
  const rows: { line: number; rec: string[] }[] = [];
  let field = '';
  let rec: string[] = [];
  let q = false;
  let line = 1;
  let recLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') q = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') q = true;
    else if (ch === delim) {
      rec.push(field);
      field = '';
    }
    else if (ch === '\r') continue;
    else if (ch === '\n') {
      rec.push(field);
      rows.push({ line: recLine, rec });
      rec = [];
      field = '';
      line++;
      recLine = line;
    } else field += ch;
  }
  if (field !== '' || rec.length) {
    rec.push(field);
    rows.push({ line: recLine, rec });
  }
  const header = rows.shift()!.rec.map((h) => h.trim().toLowerCase());
  return { header, rows };
}

function readTable(dir: string, name: string, cfg: Config): Rec[] & { lines: number[] } {
  const buf = readFileSync(join(dir, `${name}.csv`));
  let text = buf.toString(cfg.csv.encoding === 'windows-1252' ? 'latin1' : 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { header, rows } = parseCsv(text, cfg.csv.delimiter);
  const out = rows.map(({ line, rec }) => {
    const r: Rec = { __line: String(line) };
    header.forEach((h, i) => {
      const v = (rec[i] ?? '').trim();
      r[h] = v === '' ? null : v;
    });
    return r;
  }) as Rec[] & { lines: number[] };
  return out;
}

/** Parses a date in the registry's format (%d, %m, %Y and literal separators only). */
function parseDate(s: string | null, fmt: string): number | null {
  if (s === null) return null;
  const order: string[] = [];
  const re = new RegExp(
    '^' +
      fmt.replace(/%([dmY])|([.*+?^${}()|[\]\\-])/g, (_m, code: string | undefined, lit: string | undefined) => {
        if (lit) return '\\' + lit;
        order.push(code!);
        return code === 'Y' ? '(\\d{4})' : '(\\d{1,2})';
      }) +
      '$',
  );
  const m = re.exec(s);
  if (!m) return null;
  const v: Record<string, number> = {};
  order.forEach((c, i) => (v[c] = Number(m[i + 1])));
  const t = Date.UTC(v.Y!, v.m! - 1, v.d);
  const d = new Date(t);
  if (d.getUTCFullYear() !== v.Y || d.getUTCMonth() !== v.m! - 1 || d.getUTCDate() !== v.d) return null;
  return t / 86_400_000;
}

const yearOf = (day: number) => new Date(day * 86_400_000).getUTCFullYear();

export interface OracleRow {
  key: string;
  numerator: number;
  denominator: number;
  median_days: number | null;
}

export function oracle(dir: string, cfg: Config, Y: number, asOfIso: string): { rows: Map<string, OracleRow>; rejected: Record<string, number> } {
  const T = Date.parse(`${asOfIso}T00:00:00Z`) / 86_400_000;
  const fmt = cfg.csv.dateFormat;
  const first = Y - cfg.coverage.trendYears + 1;
  const rejected: Record<string, number> = {};
  const reject = (t: string) => (rejected[t] = (rejected[t] ?? 0) + 1);

  // units
  const units = new Map<string, Rec>();
  for (const u of readTable(dir, 'units', cfg)) {
    if (!u.unit_code || !u.unit_name || !u.region_code || !u.region_name) reject('units');
    else if (units.has(u.unit_code)) reject('units');
    else units.set(u.unit_code, u);
  }
  const regions = new Set([...units.values()].map((u) => u.region_code));

  // cases: validity first (earlier accepted ids decide duplicates)
  const cases = new Map<string, Rec & { dx: number; group: string | null }>();
  for (const c of readTable(dir, 'cases', cfg)) {
    const req = ['case_id', 'patient_id', 'diagnosis_date', 'icd10', 'residence_region', 'reporting_unit'];
    const dx = parseDate(c.diagnosis_date ?? null, fmt);
    const bad =
      req.some((k) => c[k] === null) ||
      dx === null ||
      (c.death_date !== null && parseDate(c.death_date ?? null, fmt) === null) ||
      (c.sex !== null && c.sex !== 'M' && c.sex !== 'F') ||
      (c.age !== null && (!/^\d{1,3}$/.test(c.age!) || Number(c.age) > 120)) ||
      cases.has(c.case_id!) ||
      !units.has(c.reporting_unit!) ||
      !regions.has(c.residence_region);
    if (bad) {
      reject('cases');
      continue;
    }
    const code = c.icd10!.toUpperCase().replaceAll('.', '');
    const group = cfg.cohort.siteGroups.find((g) => g.icd10.some((p) => code.startsWith(p)))?.id ?? null;
    cases.set(c.case_id!, Object.assign(c, { dx, group }));
  }

  // forms
  const forms: (Rec & { reg: number; tdate: number | null })[] = [];
  const formIds = new Set<string>();
  for (const f of readTable(dir, 'forms', cfg)) {
    const isT = f.form_type === 'treatment';
    const reg = parseDate(f.registered_date ?? null, fmt);
    const tdate = parseDate(f.treatment_date ?? null, fmt);
    const bad =
      ['form_id', 'case_id', 'form_type', 'unit_code', 'registered_date'].some((k) => f[k] === null) ||
      (isT && (f.treatment_type === null || f.treatment_date === null || f.treatment_unit === null)) ||
      reg === null ||
      (f.treatment_date !== null && tdate === null) ||
      !['registration', 'treatment', 'followup'].includes(f.form_type!) ||
      (f.treatment_type !== null && !['surgery', 'radiotherapy', 'systemic', 'other'].includes(f.treatment_type!)) ||
      formIds.has(f.form_id!) ||
      !units.has(f.unit_code!) ||
      (f.treatment_unit !== null && !units.has(f.treatment_unit!)) ||
      !cases.has(f.case_id!);
    if (bad) {
      reject('forms');
      continue;
    }
    formIds.add(f.form_id!);
    forms.push(Object.assign(f, { reg, tdate }));
  }

  const rows = new Map<string, OracleRow>();
  const add = (key: string, hit: boolean, days: number | null = null) => {
    const r = rows.get(key) ?? { key, numerator: 0, denominator: 0, median_days: null, days: [] as number[] };
    r.denominator++;
    if (hit) r.numerator++;
    if (days !== null) (r as unknown as { days: number[] }).days.push(days);
    rows.set(key, r);
  };

  // coverage
  const cohort = [...cases.values()].filter((c) => c.group !== null && c.dx <= T && yearOf(c.dx) >= first && yearOf(c.dx) <= Y);
  for (const ft of cfg.coverage.formTypes) {
    const has = new Set(forms.filter((f) => f.form_type === ft && f.reg <= T).map((f) => f.case_id));
    for (const c of cohort) {
      const y = yearOf(c.dx);
      const hit = has.has(c.case_id);
      const unit = c.reporting_unit!;
      add(`coverage ${ft} ${y} national ALL`, hit);
      add(`coverage ${ft} ${y} region ${units.get(unit)!.region_code}`, hit);
      add(`coverage ${ft} ${y} unit ${unit}`, hit);
    }
  }

  // centralisation
  const firstTreatment = new Map<string, { date: number; id: string; unit: string }>();
  for (const f of forms) {
    if (f.form_type !== 'treatment' || !cfg.centralisation.treatmentTypes.includes(f.treatment_type as never) || f.reg > T) continue;
    const cur = firstTreatment.get(f.case_id!);
    if (!cur || f.tdate! < cur.date || (f.tdate === cur.date && f.form_id! < cur.id)) firstTreatment.set(f.case_id!, { date: f.tdate!, id: f.form_id!, unit: f.treatment_unit! });
  }
  for (const c of cohort) {
    const ft = firstTreatment.get(c.case_id!);
    if (!ft) continue;
    const centreFor = (units.get(ft.unit)!.centre_for ?? '').split('|').map((s) => s.trim());
    const hit = centreFor.includes(c.group!);
    const y = yearOf(c.dx);
    for (const g of ['ALL', c.group!]) {
      add(`centralisation ${g} ${y} national ALL`, hit);
      add(`centralisation ${g} ${y} region ${c.residence_region}`, hit);
    }
  }

  // pathway
  const p = cfg.pathway;
  const tryEvents = (() => {
    try {
      return readTable(dir, 'pathway_events', cfg);
    } catch {
      return [];
    }
  })();
  if (p) {
    const role = new Map<string, string>();
    for (const [r, codes] of Object.entries(p.roles)) if (r !== 'treatment') for (const c of codes as string[]) role.set(c, r);
    const treatOrder = new Map(p.roles.treatment.map((t, i) => [t.code, i]));
    for (const t of p.roles.treatment) role.set(t.code, 'treatment');
    type M = { date: number; units: string[]; bestOrd: number; modality: string | null };
    const milestones = new Map<string, Map<string, M>>();
    for (const e of tryEvents) {
      const d = parseDate(e.event_date ?? null, fmt);
      const bad = ['pathway_id', 'patient_id', 'code', 'event_date', 'unit_code'].some((k) => e[k] === null) || d === null || !units.has(e.unit_code!) || !role.has(e.code!);
      if (bad) {
        reject('pathway_events');
        continue;
      }
      const r = role.get(e.code!)!;
      if (d > T || r === 'transfer') continue;
      const ms = milestones.get(e.pathway_id!) ?? new Map<string, M>();
      milestones.set(e.pathway_id!, ms);
      const cur = ms.get(r);
      const ord = treatOrder.get(e.code!) ?? 0;
      const mod = p.roles.treatment.find((t) => t.code === e.code)?.modality ?? null;
      if (!cur || d < cur.date) ms.set(r, { date: d, units: [e.unit_code!], bestOrd: ord, modality: mod });
      else if (d === cur.date) {
        cur.units.push(e.unit_code!);
        if (ord < cur.bestOrd) {
          cur.bestOrd = ord;
          cur.modality = mod;
        }
      }
    }
    for (const ms of milestones.values()) {
      for (const iv of p.intervals) {
        const a = ms.get(iv.from);
        const b = ms.get(iv.to);
        if (!a || !b) continue;
        if (iv.treatments && !iv.treatments.includes(ms.get('treatment')?.modality ?? '')) continue;
        const end = ms.get('end');
        if (end && end.date < b.date) continue;
        const days = b.date - a.date;
        if (days < 0) continue;
        const y = yearOf(b.date);
        if (y < first || y > Y) continue;
        const unit = [...b.units].sort()[0]!;
        const hit = days <= iv.normDays;
        add(`pathway_time ${iv.id} ${y} national ALL`, hit, days);
        add(`pathway_time ${iv.id} ${y} region ${units.get(unit)!.region_code}`, hit, days);
        add(`pathway_time ${iv.id} ${y} unit ${unit}`, hit, days);
      }
    }
  }
  for (const r of rows.values()) {
    const days = (r as unknown as { days: number[] }).days.sort((x, y) => x - y);
    delete (r as unknown as { days?: number[] }).days;
    if (days.length) {
      const mid = (days.length - 1) / 2;
      r.median_days = (days[Math.floor(mid)]! + days[Math.ceil(mid)]!) / 2;
    }
  }
  return { rows, rejected };
}
