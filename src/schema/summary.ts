import type { RawTable } from '../table/raw-table.js';
import { columnValues } from './column-values.js';
import { maskValue } from './mask.js';
import type { ColumnSchema, Role, SchemaDocument, Sdtype } from './types.js';
import { checkSchemaAgainstRaw } from './validate.js';

/** One line of `synthgate inspect`. */
export interface ColumnSummary {
  column: string;
  sdtype: Sdtype;
  /** e.g. `integer [17, 90]`, `float [0, 9.5] 2 dp`, `datetime YYYY-MM-DD`, `pii:email`, `9 categories`. */
  detail: string;
  /** Share of null rows, in percent (0–100). */
  nullPct: number;
  /** Distinct non-null values. */
  distinct: number;
  /** The commonest non-null value; masked for pii, id and text columns; '' when all null. */
  example: string;
  role: Role;
}

function detail(cs: ColumnSchema, distinct: number): string {
  switch (cs.sdtype) {
    case 'numerical':
      return `${cs.representation} [${cs.min}, ${cs.max}]${cs.representation === 'float' ? ` ${cs.decimals} dp` : ''}`;
    case 'categorical':
      if (cs.categories) return `${cs.categories.length} declared categories`;
      return distinct === 0 ? 'all null' : `${distinct} categor${distinct === 1 ? 'y' : 'ies'}`;
    case 'boolean':
      return `true=${cs.trueToken} false=${cs.falseToken}`;
    case 'datetime':
      return `datetime ${cs.format}`;
    case 'id':
      return `id ${cs.pattern}`;
    case 'pii':
      return `pii:${cs.pii}`;
    case 'text':
      return 'free text';
  }
}

/**
 * Column table for `synthgate inspect`, computed from the raw dictionaries (NA tokens of the
 * schema's `na` count as nulls); the schema must match the data's columns. Examples of identifiers and free text are masked (`maskValue`) so
 * the console never shows a real identifier.
 *
 * @example
 * summarizeColumns(raw, schema)[0];
 * // => { column: 'age', sdtype: 'numerical', detail: 'integer [17, 90]', nullPct: 0, distinct: 73, example: '36', role: 'quasi-identifier' }
 */
export function summarizeColumns(raw: RawTable, schema: SchemaDocument): ColumnSummary[] {
  checkSchemaAgainstRaw(schema, raw);
  const na = new Set(schema.na ?? []);
  const byName = new Map(raw.columns.map((c) => [c.name, c]));
  return schema.columns.map((cs) => {
    const cv = columnValues(byName.get(cs.name)!, na);
    let example = '';
    let best = 0;
    cv.values.forEach((s, k) => {
      if (cv.counts[k]! > best) [example, best] = [s, cv.counts[k]!];
    });
    if (example !== '' && (cs.sdtype === 'pii' || cs.sdtype === 'id' || cs.sdtype === 'text'))
      example = maskValue(example);
    const distinct = cv.values.length;
    return {
      column: cs.name,
      sdtype: cs.sdtype,
      detail: detail(cs, distinct),
      nullPct: raw.numRows > 0 ? (100 * cv.nulls) / raw.numRows : 0,
      distinct,
      example,
      role: cs.role ?? 'none',
    };
  });
}
