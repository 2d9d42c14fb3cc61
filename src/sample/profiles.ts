// The two sample registries: their units, regions, codes and registry.yaml. Names are real
// Norwegian and Swedish hospitals; every patient, case and number generated for them is synthetic.

export interface UnitDef {
  readonly code: string;
  readonly name: string;
  readonly region: string;
  /** site groups it is a designated centre for */
  readonly centreFor: readonly string[];
  /** relative share of the region's cases it reports */
  readonly weight: number;
  /** share of its cases it ever registers (some units lag far behind) */
  readonly diligence: number;
}

export interface ProfileDef {
  readonly regions: readonly { readonly code: string; readonly name: string; readonly weight: number }[];
  readonly units: readonly UnitDef[];
  /** codes per role; treatment: modality → code */
  readonly codes: {
    readonly start: string;
    readonly firstAttendance: string;
    readonly transfer: string;
    readonly decision: readonly string[];
    readonly end: string;
    readonly treatment: Readonly<Record<'surgery' | 'systemic' | 'radiotherapy' | 'palliative' | 'active_surveillance' | 'no_treatment', string>>;
  };
  readonly casesPerYear: number;
  readonly firstYear: number;
  readonly reportYear: number;
  readonly asOf: string;
  readonly pathwayFrom: number;
  readonly csv: { readonly delimiter: string; readonly encoding: 'utf-8' | 'latin-1'; readonly dateFormat: 'iso' | 'dmy' };
  readonly registryYaml: string;
}

const NO_YAML = `# Kvalitetsregister for sarkom: sample profile (synthetic data)
name: Kvalitetsregister for sarkom
country: NO
language: nb
report_year: 2024
as_of: 2025-03-31
csv: { delimiter: ";", encoding: latin-1, date_format: "%d.%m.%Y" }

cohort:
  site_groups:
    - id: bone
      icd10: [C40, C41]
      label: { nb: Bensarkom, sv: Skelettsarkom, en: Bone sarcoma }
    - id: soft_tissue
      icd10: [C47, C49]
      label: { nb: Bløtvevssarkom, sv: Mjukdelssarkom, en: Soft-tissue sarcoma }
    - id: retroperitoneal
      icd10: [C48]
      label: { nb: Retroperitonealt sarkom, sv: Retroperitonealt sarkom, en: Retroperitoneal sarcoma }

coverage:
  form_types: [registration, treatment]
  target_current_year: 0.80
  target_previous_year: 0.95
  trend_years: 10

centralisation:
  treatment_types: [surgery]
  target: 0.90

pathway:
  roles:
    start: [A36A]
    first_attendance: [A36S]
    transfer: [A36O]
    decision: [A36CK, A36CM, A36CA, A36CI]
    end: [A36X]
    treatment:
      A36FK: surgery
      A36FM: systemic
      A36FS: radiotherapy
      A36FL: palliative
      A36FO: active_surveillance
      A36FI: no_treatment
  intervals:
    - { id: OF1, from: start, to: first_attendance, norm_days: 8 }
    - { id: OF2, from: first_attendance, to: decision, norm_days: 21 }
    - { id: OF3, from: decision, to: treatment, treatments: [surgery, systemic, radiotherapy], norm_days: 14 }
    - { id: OF4, from: start, to: treatment, treatments: [surgery, systemic, radiotherapy], norm_days: 43 }
  compliance_target: 0.70

publication:
  min_cell: 5
`;

const SE_YAML = `# Nationellt kvalitetsregister för sarkom: sample profile (synthetic data)
name: Nationellt kvalitetsregister för sarkom
country: SE
language: sv
report_year: 2024
as_of: 2025-03-31

cohort:
  site_groups:
    - id: bone
      icd10: [C40, C41]
      label: { nb: Bensarkom, sv: Skelettsarkom, en: Bone sarcoma }
    - id: soft_tissue
      icd10: [C47, C49]
      label: { nb: Bløtvevssarkom, sv: Mjukdelssarkom, en: Soft-tissue sarcoma }
    - id: retroperitoneal
      icd10: [C48]
      label: { nb: Retroperitonealt sarkom, sv: Retroperitonealt sarkom, en: Retroperitoneal sarcoma }

coverage:
  form_types: [registration, treatment]
  target_current_year: 0.80
  target_previous_year: 0.95
  trend_years: 10

centralisation:
  treatment_types: [surgery]
  target: 0.90

# Standardiserat vårdförlopp (SVF): the registry's own code list.
pathway:
  roles:
    start: [XS001]
    first_attendance: [XS006]
    transfer: [XS010]
    decision: [XS005]
    end: [XS002]
    treatment:
      XS011: surgery
      XS012: systemic
      XS013: radiotherapy
      XS014: palliative
      XS015: active_surveillance
      XS016: no_treatment
  intervals:
    - { id: SVF1, from: start, to: first_attendance, norm_days: 7 }
    - { id: SVF2, from: first_attendance, to: decision, norm_days: 21 }
    - { id: SVF3, from: decision, to: treatment, treatments: [surgery, systemic, radiotherapy], norm_days: 14 }
    - { id: SVF4, from: start, to: treatment, treatments: [surgery, systemic, radiotherapy], norm_days: 36 }
  compliance_target: 0.70

publication:
  min_cell: 5
`;

const ALL = ['bone', 'soft_tissue', 'retroperitoneal'];
const SOFT = ['soft_tissue'];

export const PROFILES = {
  no: {
    regions: [
      { code: 'HSO', name: 'Helse Sør-Øst', weight: 56 },
      { code: 'HV', name: 'Helse Vest', weight: 20 },
      { code: 'HMN', name: 'Helse Midt-Norge', weight: 14 },
      { code: 'HN', name: 'Helse Nord', weight: 10 },
    ],
    units: [
      { code: 'OUS', name: 'Oslo universitetssykehus', region: 'HSO', centreFor: ALL, weight: 30, diligence: 0.99 },
      { code: 'AHUS', name: 'Akershus universitetssykehus', region: 'HSO', centreFor: [], weight: 20, diligence: 0.97 },
      { code: 'SI', name: 'Sykehuset Innlandet', region: 'HSO', centreFor: [], weight: 14, diligence: 0.93 },
      { code: 'VV', name: 'Vestre Viken', region: 'HSO', centreFor: [], weight: 16, diligence: 0.96 },
      { code: 'SSHF', name: 'Sørlandet sykehus', region: 'HSO', centreFor: [], weight: 10, diligence: 0.72 },
      { code: 'STHF', name: 'Sykehuset Telemark & Vestfold', region: 'HSO', centreFor: [], weight: 10, diligence: 0.95 },
      { code: 'HUS', name: 'Haukeland universitetssjukehus', region: 'HV', centreFor: ALL, weight: 45, diligence: 0.99 },
      { code: 'SUS', name: 'Stavanger universitetssjukehus', region: 'HV', centreFor: [], weight: 35, diligence: 0.96 },
      { code: 'FORDE', name: 'Helse Førde', region: 'HV', centreFor: [], weight: 20, diligence: 0.55 },
      { code: 'STOLAV', name: 'St. Olavs hospital', region: 'HMN', centreFor: SOFT, weight: 60, diligence: 0.98 },
      { code: 'HMR', name: 'Helse Møre og Romsdal', region: 'HMN', centreFor: [], weight: 40, diligence: 0.94 },
      { code: 'UNN', name: 'Universitetssykehuset Nord-Norge', region: 'HN', centreFor: SOFT, weight: 55, diligence: 0.97 },
      { code: 'NLSH', name: 'Nordlandssykehuset', region: 'HN', centreFor: [], weight: 30, diligence: 0.9 },
      { code: 'HSYK', name: 'Helgelandssykehuset', region: 'HN', centreFor: [], weight: 15, diligence: 0.85 },
    ],
    codes: {
      start: 'A36A', firstAttendance: 'A36S', transfer: 'A36O', decision: ['A36CK', 'A36CM', 'A36CA', 'A36CI'], end: 'A36X',
      treatment: { surgery: 'A36FK', systemic: 'A36FM', radiotherapy: 'A36FS', palliative: 'A36FL', active_surveillance: 'A36FO', no_treatment: 'A36FI' },
    },
    casesPerYear: 300,
    firstYear: 2013,
    reportYear: 2024,
    asOf: '2025-03-31',
    pathwayFrom: 2015,
    csv: { delimiter: ';', encoding: 'latin-1', dateFormat: 'dmy' },
    registryYaml: NO_YAML,
  },
  se: {
    regions: [
      { code: 'NORR', name: 'Norra sjukvårdsregionen', weight: 9 },
      { code: 'MELLAN', name: 'Sjukvårdsregion Mellansverige', weight: 21 },
      { code: 'STHLM', name: 'Stockholm-Gotland', weight: 24 },
      { code: 'SYDOST', name: 'Sydöstra sjukvårdsregionen', weight: 10 },
      { code: 'VAST', name: 'Västra sjukvårdsregionen', weight: 19 },
      { code: 'SYD', name: 'Södra sjukvårdsregionen', weight: 17 },
    ],
    units: [
      { code: 'NUS', name: 'Norrlands universitetssjukhus, Umeå', region: 'NORR', centreFor: ALL, weight: 50, diligence: 0.98 },
      { code: 'SUNDS', name: 'Sundsvalls sjukhus', region: 'NORR', centreFor: [], weight: 50, diligence: 0.8 },
      { code: 'AKAD', name: 'Akademiska sjukhuset, Uppsala', region: 'MELLAN', centreFor: [], weight: 40, diligence: 0.96 },
      { code: 'USO', name: 'Universitetssjukhuset Örebro', region: 'MELLAN', centreFor: [], weight: 35, diligence: 0.94 },
      { code: 'GAVLE', name: 'Gävle sjukhus', region: 'MELLAN', centreFor: [], weight: 25, diligence: 0.6 },
      { code: 'KS', name: 'Karolinska universitetssjukhuset', region: 'STHLM', centreFor: ALL, weight: 70, diligence: 0.99 },
      { code: 'SÖS', name: 'Södersjukhuset', region: 'STHLM', centreFor: [], weight: 30, diligence: 0.93 },
      { code: 'LIU', name: 'Universitetssjukhuset i Linköping', region: 'SYDOST', centreFor: ALL, weight: 60, diligence: 0.97 },
      { code: 'JKPG', name: 'Länssjukhuset Ryhov, Jönköping', region: 'SYDOST', centreFor: [], weight: 40, diligence: 0.9 },
      { code: 'SU', name: 'Sahlgrenska universitetssjukhuset', region: 'VAST', centreFor: ALL, weight: 65, diligence: 0.98 },
      { code: 'SÄS', name: 'Södra Älvsborgs sjukhus, Borås', region: 'VAST', centreFor: [], weight: 35, diligence: 0.88 },
      { code: 'SUS', name: 'Skånes universitetssjukhus, Lund', region: 'SYD', centreFor: ALL, weight: 70, diligence: 0.99 },
      { code: 'HBG', name: 'Helsingborgs lasarett', region: 'SYD', centreFor: [], weight: 30, diligence: 0.92 },
    ],
    codes: {
      start: 'XS001', firstAttendance: 'XS006', transfer: 'XS010', decision: ['XS005'], end: 'XS002',
      treatment: { surgery: 'XS011', systemic: 'XS012', radiotherapy: 'XS013', palliative: 'XS014', active_surveillance: 'XS015', no_treatment: 'XS016' },
    },
    casesPerYear: 380,
    firstYear: 2013,
    reportYear: 2024,
    asOf: '2025-03-31',
    pathwayFrom: 2016,
    csv: { delimiter: ',', encoding: 'utf-8', dateFormat: 'iso' },
    registryYaml: SE_YAML,
  },
} as const satisfies Record<string, ProfileDef>;

export type ProfileName = keyof typeof PROFILES;
