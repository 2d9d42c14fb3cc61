// Synthetic registry extracts: profile + seed + scale → registry.yaml and four CSV tables, byte-identical
// for the same arguments. The shape follows real registries: a reporting lag that leaves the newest
// year incomplete, units far below target, transfers, cancelled pathways and a few bad rows of each kind.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { writeAtomically, type Staging } from '../output.js';
import { PROFILES, type ProfileDef, type ProfileName, type UnitDef } from './profiles.js';

export { PROFILES, type ProfileName };

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);

/** Buffered CSV writer in the profile's dialect. */
class TableWriter {
  private buf: string[] = [];
  private size = 0;
  rows = 0;
  private readonly stream;
  private readonly dateCache = new Map<number, string>();

  constructor(
    path: string,
    private readonly def: ProfileDef,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path);
    this.buf.push(header.join(def.csv.delimiter));
  }

  date(day: number): string {
    let s = this.dateCache.get(day);
    if (s === undefined) {
      const iso = new Date(day * DAY).toISOString().slice(0, 10);
      s = this.def.csv.dateFormat === 'iso' ? iso : `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
      this.dateCache.set(day, s);
    }
    return s;
  }

  private cell(v: string | number | null): string {
    if (v === null) return '';
    const s = String(v);
    return s.includes(this.def.csv.delimiter) || s.includes('"') || s.includes('\n') ? `"${s.replaceAll('"', '""')}"` : s;
  }

  async row(values: readonly (string | number | null)[]): Promise<void> {
    const line = values.map((v) => this.cell(v)).join(this.def.csv.delimiter);
    this.buf.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const text = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    const bytes = Buffer.from(text, this.def.csv.encoding === 'latin-1' ? 'latin1' : 'utf8');
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

export interface SampleOptions {
  readonly profile: ProfileName;
  readonly seed: number;
  readonly scale: number;
  readonly out: string;
}

/** Writes a sample extract; returns the rows written per table. */
export async function generateSample(opts: SampleOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await writeAtomically(resolve(opts.out), async (s) => {
    Object.assign(counts, await generateInto(s, opts));
  });
  return counts;
}

async function generateInto(s: Staging, opts: SampleOptions): Promise<Record<string, number>> {
  const def: ProfileDef = PROFILES[opts.profile];
  const rand = rng(opts.seed * 7919 + (opts.profile === 'no' ? 1 : 2));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const weighted = <T extends { weight: number }>(xs: readonly T[]): T => {
    let r = rand() * xs.reduce((a, x) => a + x.weight, 0);
    for (const x of xs) if ((r -= x.weight) < 0) return x;
    return xs[xs.length - 1]!;
  };
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const expo = (mean: number) => Math.floor(-Math.log(1 - rand()) * mean);

  await s.write('registry.yaml', def.registryYaml);
  const units = new TableWriter(s.path('units.csv'), def, ['unit_code', 'unit_name', 'region_code', 'region_name', 'centre_for']);
  const cases = new TableWriter(s.path('cases.csv'), def, [
    'case_id', 'patient_id', 'diagnosis_date', 'icd10', 'morphology', 'sex', 'age', 'residence_region', 'reporting_unit', 'death_date',
  ]);
  const forms = new TableWriter(s.path('forms.csv'), def, [
    'form_id', 'case_id', 'form_type', 'unit_code', 'registered_date', 'treatment_type', 'treatment_date', 'treatment_unit',
  ]);
  const events = new TableWriter(s.path('pathway_events.csv'), def, ['pathway_id', 'patient_id', 'code', 'event_date', 'unit_code']);

  const regionName = new Map(def.regions.map((r) => [r.code, r.name]));
  for (const u of def.units) await units.row([u.code, u.name, u.region, regionName.get(u.region)!, u.centreFor.join('|')]);

  const byRegion = new Map(def.regions.map((r) => [r.code, def.units.filter((u) => u.region === r.code)]));
  const centresFor = (group: string, region: string): UnitDef[] => {
    const all = def.units.filter((u) => u.centreFor.includes(group));
    const local = all.filter((u) => u.region === region);
    return local.length ? local : all;
  };
  const asOf = dayOf(def.asOf);
  const groups = [
    { id: 'bone', weight: 18, codes: ['C40.0', 'C40.2', 'C41.2', 'C41.4', 'C402', 'c41.9'], morph: ['9180/3', '9260/3', '9220/3'] },
    { id: 'soft_tissue', weight: 62, codes: ['C49.1', 'C49.2', 'C49.3', 'C492', 'C49.4', 'C47.1', 'c49.9'], morph: ['8890/3', '8850/3', '8830/3', '8805/3'] },
    { id: 'retroperitoneal', weight: 9, codes: ['C48.0', 'C480'], morph: ['8850/3', '8890/3'] },
    { id: null, weight: 11, codes: ['C45.0', 'C22.0', 'D48.1', 'C76.3'], morph: ['9050/3', '8800/3'] },
  ];
  const { codes } = def;
  let caseNo = 0;
  let formNo = 0;
  let pathwayNo = 0;
  let patientNo = 0;
  const keptCases: string[] = [];

  for (let year = def.firstYear; year <= def.reportYear; year++) {
    const n = Math.round(def.casesPerYear * opts.scale * (1 + 0.015 * (year - def.firstYear)));
    const yearStart = dayOf(`${year}-01-01`);
    const yearDays = dayOf(`${year + 1}-01-01`) - yearStart;
    for (let i = 0; i < n; i++) {
      const caseId = `K${year}${String(++caseNo).padStart(7, '0')}`;
      const patientId = `P${String(++patientNo).padStart(8, '0')}`;
      const dx = yearStart + Math.floor(rand() * yearDays);
      const group = weighted(groups);
      const region = weighted(def.regions).code;
      const reporting = rand() < 0.08 ? weighted(def.units) : weighted(byRegion.get(region)!);
      const age = Math.min(95, Math.max(1, Math.round(58 + (rand() + rand() + rand() - 1.5) * 40)));
      const death = rand() < 0.12 ? dx + between(60, 2000) : null;
      await cases.row([
        caseId, patientId, cases.date(dx), pick(group.codes), pick(group.morph), rand() < 0.52 ? 'M' : 'F', age, region,
        reporting.code, death !== null && death <= asOf ? cases.date(death) : null,
      ]);
      if (keptCases.length < 50) keptCases.push(caseId);

      // Registration: registered eventually with the unit's diligence, after a reporting lag.
      if (rand() < reporting.diligence) {
        await forms.row([`F${String(++formNo).padStart(8, '0')}`, caseId, 'registration', reporting.code, forms.date(dx + 5 + expo(320)), null, null, null]);
      }
      if (!group.id) continue;

      // Treatment: most patients are operated, at a centre more often than not.
      const treated = rand() < 0.82;
      let surgeryUnit: UnitDef | null = null;
      const firstTreatmentDay = dx + between(8, 50);
      if (treated) {
        const modality = rand() < 0.8 ? 'surgery' : rand() < 0.5 ? 'radiotherapy' : 'systemic';
        const central = rand() < (region === 'HSO' || region === 'STHLM' ? 0.93 : 0.8);
        surgeryUnit = central ? pick(centresFor(group.id, region)) : pick(byRegion.get(region)!);
        if (rand() < reporting.diligence) {
          const reg = firstTreatmentDay + 3 + expo(330);
          await forms.row([`F${String(++formNo).padStart(8, '0')}`, caseId, 'treatment', surgeryUnit.code, forms.date(reg), modality, forms.date(firstTreatmentDay), surgeryUnit.code]);
          if (rand() < 0.12) {
            // A second treatment (same day for some, to exercise the form_id tie-break).
            const other = rand() < 0.3 ? firstTreatmentDay : firstTreatmentDay + between(20, 120);
            const otherUnit = rand() < 0.5 ? reporting : surgeryUnit;
            await forms.row([`F${String(++formNo).padStart(8, '0')}`, caseId, 'treatment', otherUnit.code, forms.date(reg + between(0, 60)), pick(['surgery', 'radiotherapy', 'systemic'] as const), forms.date(other), otherUnit.code]);
          }
        }
      }
      if (rand() < 0.3 && dx + 400 < asOf) {
        await forms.row([`F${String(++formNo).padStart(8, '0')}`, caseId, 'followup', reporting.code, forms.date(dx + between(380, 800)), null, null, null]);
      }

      // Pathway (pakkeforløp / SVF) from the year it was introduced.
      if (year >= def.pathwayFrom && rand() < 0.85) {
        const pid = `${opts.profile.toUpperCase()}-${String(++pathwayNo).padStart(8, '0')}`;
        const local = weighted(byRegion.get(region)!);
        const centre = surgeryUnit ?? pick(centresFor(group.id, region));
        const start = dx - between(5, 25);
        const fa = start + Math.max(1, Math.round(4 + expo(5)));
        const decision = fa + Math.max(3, Math.round(10 + expo(10)));
        const ev = async (code: string, day: number, unit: UnitDef) => events.row([pid, patientId, code, events.date(day), unit.code]);
        await ev(codes.start, start, local);
        await ev(codes.firstAttendance, fa, rand() < 0.6 ? centre : local);
        if (rand() < 0.05) await ev(codes.firstAttendance, fa + between(1, 10), centre); // a later repeat: the earliest counts
        if (rand() < 0.18) await ev(codes.transfer, fa + between(1, 6), centre);
        if (rand() < 0.06) {
          await ev(codes.end, fa + between(2, 10), centre); // cancelled before a decision
          continue;
        }
        const dcode = pick(codes.decision);
        // A few registrations put the decision before the first attendance: a negative interval.
        await ev(dcode, rand() < 0.004 ? fa - between(1, 5) : decision, centre);
        const modality = treated ? (rand() < 0.85 ? 'surgery' : rand() < 0.5 ? 'systemic' : 'radiotherapy') : pick(['palliative', 'active_surveillance', 'no_treatment'] as const);
        const tday = decision + (treated ? Math.round(6 + expo(9)) : between(0, 10));
        await ev(codes.treatment[modality], tday, centre);
        if (rand() < 0.4) await ev(codes.end, tday + between(0, 30), centre);
      }
    }
  }

  // A sprinkling of each kind of bad row, so that the data-quality appendix has content.
  const k = Math.max(1, Math.round(opts.scale));
  const d = (iso: string) => cases.date(dayOf(iso));
  const badDate = def.csv.dateFormat === 'iso' ? '2023-02-30' : '30.02.2023';
  const [u0, u1] = [def.units[0]!.code, def.units[1]!.code];
  const r0 = def.regions[0]!.code;
  for (let i = 0; i < k; i++) {
    const n = () => `K9${String(++caseNo).padStart(8, '0')}`;
    await cases.row([n(), `P9${++patientNo}`, d('2023-05-02'), null, '8890/3', 'F', 61, r0, u0, null]); // missing_value
    await cases.row([n(), `P9${++patientNo}`, badDate, 'C49.2', '8890/3', 'M', 44, r0, u0, null]); // bad_date
    await cases.row([n(), `P9${++patientNo}`, d('2024-03-12'), 'C49.1', '8890/3', 'X', 50, r0, u0, null]); // bad_value (sex)
    await cases.row([n(), `P9${++patientNo}`, d('2024-04-12'), 'C40.2', '9180/3', 'F', 130, r0, u0, null]); // bad_value (age)
    await cases.row([keptCases[i % keptCases.length]!, `P9${++patientNo}`, d('2022-06-01'), 'C49.2', '8890/3', 'F', 70, r0, u1, null]); // duplicate_id
    await cases.row([n(), `P9${++patientNo}`, d('2024-01-20'), 'C49.3', '8890/3', 'M', 66, r0, 'XX99', null]); // unknown_unit
    await cases.row([n(), `P9${++patientNo}`, d('2024-02-20'), 'C48.0', '8850/3', 'F', 72, 'ZZ', u0, null]); // unknown_region
    const f = () => `F9${String(++formNo).padStart(8, '0')}`;
    const c0 = keptCases[(i * 7) % keptCases.length]!;
    await forms.row([f(), c0, 'treatment', u0, d('2024-05-01'), 'surgery', null, u0]); // missing_value (treatment_date)
    await forms.row([f(), c0, 'registration', u0, badDate, null, null, null]); // bad_date
    await forms.row([f(), c0, 'registrering', u0, d('2024-05-01'), null, null, null]); // bad_value
    await forms.row([`F${String(1 + i).padStart(8, '0')}`, c0, 'followup', u0, d('2024-05-01'), null, null, null]); // duplicate_id
    await forms.row([f(), c0, 'followup', 'XX99', d('2024-05-01'), null, null, null]); // unknown_unit
    await forms.row([f(), 'K000000000', 'registration', u0, d('2024-05-01'), null, null, null]); // unknown_case
    const e = (code: string, date: string, unit: string) => events.row([`${opts.profile.toUpperCase()}-9${String(++pathwayNo).padStart(7, '0')}`, `P9${++patientNo}`, code, date, unit]);
    await e('A36Z9', d('2024-02-02'), u0); // unknown_code
    await e(codes.start, badDate, u0); // bad_date
    await e(codes.start, d('2024-02-02'), 'XX99'); // unknown_unit
  }

  for (const w of [units, cases, forms, events]) await w.close();
  return { units: units.rows, cases: cases.rows, forms: forms.rows, pathway_events: events.rows };
}
