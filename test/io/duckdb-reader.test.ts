import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readCsv } from '../../src/io/csv-reader.js';
import { readWithDuckDB } from '../../src/io/duckdb-reader.js';
import { canonicalDecimal, canonicalFloat } from '../../src/io/duckdb-values.js';
import { ADULT, caught, cells, column, rowsOf, tempDir, writeFixture } from './helpers.js';

const dir = tempDir();
const typed = join(dir, 'typed.parquet');
const adultParquet = join(dir, 'adult.parquet');

/** Writes the Parquet test files with DuckDB itself (`COPY … TO … (FORMAT parquet)`). */
beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (
    SELECT i::BIGINT AS id,
           (i * 1.5)::DOUBLE AS x,
           (i * 0.1)::FLOAT AS f,
           (i / 4)::DECIMAL(10, 3) AS d,
           i % 2 = 0 AS b,
           DATE '2024-01-30' + i::INT AS day,
           TIMESTAMP '2024-01-01 10:00:00' + to_seconds(i) AS ts,
           TIMESTAMPTZ '2024-01-01 10:00:00.25+02' AS tz,
           CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS s,
           CASE i WHEN 1 THEN 'NaN'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN '-inf'::DOUBLE ELSE 1e20 END AS special,
           CASE WHEN i = 4 THEN 'NA' ELSE 'ok' END AS token,
           [i, i + 1] AS l,
           {'k': i} AS st
    FROM range(5) t(i)) TO '${typed}' (FORMAT parquet)`);
  await con.run(
    `COPY (SELECT * FROM read_csv('${ADULT}', all_varchar = true)) TO '${adultParquet}' (FORMAT parquet)`,
  );
  con.closeSync();
  db.closeSync();
});

describe('readWithDuckDB on Parquet', () => {
  it('turns every type into canonical text and keeps the DuckDB type', async () => {
    const raw = await readWithDuckDB(typed, 'parquet');
    expect(raw.numRows).toBe(5);
    const col = (name: string) => cells(column(raw, name));
    expect(col('id')).toEqual(['0', '1', '2', '3', '4']);
    expect(col('x')).toEqual(['0', '1.5', '3', '4.5', '6']);
    expect(col('f')).toEqual(['0', '0.1', '0.2', '0.3', '0.4']);
    expect(col('d')).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(col('b')).toEqual(['true', 'false', 'true', 'false', 'true']);
    expect(col('day')).toEqual(['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-02-03']);
    expect(col('ts')[1]).toBe('2024-01-01T10:00:01');
    expect(col('tz')[0]).toBe('2024-01-01T08:00:00.25Z');
    expect(col('s')).toEqual([null, 'v1', 'v2', null, 'v4']);
    // NaN is a default NA token, as in a CSV; infinities stay text for type inference to judge.
    expect(col('special')).toEqual([
      '100000000000000000000',
      null,
      'Infinity',
      '-Infinity',
      '100000000000000000000',
    ]);
    expect(column(raw, 'special').nullToken).toBe('NaN');
    expect(col('token')).toEqual(['ok', 'ok', 'ok', 'ok', null]);
    expect(col('l')).toEqual(['[0,1]', '[1,2]', '[2,3]', '[3,4]', '[4,5]']);
    expect(col('st')[2]).toBe('{"k":2}');
    expect(Object.fromEntries(raw.columns.map((c) => [c.name, c.sourceType]))).toMatchObject({
      id: 'BIGINT',
      x: 'DOUBLE',
      f: 'FLOAT',
      d: 'DECIMAL(10,3)',
      b: 'BOOLEAN',
      day: 'DATE',
      ts: 'TIMESTAMP',
      tz: 'TIMESTAMP WITH TIME ZONE',
      s: 'VARCHAR',
      special: 'DOUBLE',
      l: 'BIGINT[]',
      st: 'STRUCT(k BIGINT)',
    });
    expect(column(raw, 's')).toMatchObject({ nullCount: 2, nullToken: null });
  });

  it('reads Adult from Parquet into the same cells as from CSV, with the file hash', async () => {
    const fromCsv = await readCsv(ADULT, { naTokens: ['?'] });
    const fromParquet = await readWithDuckDB(adultParquet, 'parquet', { naTokens: ['?'] });
    expect(fromParquet.numRows).toBe(32561);
    expect(rowsOf(fromParquet)).toEqual(rowsOf(fromCsv));
    expect(fromParquet.source).toMatchObject({ format: 'parquet', naTokens: ['?'] });
    expect(fromParquet.source.sha256).toBe(
      createHash('sha256').update(readFileSync(adultParquet)).digest('hex'),
    );
    expect(column(fromParquet, 'workclass').nullToken).toBe('?');
  });

  it('reports the reading progress up to the file size', async () => {
    const calls: number[] = [];
    const raw = await readWithDuckDB(adultParquet, 'parquet', {
      onProgress: (n, total) => calls.push(n / total),
    });
    expect(calls.at(-1)).toBe(1);
    expect(raw.source.bytes).toBe(readFileSync(adultParquet).length);
  });

  it('refuses a file that is not Parquet with E_BAD_PARQUET', async () => {
    const e = (await caught(() =>
      readWithDuckDB(writeFixture(dir, 'fake.parquet', 'a,b\n1,2\n'), 'parquet'),
    )) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('E_BAD_PARQUET');
    expect(e.message).not.toContain('\n');
  });
});

describe('readWithDuckDB on JSON and NDJSON', () => {
  it('reads an array of objects, unioning keys, missing keys as null', async () => {
    const path = writeFixture(
      dir,
      'people.json',
      '[{"age": 31, "city": "Paris"}, {"age": 45.5, "vip": true}]',
    );
    const raw = await readWithDuckDB(path, 'json');
    expect(raw.columns.map((c) => [c.name, c.sourceType])).toEqual([
      ['age', 'DOUBLE'],
      ['city', 'VARCHAR'],
      ['vip', 'BOOLEAN'],
    ]);
    expect(rowsOf(raw)).toEqual([
      ['31', 'Paris', null],
      ['45.5', null, 'true'],
    ]);
    expect(raw.source.format).toBe('json');
  });

  it('reads newline-delimited JSON, nested values as JSON text', async () => {
    const path = writeFixture(
      dir,
      'events.ndjson',
      '{"id": 1, "tags": ["a", "b"]}\n{"id": 2, "tags": []}\n\n{"id": 3}\n',
    );
    const raw = await readWithDuckDB(path, 'ndjson');
    expect(rowsOf(raw)).toEqual([
      ['1', '["a","b"]'],
      ['2', '[]'],
      ['3', null],
    ]);
    expect(column(raw, 'tags').sourceType).toBe('VARCHAR[]');
  });

  it('streams more rows than one DuckDB chunk (2,048) in order', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ i, half: i % 2 === 0 ? 'even' : 'odd' }),
    );
    const raw = await readWithDuckDB(writeFixture(dir, 'many.ndjson', lines.join('\n')), 'ndjson');
    expect(raw.numRows).toBe(5000);
    expect(cells(column(raw, 'i'))).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
    expect(column(raw, 'half').counts).toEqual([2500, 2500]);
  });

  it('refuses malformed JSON (E_BAD_JSON) and a file with no records (E_NO_COLUMNS)', async () => {
    const bad = (await caught(() =>
      readWithDuckDB(writeFixture(dir, 'bad.json', '[{"a": 1,'), 'json'),
    )) as InputError;
    expect(bad.code).toBe('E_BAD_JSON');
    expect(bad.toLine()).toMatch(/^error\[E_BAD_JSON\] cannot read .*bad\.json: Malformed JSON/);
    const empty = await caught(() => readWithDuckDB(writeFixture(dir, 'empty.json', '[]'), 'json'));
    expect(empty).toMatchObject({ code: 'E_NO_COLUMNS' });
    const zero = await caught(() => readWithDuckDB(writeFixture(dir, 'zero.json', ''), 'json'));
    expect(zero).toMatchObject({ code: 'E_EMPTY_FILE' });
  });
});

describe('readWithDuckDB paths', () => {
  it('refuses a path with glob characters instead of letting DuckDB expand it', async () => {
    const path = writeFixture(dir, 'data[1].json', '[{"a": 1}]');
    writeFixture(dir, 'data1.json', '[{"b": 2}]');
    expect(await caught(() => readWithDuckDB(path, 'json'))).toMatchObject({ code: 'E_BAD_PATH' });
  });
});

describe('DuckDB value spelling', () => {
  it('spells floats as JavaScript does and trims DECIMAL zeros without rounding', () => {
    expect(['1.0', '-0.0', '1e+20', '0.30000000000000004', 'nan', '-inf'].map(canonicalFloat)).toEqual([
      '1',
      '0',
      '100000000000000000000',
      '0.30000000000000004',
      'NaN',
      '-Infinity',
    ]);
    expect(['12.500', '-3.000', '0.000', '42', '12345678901234567890.120'].map(canonicalDecimal)).toEqual([
      '12.5',
      '-3',
      '0',
      '42',
      '12345678901234567890.12',
    ]);
  });
});
