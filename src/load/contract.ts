// The extract tables of docs/data-contract.md as data: columns, their kinds, and the row rules in order.

export const TABLES = ['units', 'cases', 'forms', 'pathway_events'] as const;
export type TableName = (typeof TABLES)[number];

export const RULES = [
  'missing_value',
  'bad_date',
  'bad_value',
  'duplicate_id',
  'unknown_unit',
  'unknown_region',
  'unknown_case',
  'unknown_code',
] as const;
export type Rule = (typeof RULES)[number] | 'negative_interval';

/** How a column is checked; the order of kinds in RULES is the order of the checks. */
export type ColumnKind =
  | { readonly type: 'text' }
  | { readonly type: 'date' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'age' }
  | { readonly type: 'orgnr' }
  | { readonly type: 'id' }
  | { readonly type: 'unit' }
  | { readonly type: 'region' }
  | { readonly type: 'case' }
  | { readonly type: 'code' };

export interface ColumnSpec {
  readonly name: string;
  /** 'yes': always required; 'treatment': required on treatment forms; 'no': optional. */
  readonly required: 'yes' | 'treatment' | 'no';
  readonly kind: ColumnKind;
}

export interface TableSpec {
  readonly name: TableName;
  readonly requiredFile: boolean;
  readonly columns: readonly ColumnSpec[];
}

const col = (name: string, required: ColumnSpec['required'], kind: ColumnKind): ColumnSpec => ({ name, required, kind });
const text = { type: 'text' } as const;
const date = { type: 'date' } as const;

export const CONTRACT: Readonly<Record<TableName, TableSpec>> = {
  units: {
    name: 'units',
    requiredFile: true,
    columns: [
      col('unit_code', 'yes', { type: 'id' }),
      col('unit_name', 'yes', text),
      col('region_code', 'yes', text),
      col('region_name', 'yes', text),
      col('centre_for', 'no', text),
      col('orgnr', 'no', { type: 'orgnr' }),
    ],
  },
  cases: {
    name: 'cases',
    requiredFile: true,
    columns: [
      col('case_id', 'yes', { type: 'id' }),
      col('patient_id', 'yes', text),
      col('diagnosis_date', 'yes', date),
      col('icd10', 'yes', text),
      col('morphology', 'no', text),
      col('sex', 'no', { type: 'enum', values: ['M', 'F'] }),
      col('age', 'no', { type: 'age' }),
      col('residence_region', 'yes', { type: 'region' }),
      col('reporting_unit', 'yes', { type: 'unit' }),
      col('death_date', 'no', date),
    ],
  },
  forms: {
    name: 'forms',
    requiredFile: true,
    columns: [
      col('form_id', 'yes', { type: 'id' }),
      col('case_id', 'yes', { type: 'case' }),
      col('form_type', 'yes', { type: 'enum', values: ['registration', 'treatment', 'followup'] }),
      col('unit_code', 'yes', { type: 'unit' }),
      col('registered_date', 'yes', date),
      col('treatment_type', 'treatment', { type: 'enum', values: ['surgery', 'radiotherapy', 'systemic', 'other'] }),
      col('treatment_date', 'treatment', date),
      col('treatment_unit', 'treatment', { type: 'unit' }),
    ],
  },
  pathway_events: {
    name: 'pathway_events',
    requiredFile: false,
    columns: [
      col('pathway_id', 'yes', text),
      col('patient_id', 'yes', text),
      col('code', 'yes', { type: 'code' }),
      col('event_date', 'yes', date),
      col('unit_code', 'yes', { type: 'unit' }),
    ],
  },
};
