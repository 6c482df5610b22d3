import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/io/read-table.js';
import { tableToRows } from '../../src/schema/format-values.js';
import { inferSchema } from '../../src/schema/infer.js';
import { schemaToJson } from '../../src/schema/load.js';
import { materialize } from '../../src/schema/materialize.js';
import { summarizeColumns } from '../../src/schema/summary.js';
import { parseSchema } from '../../src/schema/validate.js';
import { DEFAULT_NA_TOKENS } from '../../src/table/raw-table.js';
import { ADULT_CSV } from './helpers.js';

// UCI Adult, 32,561 rows; missing values are '?' in workclass (1,836), occupation (1,843) and
// native-country (583) — counts from /work/shared/datasets/README.md. Bounds checked with awk.
const NA = ['?', ...DEFAULT_NA_TOKENS];
const INTEGERS: Record<string, [number, number]> = {
  age: [17, 90],
  fnlwgt: [12285, 1484705],
  'education-num': [1, 16],
  'capital-gain': [0, 99999],
  'capital-loss': [0, 4356],
  'hours-per-week': [1, 99],
};

describe('Adult', async () => {
  const raw = await readTable(ADULT_CSV, { naTokens: NA });
  const schema = inferSchema(raw);

  it('six integer columns with their bounds; the rest categorical', () => {
    expect(raw.numRows).toBe(32561);
    for (const col of schema.columns) {
      const bounds = INTEGERS[col.name];
      if (bounds)
        expect(col).toMatchObject({
          sdtype: 'numerical',
          representation: 'integer',
          min: bounds[0],
          max: bounds[1],
          decimals: 0,
        });
      else expect(col.sdtype, col.name).toBe('categorical');
    }
    expect(schema.columns).toHaveLength(15);
  });

  it('nulls only in workclass, occupation and native-country, written back as "?"', () => {
    const withNulls = Object.fromEntries(
      schema.columns.filter((c) => c.nullToken !== undefined).map((c) => [c.name, c.nullToken]),
    );
    expect(withNulls).toEqual({ workclass: '?', occupation: '?', 'native-country': '?' });
    const nulls = Object.fromEntries(
      raw.columns.filter((c) => c.nullCount > 0).map((c) => [c.name, c.nullCount]),
    );
    expect(nulls).toEqual({ workclass: 1836, occupation: 1843, 'native-country': 583 });
  });

  it('roles from headers', () => {
    const roles = Object.fromEntries(schema.columns.map((c) => [c.name, c.role]));
    expect(roles).toEqual({
      age: 'quasi-identifier',
      workclass: 'none',
      fnlwgt: 'none',
      education: 'quasi-identifier',
      'education-num': 'quasi-identifier',
      'marital-status': 'quasi-identifier',
      occupation: 'quasi-identifier',
      relationship: 'none',
      race: 'quasi-identifier',
      sex: 'quasi-identifier',
      'capital-gain': 'none',
      'capital-loss': 'none',
      'hours-per-week': 'none',
      'native-country': 'quasi-identifier',
      income: 'sensitive',
    });
  });

  it('the same schema when "?" is given to inference instead of ingest', async () => {
    const plain = await readTable(ADULT_CSV);
    expect(inferSchema(plain, { naTokens: NA })).toEqual(schema);
  });

  it('survives schemaToJson → parseSchema unchanged', () => {
    expect(parseSchema(JSON.parse(schemaToJson(schema)))).toEqual(schema);
  });

  it('materialize → tableToRows gives back every source row exactly', () => {
    const table = materialize(raw, schema);
    const source: string[][] = parse(readFileSync(ADULT_CSV, 'utf8'), { from_line: 2 });
    const written = [...tableToRows(table, schema)];
    expect(written.length).toBe(source.length);
    expect(written).toEqual(source);
  });

  it('summary line for age', () => {
    expect(summarizeColumns(raw, schema)[0]).toEqual({
      column: 'age',
      sdtype: 'numerical',
      detail: 'integer [17, 90]',
      nullPct: 0,
      distinct: 73,
      example: '36',
      role: 'quasi-identifier',
    });
  });
});
