import { readFile } from 'node:fs/promises';
import { InputError, SchemaError } from '../errors.js';
import { locateJsonError } from './json-position.js';
import { type ColumnSchema, type Constraint, type SchemaDocument, SDTYPES } from './types.js';
import { parseSchema } from './validate.js';
import { SDTYPE_KEYS } from './validate-column.js';

/**
 * Read and validate a `schema.json`. A JSON syntax error is reported with its line and column;
 * a valid JSON document that is not a valid schema is reported by `parseSchema` with its path.
 *
 * @example
 * const schema = await loadSchemaFile('schema.json');
 */
export async function loadSchemaFile(path: string): Promise<SchemaDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError('E_SCHEMA_READ', `cannot read the schema file (${code ?? String(e)})`, {
      location: { file: path },
      hint:
        code === 'ENOENT'
          ? 'check the path, or write one with `synthgate inspect DATA --out schema.json`'
          : 'check the file permissions',
      cause: e,
    });
  }
  return parseSchemaText(text, path);
}

/** Parse schema JSON text (BOM tolerated); `file` is only used in error locations. */
export function parseSchemaText(text: string, file?: string): SchemaDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const at = locateJsonError(body);
    const where = at ? `line ${at.line}, column ${at.column}: ${at.reason}` : (e as Error).message;
    throw new SchemaError('E_SCHEMA_JSON', `the schema is not valid JSON (${where})`, {
      location: file === undefined ? {} : { file },
      hint: 'fix the JSON syntax there (quote keys and strings, no trailing commas, no comments)',
      cause: e,
    });
  }
  return parseSchema(json, file);
}

const TOP_ORDER = ['synthgateSchema', 'na', 'columns', 'constraints'];
const CONSTRAINT_ORDER = ['type', 'low', 'high', 'strict', 'columns'];

/** Keys of `obj` in `order` first, then any others in their own order. */
function ordered(obj: object, order: readonly string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of order) if (src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out;
}

function columnOrder(c: ColumnSchema): readonly string[] {
  const specific = SDTYPES.includes(c.sdtype) ? SDTYPE_KEYS[c.sdtype] : [];
  return ['name', 'sdtype', ...specific, 'role', 'nullToken'];
}

const INLINE_WIDTH = 100;

function pretty(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inline = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    if (v.every((x) => x === null || typeof x !== 'object') && indent.length + inline.length <= INLINE_WIDTH)
      return inline;
    const inner = `${indent}  `;
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

/**
 * The schema as stable, pretty JSON: 2-space indent, keys in a fixed order (top level, then each
 * column's name, sdtype, type-specific fields, role, nullToken), short arrays of strings on one
 * line, trailing newline. The same document always gives the same bytes.
 *
 * @example
 * schemaToJson({ synthgateSchema: 1, columns: [{ name: 'a', sdtype: 'text' }] });
 * // => '{\n  "synthgateSchema": 1,\n  "columns": [\n    {\n      "name": "a",\n      "sdtype": "text"\n    }\n  ]\n}\n'
 */
export function schemaToJson(schema: SchemaDocument): string {
  const doc = ordered(schema, TOP_ORDER);
  doc.columns = schema.columns.map((c) => ordered(c, columnOrder(c)));
  if (schema.constraints)
    doc.constraints = schema.constraints.map((c: Constraint) => ordered(c, CONSTRAINT_ORDER));
  return `${pretty(doc, '')}\n`;
}
