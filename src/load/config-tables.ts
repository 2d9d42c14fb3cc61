// Config → cfg_* tables, so that the metric SQL is the same static text for every registry profile.
import type { Config } from '../config/types.js';
import type { Db } from '../db.js';

export async function loadConfigTables(db: Db, config: Config): Promise<void> {
  await db.run('CREATE TABLE cfg_site_groups (site_group VARCHAR, ord INTEGER, prefix VARCHAR)');
  await db.insert(
    'cfg_site_groups',
    config.cohort.siteGroups.flatMap((g, i) => g.icd10.map((p) => [g.id, i, p])),
  );
  await db.run('CREATE TABLE cfg_form_types (form_type VARCHAR, ord INTEGER)');
  await db.insert('cfg_form_types', config.coverage.formTypes.map((f, i) => [f, i]));
  await db.run('CREATE TABLE cfg_centralisation_treatments (treatment_type VARCHAR)');
  await db.insert('cfg_centralisation_treatments', config.centralisation.treatmentTypes.map((t) => [t]));

  // role: start | first_attendance | transfer | decision | end | treatment; treat_ord breaks same-day ties.
  await db.run('CREATE TABLE cfg_codes (code VARCHAR, role VARCHAR, modality VARCHAR, treat_ord INTEGER)');
  await db.run(
    'CREATE TABLE cfg_intervals (interval_id VARCHAR, ord INTEGER, from_role VARCHAR, to_role VARCHAR, norm_days INTEGER, any_treatment BOOLEAN)',
  );
  await db.run('CREATE TABLE cfg_interval_treatments (interval_id VARCHAR, modality VARCHAR)');
  const p = config.pathway;
  if (!p) return;
  const { treatment, ...plain } = p.roles;
  await db.insert('cfg_codes', [
    ...Object.entries(plain).flatMap(([role, codes]) => codes.map((c) => [c, role, null, null])),
    ...treatment.map((t, i) => [t.code, 'treatment', t.modality, i]),
  ]);
  await db.insert('cfg_intervals', p.intervals.map((iv, i) => [iv.id, i, iv.from, iv.to, iv.normDays, iv.treatments === null]));
  await db.insert('cfg_interval_treatments', p.intervals.flatMap((iv) => (iv.treatments ?? []).map((m) => [iv.id, m])));
}
