import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignTables } from '../../src/privacy/align.js';
import { type Predicate, PredicateIndex, type PredicateOp, queryKey } from '../../src/privacy/predicates.js';
import { valueAt } from '../../src/table/column.js';
import { triples } from './helpers/generate.js';

/** The predicate on a raw cell value, from its documented semantics. */
function holds(op: PredicateOp, x: number | string | null, v: number | string): boolean {
  if (op === 'isnull') return x === null;
  if (op === 'notnull') return x !== null;
  if (x === null) return false;
  switch (op) {
    case 'eq':
      return x === v;
    case 'ne':
      return x !== v;
    case 'lt':
      return x < v;
    case 'le':
      return x <= v;
    case 'gt':
      return x > v;
    default:
      return x >= v;
  }
}

describe('PredicateIndex', () => {
  it('counts conjunctions exactly like a row-by-row evaluation', () => {
    fc.assert(
      fc.property(
        triples(4, 1, 40),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        ({ train, synthetic }, picks) => {
          const al = alignTables([train, synthetic], train.names);
          const index = new PredicateIndex(al.tables[0]!, al.columns);
          const q: Predicate[] = picks.map(([c, o, r]) => {
            const col = c % al.columns.length;
            const kind = al.columns[col]!.kind;
            const ops: PredicateOp[] =
              kind === 'numeric'
                ? ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'isnull', 'notnull']
                : ['eq', 'ne', 'isnull', 'notnull'];
            // Values drawn from the other table, so some are absent from the indexed one.
            const src = al.tables[1]!.data[col]!;
            let value = src[r % src.length]!;
            if (kind === 'categorical' && value < 0) value = 0;
            if (kind === 'numeric' && Number.isNaN(value)) value = 0;
            return { col, op: ops[o % ops.length]!, value };
          });
          let want = 0;
          for (let i = 0; i < train.numRows; i++) {
            const ok = q.every((p) => {
              const column = train.column(al.columns[p.col]!.name);
              const v =
                al.columns[p.col]!.kind === 'categorical' ? al.columns[p.col]!.dictionary[p.value]! : p.value;
              return holds(p.op, valueAt(column, i), v);
            });
            if (ok) want++;
          }
          expect(index.count(q)).toBe(want);
          expect(index.count(q, 2)).toBe(Math.min(2, want));
          expect(index.matches(q).length).toBe(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes a canonical key whatever the column names contain', () => {
    const al = alignTables([triplesTable()], ['weight (kg)', 'o\'brien "x" & y']);
    const key = queryKey(
      [
        { col: 1, op: 'eq', value: 0 },
        { col: 0, op: 'ge', value: 70.5 },
      ],
      al.columns,
    );
    expect(key).toBe(`"o'brien \\"x\\" & y" eq "a & b" & "weight (kg)" ge 70.5`);
  });
});

import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

function triplesTable(): Table {
  return new Table([
    numericColumn('weight (kg)', Float64Array.of(70.5, 80)),
    categoricalFromStrings('o\'brien "x" & y', ['a & b', 'c']),
  ]);
}
