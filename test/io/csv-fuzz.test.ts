import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SynthgateError } from '../../src/errors.js';
import { readCsv } from '../../src/io/csv-reader.js';
import { writeCsv } from '../../src/io/csv-writer.js';
import { DEFAULT_NA_TOKENS } from '../../src/table/raw-table.js';
import { rowsOf, tempDir } from './helpers.js';

const dir = tempDir();
let fileNo = 0;
const nextPath = () => join(dir, `f${++fileNo}.csv`);

const NA = new Set(DEFAULT_NA_TOKENS);
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Cell text with the characters CSV must escape over-represented, plus any Unicode. */
const tricky = fc
  .array(fc.constantFrom(' ', ',', ';', '|', '\t', '"', '\r', '\n', 'x', 'é', '😀', '\u00a0'), {
    maxLength: 10,
  })
  .map((chars) => chars.join(''));
const cell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  tricky,
  fc.constantFrom(...DEFAULT_NA_TOKENS),
);

/** Unique, non-blank header names; the first may not start with a BOM (a reader strips it). */
const header = (width: number) =>
  fc
    .uniqueArray(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), tricky), {
      minLength: width,
      maxLength: width,
    })
    .filter((names) => names.every((n) => n.trim() !== '') && !names[0]!.startsWith('\uFEFF'));

const table = (value: fc.Arbitrary<string>, minWidth = 1) =>
  fc.integer({ min: minWidth, max: 5 }).chain((width) =>
    fc.record({
      header: header(width),
      rows: fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 12 }),
    }),
  );

const expected = (rows: string[][]) => rows.map((r) => r.map((v) => (NA.has(v) ? null : v)));

describe('readCsv round trip (fast-check)', () => {
  it('reads back any table csv-stringify writes, with NA tokens as nulls', async () => {
    await fc.assert(
      fc.asyncProperty(table(cell), fc.constantFrom(...DELIMITERS), async (t, delimiter) => {
        const path = nextPath();
        const text = stringify([t.header, ...t.rows], { delimiter, quoted_empty: t.header.length === 1 });
        writeFileSync(path, text);
        const raw = await readCsv(path, { delimiter });
        expect(raw.columns.map((c) => c.name)).toEqual(t.header);
        expect(rowsOf(raw)).toEqual(expected(t.rows));
      }),
      { numRuns: 300 },
    );
  });

  it('detects the delimiter of what writeCsv writes when cells avoid the other candidates', async () => {
    const withoutOthers = (delimiter: string) => (v: string) =>
      [...v].filter((ch) => ch === delimiter || !DELIMITERS.includes(ch as never)).join('');
    const case_ = fc
      .constantFrom(...DELIMITERS)
      .chain((delimiter) =>
        fc.record({ delimiter: fc.constant(delimiter), t: table(cell.map(withoutOthers(delimiter)), 2) }),
      );
    await fc.assert(
      fc.asyncProperty(case_, async ({ delimiter, t }) => {
        const names = t.header.map((n, i) => `${withoutOthers(delimiter)(n)}#${i}`);
        const path = nextPath();
        await writeCsv(path, names, t.rows, { delimiter });
        const raw = await readCsv(path);
        expect(raw.source.delimiter).toBe(delimiter);
        expect(raw.columns.map((c) => c.name)).toEqual(names);
        expect(rowsOf(raw)).toEqual(expected(t.rows));
      }),
      { numRuns: 200 },
    );
  });
});

describe('readCsv on arbitrary bytes (fast-check)', () => {
  /** Bytes biased toward CSV structure, encoding edge cases and binary. */
  const csvish = fc.array(
    fc.oneof(
      fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c, 0x22, 0x0a, 0x0d, 0x61, 0x20, 0x4e, 0x41),
      fc.constantFrom(0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0xff, 0xfe, 0x00, 0x80, 0xf0, 0x9f),
      fc.integer({ min: 0, max: 255 }),
    ),
    { maxLength: 80 },
  );

  it('either returns a table or throws a SynthgateError, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csvish,
          fc.uint8Array({ maxLength: 80 }).map((a) => [...a]),
        ),
        fc.option(fc.constantFrom(...DELIMITERS), { nil: undefined }),
        async (bytes, delimiter) => {
          const path = nextPath();
          writeFileSync(path, Buffer.from(bytes));
          try {
            const raw = await readCsv(path, delimiter ? { delimiter } : {});
            for (const c of raw.columns) expect(c.codes.length).toBe(raw.numRows);
          } catch (e) {
            expect(e).toBeInstanceOf(SynthgateError);
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
