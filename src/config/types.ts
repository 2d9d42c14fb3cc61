// The validated, fully defaulted registry profile: what every stage after config/ reads.

export const LANGUAGES = ['nb', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FORM_TYPES = ['registration', 'treatment', 'followup'] as const;
export type FormType = (typeof FORM_TYPES)[number];

export const TREATMENT_TYPES = ['surgery', 'radiotherapy', 'systemic', 'other'] as const;
export type TreatmentType = (typeof TREATMENT_TYPES)[number];

export const INTERVAL_ROLES = ['start', 'first_attendance', 'decision', 'treatment', 'end'] as const;
export type IntervalRole = (typeof INTERVAL_ROLES)[number];

export const SMALL_UNITS = ['suppress', 'pool'] as const;
export type SmallUnits = (typeof SMALL_UNITS)[number];

export type Labels = Readonly<Record<Language, string>>;

export interface SiteGroup {
  readonly id: string;
  readonly icd10: readonly string[];
  readonly label: Labels;
}

/** How CSV text is decoded: 'auto' decides per file (BOM or valid UTF-8 → utf-8, else windows-1252). */
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'auto';

export interface CsvDialect {
  readonly delimiter: string;
  readonly encoding: CsvEncoding;
  readonly dateFormat: string;
}

export interface PathwayInterval {
  readonly id: string;
  readonly from: IntervalRole;
  readonly to: IntervalRole;
  /** Treatment modalities the pathway's treatment milestone must have; null = any or none. */
  readonly treatments: readonly string[] | null;
  readonly normDays: number;
  /** Display name per language (registry.yaml `label`); the id where none is given. */
  readonly label: Labels;
}

export interface PathwayConfig {
  readonly roles: {
    readonly start: readonly string[];
    readonly first_attendance: readonly string[];
    readonly transfer: readonly string[];
    readonly decision: readonly string[];
    readonly end: readonly string[];
    /** code → modality, in the order listed (the order breaks same-day ties). */
    readonly treatment: readonly { readonly code: string; readonly modality: string }[];
  };
  readonly intervals: readonly PathwayInterval[];
  readonly complianceTarget: number;
  /** The moderate goal level; null: none (two levels only). */
  readonly complianceModerate: number | null;
}

/** Indicator ids and region numbers for SKDE's results service (imongr.csv); see README, Publishing. */
export interface ImongrConfig {
  /** One entry per indicator with an id: metric and its key (form type, site group or ALL, interval id). */
  readonly indicators: readonly { readonly metric: 'coverage' | 'centralisation' | 'pathway_time'; readonly key: string; readonly id: string }[];
  /** region code → organisation number (9 digits) of the regional health authority, for `resident` rows. */
  readonly regionOrgnr: Readonly<Record<string, string>>;
}

export interface Config {
  readonly name: string;
  readonly country: string;
  readonly language: Language;
  /** null: derived from the cut-off (see docs/metrics.md). */
  readonly reportYear: number | null;
  /** ISO date; null: the latest registered_date in forms. */
  readonly asOf: string | null;
  readonly csv: CsvDialect;
  readonly cohort: { readonly siteGroups: readonly SiteGroup[] };
  readonly coverage: {
    readonly formTypes: readonly FormType[];
    readonly targetCurrentYear: number;
    readonly targetPreviousYear: number;
    readonly moderateCurrentYear: number | null;
    readonly moderatePreviousYear: number | null;
    readonly trendYears: number;
  };
  readonly centralisation: {
    readonly treatmentTypes: readonly TreatmentType[];
    readonly target: number | null;
    readonly moderate: number | null;
  };
  readonly pathway: PathwayConfig | null;
  readonly publication: {
    readonly minCell: number;
    /** suppress: small units are hidden; pool: they are shown together as one row per region (an extension). */
    readonly smallUnits: SmallUnits;
  };
  /** null: no imongr section (imongr.csv then has its header only). */
  readonly imongr: ImongrConfig | null;
  /** The registry's own details for the report; paths are relative to registry.yaml. */
  readonly about: {
    readonly dataController: Labels | null;
    readonly contact: string | null;
    readonly website: string | null;
    /** a PNG or JPEG file, embedded in the report */
    readonly logo: string | null;
    /** folder of the registry's own texts (Markdown per language); default texts */
    readonly texts: string;
  };
}
