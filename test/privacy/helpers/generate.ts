import fc from 'fast-check';
import { categoricalFromStrings, numericColumn } from '../../../src/table/column.js';
import { Table } from '../../../src/table/table.js';

/** Column spec of a generated table: numeric (few distinct values, so ties happen) or categorical. */
export interface ColumnSpec {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Distinct values to draw from. */
  levels: number;
  nullRate: number;
}

export const columnSpecs = (maxCols = 5): fc.Arbitrary<ColumnSpec[]> =>
  fc
    .array(
      fc.record({
        kind: fc.constantFrom<'numeric' | 'categorical'>('numeric', 'categorical'),
        levels: fc.integer({ min: 1, max: 6 }),
        nullRate: fc.constantFrom(0, 0, 0.1, 0.3),
      }),
      { minLength: 1, maxLength: maxCols },
    )
    .map((cols) => cols.map((c, i) => ({ ...c, name: i % 2 ? `col (${i}) [kg]` : `c ${i}` })));

/** Rows as arrays of cell values (number | string | null) following `specs`. */
export const rowsFor = (
  specs: ColumnSpec[],
  minRows: number,
  maxRows: number,
): fc.Arbitrary<(number | string | null)[][]> =>
  fc.array(
    fc.tuple(
      ...specs.map((s) =>
        fc
          .tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.integer({ min: 0, max: s.levels - 1 }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          )
          .map(([u, level, frac]) =>
            u < s.nullRate
              ? null
              : s.kind === 'numeric'
                ? level * 1.5 + (frac < 0.2 ? Math.round(frac * 40) / 8 : 0)
                : `v${level}`,
          ),
      ),
    ),
    { minLength: minRows, maxLength: maxRows },
  );

/** A Table from generated rows. */
export function tableOf(specs: ColumnSpec[], rows: (number | string | null)[][]): Table {
  return new Table(
    specs.map((s, j) =>
      s.kind === 'numeric'
        ? numericColumn(
            s.name,
            Float64Array.from(rows, (r) => (r[j] === null ? Number.NaN : (r[j] as number))),
          )
        : categoricalFromStrings(
            s.name,
            rows.map((r) => r[j] as string | null),
          ),
    ),
    rows.length,
  );
}

/** Three generated tables sharing `specs`. */
export const tripleFor = (specs: ColumnSpec[], min = 4, max = 40) =>
  fc.tuple(rowsFor(specs, min, max), rowsFor(specs, min, max), rowsFor(specs, min, max)).map(([a, b, c]) => ({
    specs,
    train: tableOf(specs, a),
    synthetic: tableOf(specs, b),
    holdout: tableOf(specs, c),
  }));

export const triples = (maxCols = 5, min = 4, max = 40) =>
  columnSpecs(maxCols).chain((s) => tripleFor(s, min, max));
