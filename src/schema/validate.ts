import { SchemaError } from '../errors.js';
import type { RawTable } from '../table/raw-table.js';
import { Fields } from './schema-fields.js';
import { IssueList, isObject, jsonType, type SchemaIssue, throwIssues } from './schema-issues.js';
import {
  type ColumnSchema,
  type Constraint,
  SCHEMA_VERSION,
  type SchemaDocument,
  type Sdtype,
} from './types.js';
import { checkColumn } from './validate-column.js';

/**
 * Strict schema validation. Every problem is found in one pass (unknown keys at any level, wrong
 * types, unknown sdtype/role/pii kind/constraint type, missing fields, contradictions, duplicate
 * names, constraints on unknown or unsuitable columns, unusable datetime formats) and reported with
 * its path (`columns[3].sdtype`) and a fix; `parseSchema` throws the first as a SchemaError.
 *
 * Constraint rules: `inequality` compares two different columns of the same sdtype, numerical or
 * datetime; `fixed-combinations` takes two or more distinct categorical or boolean columns (as SDV's
 * FixedCombinations does).
 *
 * @example
 * const schema = parseSchema(JSON.parse(text), 'schema.json');
 * parseSchema({ synthgateSchema: 1, columns: [{ name: 'a', sdtype: 'numbers' }] });
 * // throws error[E_SCHEMA_ENUM] unknown sdtype "numbers" (at columns[0].sdtype). Fix: use one of: numerical, …
 */
export function parseSchema(json: unknown, file?: string): SchemaDocument {
  const { schema, issues } = validateSchema(json);
  throwIssues(issues, file);
  return schema!;
}

const TOP_KEYS = ['synthgateSchema', 'na', 'columns', 'constraints'];

/** All problems of a schema document, and the typed document when there are none. */
export function validateSchema(json: unknown): { schema?: SchemaDocument; issues: SchemaIssue[] } {
  const issues = new IssueList();
  if (!isObject(json)) {
    issues.add(
      'E_SCHEMA_TYPE',
      '(root)',
      `a schema must be a JSON object, got ${jsonType(json)}`,
      'start from `synthgate schema` output',
    );
    return { issues: issues.items };
  }
  const version = json.synthgateSchema;
  if (version !== SCHEMA_VERSION) {
    const message =
      version === undefined
        ? 'not a synthgate schema: "synthgateSchema" is missing'
        : `unsupported schema version ${JSON.stringify(version)}; this synthgate reads version ${SCHEMA_VERSION}`;
    issues.add(
      'E_SCHEMA_VERSION',
      'synthgateSchema',
      message,
      `set "synthgateSchema": ${SCHEMA_VERSION} (regenerate the schema with this synthgate's \`schema\` command)`,
    );
    return { issues: issues.items };
  }
  const f = new Fields(json, '', issues);
  f.unknownKeys(TOP_KEYS);
  const na = f.stringArray('na', false);
  const columns = checkColumns(json.columns, issues);
  const constraints =
    json.constraints === undefined ? undefined : checkConstraints(json.constraints, columns, issues);
  if (issues.items.length > 0 || columns === undefined) return { issues: issues.items };
  const schema: SchemaDocument = {
    synthgateSchema: SCHEMA_VERSION,
    ...(na === undefined ? {} : { na }),
    columns,
    ...(constraints === undefined ? {} : { constraints }),
  };
  return { schema, issues: [] };
}

function checkColumns(v: unknown, issues: IssueList): ColumnSchema[] | undefined {
  if (v === undefined) {
    issues.add(
      'E_SCHEMA_MISSING',
      'columns',
      'missing required field "columns"',
      'add "columns": [ … ] with one entry per data column',
    );
    return undefined;
  }
  if (!Array.isArray(v) || v.length === 0) {
    issues.add(
      'E_SCHEMA_TYPE',
      'columns',
      `"columns" must be a non-empty array, got ${Array.isArray(v) ? 'an empty array' : jsonType(v)}`,
      'list one entry per data column',
    );
    return undefined;
  }
  const out: ColumnSchema[] = [];
  const seen = new Map<string, number>();
  v.forEach((c, i) => {
    const col = checkColumn(c, `columns[${i}]`, issues);
    const name = isObject(c) && typeof c.name === 'string' ? c.name : undefined;
    if (name !== undefined) {
      const j = seen.get(name);
      if (j !== undefined)
        issues.add(
          'E_SCHEMA_DUPLICATE',
          `columns[${i}].name`,
          `column "${name}" is listed twice (also columns[${j}])`,
          'keep one entry per column',
        );
      else seen.set(name, i);
    }
    if (col) out.push(col);
  });
  return out.length === v.length ? out : undefined;
}

const CONSTRAINT_TYPES = ['inequality', 'fixed-combinations'] as const;

/** Constraints; column references are checked only when every column was valid (`columns` given). */
function checkConstraints(
  v: unknown,
  columns: readonly ColumnSchema[] | undefined,
  issues: IssueList,
): Constraint[] | undefined {
  if (!Array.isArray(v)) {
    issues.add(
      'E_SCHEMA_TYPE',
      'constraints',
      `"constraints" must be an array, got ${jsonType(v)}`,
      'write "constraints": [ … ] or remove it',
    );
    return undefined;
  }
  const byName = new Map((columns ?? []).map((c) => [c.name, c]));
  const out: Constraint[] = [];
  v.forEach((c, i) => {
    const path = `constraints[${i}]`;
    if (!isObject(c)) {
      issues.add(
        'E_SCHEMA_TYPE',
        path,
        `a constraint must be an object, got ${jsonType(c)}`,
        'write { "type": "inequality", "low": "…", "high": "…" }',
      );
      return;
    }
    const f = new Fields(c, path, issues);
    const type = f.oneOf('type', CONSTRAINT_TYPES, true, 'constraint type');
    const column = (key: string, name: string, allowed: readonly Sdtype[]): ColumnSchema | undefined => {
      if (columns === undefined) return undefined;
      const col = byName.get(name);
      if (!col) {
        issues.add(
          'E_SCHEMA_CONSTRAINT',
          `${path}.${key}`,
          `constraint names unknown column "${name}"`,
          `use one of: ${[...byName.keys()].join(', ')}`,
        );
        return undefined;
      }
      if (!allowed.includes(col.sdtype)) {
        issues.add(
          'E_SCHEMA_CONSTRAINT',
          `${path}.${key}`,
          `column "${name}" is ${col.sdtype}; a ${type} constraint needs ${allowed.join(' or ')} columns`,
          "change the constraint or the column's sdtype",
        );
        return undefined;
      }
      return col;
    };
    if (type === 'inequality') {
      f.unknownKeys(['type', 'low', 'high', 'strict']);
      const low = f.nonEmptyString('low', true);
      const high = f.nonEmptyString('high', true);
      const strict = f.boolean('strict');
      const lo = low === undefined ? undefined : column('low', low, ['numerical', 'datetime']);
      const hi = high === undefined ? undefined : column('high', high, ['numerical', 'datetime']);
      if (low !== undefined && low === high)
        issues.add(
          'E_SCHEMA_CONSTRAINT',
          `${path}.high`,
          `low and high are both "${low}"`,
          'compare two different columns',
        );
      else if (lo && hi && lo.sdtype !== hi.sdtype)
        issues.add(
          'E_SCHEMA_CONSTRAINT',
          `${path}.high`,
          `"${low}" is ${lo.sdtype} but "${high}" is ${hi.sdtype}`,
          'compare two numerical or two datetime columns',
        );
      if (low !== undefined && high !== undefined)
        out.push({ type, low, high, ...(strict === undefined ? {} : { strict }) });
    } else if (type === 'fixed-combinations') {
      f.unknownKeys(['type', 'columns']);
      const names = f.stringArray('columns', true, { unique: true, minLength: 2 });
      names?.forEach((n, k) => {
        column(`columns[${k}]`, n, ['categorical', 'boolean']);
      });
      if (names) out.push({ type, columns: names });
    } else f.unknownKeys(['type', 'low', 'high', 'strict', 'columns']);
  });
  return out;
}

/**
 * Every schema column must exist in the data and every data column in the schema.
 *
 * @example
 * checkSchemaAgainstRaw(parseSchema(json), raw); // throws E_SCHEMA_COLUMNS naming the missing columns
 */
export function checkSchemaAgainstRaw(schema: SchemaDocument, raw: RawTable): void {
  const dataNames = raw.columns.map((c) => c.name);
  const schemaNames = schema.columns.map((c) => c.name);
  const data = new Set(dataNames);
  const inSchema = new Set(schemaNames);
  const notInData = schemaNames.filter((n) => !data.has(n));
  const notInSchema = dataNames.filter((n) => !inSchema.has(n));
  if (notInData.length === 0 && notInSchema.length === 0) return;
  const parts: string[] = [];
  if (notInData.length)
    parts.push(`schema column${notInData.length > 1 ? 's' : ''} ${quoteList(notInData)} not in the data`);
  if (notInSchema.length)
    parts.push(`data column${notInSchema.length > 1 ? 's' : ''} ${quoteList(notInSchema)} not in the schema`);
  throw new SchemaError('E_SCHEMA_COLUMNS', `the schema does not match the data: ${parts.join('; ')}`, {
    location: {
      file: raw.source.path,
      ...(notInData[0] !== undefined ? { column: notInData[0] } : { column: notInSchema[0]! }),
    },
    hint: `make the lists agree (schema: ${schemaNames.join(', ')}; data: ${dataNames.join(', ')}), or infer a new schema from this file`,
  });
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}
