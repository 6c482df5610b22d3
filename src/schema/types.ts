/**
 * The schema document (`schema.json`): versioned, JSON, editable by hand, passed back with `--schema`.
 *
 * @example
 * {
 *   "synthgateSchema": 1,
 *   "na": ["", "?"],
 *   "columns": [
 *     { "name": "age", "sdtype": "numerical", "representation": "integer", "min": 17, "max": 90, "decimals": 0,
 *       "role": "quasi-identifier" },
 *     { "name": "email", "sdtype": "pii", "pii": "email", "role": "direct-identifier" },
 *     { "name": "visit", "sdtype": "datetime", "format": "YYYY-MM-DD" },
 *     { "name": "income", "sdtype": "categorical", "role": "sensitive" }
 *   ],
 *   "constraints": [{ "type": "inequality", "low": "start", "high": "end" }]
 * }
 */
export const SCHEMA_VERSION = 1;

export type Sdtype =
  | 'numerical'
  | 'categorical'
  | 'boolean'
  | 'datetime'
  /** A unique key: regenerated unique, never copied. */
  | 'id'
  /** A direct identifier detected by pattern or header (email, phone, name, SSN…): replaced by fakes. */
  | 'pii'
  /** Free text: modelled as a categorical over observed values only when few; otherwise sampled from fakes. */
  | 'text';

export const SDTYPES: readonly Sdtype[] = [
  'numerical',
  'categorical',
  'boolean',
  'datetime',
  'id',
  'pii',
  'text',
];

/** Privacy roles. Audits take quasi-identifiers and sensitive columns from here unless told otherwise. */
export type Role = 'direct-identifier' | 'quasi-identifier' | 'sensitive' | 'key' | 'none';

export const ROLES: readonly Role[] = ['direct-identifier', 'quasi-identifier', 'sensitive', 'key', 'none'];

export type PiiKind =
  | 'email'
  | 'phone'
  | 'person_name'
  | 'first_name'
  | 'last_name'
  | 'ssn'
  | 'credit_card'
  | 'ip_address'
  | 'iban'
  | 'url'
  | 'street_address';

export const PII_KINDS: readonly PiiKind[] = [
  'email',
  'phone',
  'person_name',
  'first_name',
  'last_name',
  'ssn',
  'credit_card',
  'ip_address',
  'iban',
  'url',
  'street_address',
];

export interface ColumnSchemaBase {
  name: string;
  sdtype: Sdtype;
  role?: Role;
  /** The NA token to write for nulls in output (the source's most frequent one). Default "". */
  nullToken?: string;
}

export interface NumericalColumnSchema extends ColumnSchemaBase {
  sdtype: 'numerical';
  representation: 'integer' | 'float';
  /** Observed (or public) bounds. Output never leaves them. */
  min: number;
  max: number;
  /** Decimal places to write (max observed in the source). 0 for integers. */
  decimals: number;
  /**
   * Floats only. true: always write exactly `decimals` places (the source did: `3.50`, `2.00`);
   * false or absent: round to `decimals` places, then drop trailing zeros (`3.5`, `3.25`, `4`).
   */
  fixedDecimals?: boolean;
}

export interface CategoricalColumnSchema extends ColumnSchemaBase {
  sdtype: 'categorical';
  /** Optional public category list; when given, output only uses these. */
  categories?: string[];
}

export interface BooleanColumnSchema extends ColumnSchemaBase {
  sdtype: 'boolean';
  /** Source tokens for true and false, e.g. "yes"/"no", "1"/"0", "true"/"false". */
  trueToken: string;
  falseToken: string;
}

export interface DatetimeColumnSchema extends ColumnSchemaBase {
  sdtype: 'datetime';
  /** Token format, e.g. `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss`, `MMM D YYYY`, `DD/MM/YYYY`. */
  format: string;
  /** Bounds as strings in `format`. */
  min?: string;
  max?: string;
}

export interface IdColumnSchema extends ColumnSchemaBase {
  sdtype: 'id';
  /** Regex-free shape description used to regenerate: 'integer' (sequential numbers) or a pattern like `AA-0000` (A letter, 0 digit, others literal). */
  pattern: string;
}

export interface PiiColumnSchema extends ColumnSchemaBase {
  sdtype: 'pii';
  pii: PiiKind;
}

export interface TextColumnSchema extends ColumnSchemaBase {
  sdtype: 'text';
}

export type ColumnSchema =
  | NumericalColumnSchema
  | CategoricalColumnSchema
  | BooleanColumnSchema
  | DatetimeColumnSchema
  | IdColumnSchema
  | PiiColumnSchema
  | TextColumnSchema;

/** Row-level rules the output must satisfy; the release filter drops rows that break them. */
export type Constraint =
  /** `low <= high` on two numerical or datetime columns (nulls exempt). */
  | { type: 'inequality'; low: string; high: string; strict?: boolean }
  /** Only combinations of these columns' values seen in the training data may appear. */
  | { type: 'fixed-combinations'; columns: string[] };

export interface SchemaDocument {
  synthgateSchema: typeof SCHEMA_VERSION;
  /** NA tokens used to read the source. */
  na?: string[];
  columns: ColumnSchema[];
  constraints?: Constraint[];
}
