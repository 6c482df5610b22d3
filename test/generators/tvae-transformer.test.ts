import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planColumns } from '../../src/generators/tvae/column-plan.js';
import { fitGmm1d } from '../../src/generators/tvae/gmm.js';
import { TabularTransformer } from '../../src/generators/tvae/transformer.js';
import { decodeFloat32, encodeFloat32 } from '../../src/generators/tvae/weights.js';
import { Rng } from '../../src/rng.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { mixedTable } from './helpers.js';

/** A table + schema from generated rows: an integer, a 2-decimal float (nullable), a datetime, a category. */
function tableFrom(rows: { i: number; f: number | null; t: number; c: string | null }[]): {
  table: Table;
  schema: SchemaDocument;
} {
  const ints = Float64Array.from(rows, (r) => r.i);
  const floats = Float64Array.from(rows, (r) => (r.f === null ? Number.NaN : r.f));
  const times = Float64Array.from(rows, (r) => r.t);
  const table = new Table([
    numericColumn('i', ints),
    numericColumn('f', floats),
    numericColumn('t', times),
    categoricalFromStrings(
      'c',
      rows.map((r) => r.c),
    ),
  ]);
  const fv = rows.map((r) => r.f).filter((x): x is number => x !== null);
  const schema: SchemaDocument = {
    synthgateSchema: 1,
    columns: [
      {
        name: 'i',
        sdtype: 'numerical',
        representation: 'integer',
        min: Math.min(...ints),
        max: Math.max(...ints),
        decimals: 0,
      },
      {
        name: 'f',
        sdtype: 'numerical',
        representation: 'float',
        min: Math.min(0, ...fv),
        max: Math.max(0, ...fv),
        decimals: 2,
      },
      { name: 't', sdtype: 'datetime', format: 'YYYY-MM-DD' },
      { name: 'c', sdtype: 'categorical' },
    ],
  };
  return { table, schema };
}

const rowArb = fc.record({
  i: fc.integer({ min: -50, max: 200 }),
  f: fc.option(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => c / 100),
    { nil: null, freq: 5 },
  ),
  t: fc.integer({ min: 0, max: 20_000 }).map((d) => d * 86_400_000),
  c: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: null, freq: 6 }),
});

describe('TVAE transformer', () => {
  it('is exactly invertible: inverse(transform(table)) gives the table back (property)', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, seed) => {
          const { table, schema } = tableFrom(rows);
          const plan = planColumns(table, schema, new Rng(seed), { maxModes: 10 });
          const tr = new TabularTransformer(plan.specs);
          const m = tr.transform(table, new Rng(seed + 1));
          const back = new Table(tr.inverse(m, table.numRows));
          // Columns with no value at all are not modelled (the generator writes them all-null).
          const modelled = table.select(plan.specs.map((s) => s.name));
          expect(plan.specs.length + plan.columns.filter((c) => c.kind === 'allNull').length).toBe(4);
          for (let r = 0; r < table.numRows; r++) expect(back.row(r)).toEqual(modelled.row(r));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lays out scalars first, then one softmax block per mode set, null indicator and category', () => {
    const { table, schema } = mixedTable(400);
    const plan = planColumns(table, schema, new Rng(1), { maxModes: 10 });
    const tr = new TabularTransformer(plan.specs);
    expect(tr.scalars).toBe(2);
    const income = plan.specs.find((s) => s.name === 'income')!;
    const age = plan.specs.find((s) => s.name === 'age')!;
    expect(income.nullable).toBe(true);
    expect(age.nullable).toBe(false);
    // age modes, income modes + null indicator, city (4 + null), member (2).
    const sizes = tr.blocks.map((b) => b.size);
    expect(sizes.length).toBe(5);
    expect(sizes.slice(2)).toEqual([2, 5, 2]);
    expect(tr.blocks[0]!.offset).toBe(2);
    expect(tr.dim).toBe(2 + sizes.reduce((a, b) => a + b, 0));
    const m = tr.transform(table, new Rng(2));
    // Every block of every row is one-hot; scalars of present values are modest (|α| ≲ 1).
    for (let i = 0; i < table.numRows; i++) {
      for (const b of tr.blocks) {
        let ones = 0;
        for (let j = 0; j < b.size; j++) ones += m[i * tr.dim + b.offset + j]!;
        expect(ones).toBe(1);
      }
      expect(Math.abs(m[i * tr.dim]!)).toBeLessThan(2);
    }
  });

  it('finds the modes of a clear mixture and keeps point masses as narrow modes', () => {
    const rng = new Rng(7);
    const v = new Float64Array(3000);
    for (let i = 0; i < v.length; i++)
      v[i] = i % 3 === 0 ? 0 : i % 3 === 1 ? 100 + 5 * rng.normal() : 300 + 20 * rng.normal();
    const g = fitGmm1d(v, new Rng(1));
    expect(g.means.length).toBe(3);
    expect(g.means[0]).toBeCloseTo(0, 3);
    expect(g.stds[0]).toBeLessThan(0.5);
    // The spike at 0 is a point mass; the two Gaussian bumps are not.
    expect(g.points).toEqual([true, false, false]);
    expect(g.means[1]).toBeCloseTo(100, 0);
    expect(g.means[2]).toBeGreaterThan(295);
    expect(g.means[2]).toBeLessThan(305);
    for (const w of g.weights) expect(w).toBeCloseTo(1 / 3, 1);
    // Same seed, same fit.
    expect(fitGmm1d(v, new Rng(1))).toEqual(g);
  });

  it('keeps spikes of a numeric column as point-mass modes, but not the values of a smooth integer column', () => {
    const rng = new Rng(3);
    // capital-gain-like: 90 % zeros, two rare exact values, the rest spread out.
    const gains = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 10 !== 0
        ? 0
        : i % 30 === 0
          ? 15024
          : i % 50 === 0
            ? 7688
            : Math.round(1000 + 20000 * rng.uniform()),
    );
    const g = fitGmm1d(gains, new Rng(1));
    for (const v of [0, 7688, 15024]) {
      const k = g.means.indexOf(v);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(g.points[k]).toBe(true);
    }
    expect(g.points.filter((p) => !p).length).toBeGreaterThan(0);
    // Ages: every integer is frequent, but no more than its neighbours: no spikes.
    const ages = Float64Array.from({ length: 5000 }, () => Math.round(40 + 10 * rng.normal()));
    expect(fitGmm1d(ages, new Rng(1)).points.every((p) => !p)).toBe(true);
  });

  it('round-trips float32 weights through base64 with their shape', () => {
    const a = Float32Array.from({ length: 12 }, (_, i) => Math.fround(Math.sin(i) * 1e3));
    const enc = encodeFloat32(a, [3, 4]);
    expect(decodeFloat32(JSON.parse(JSON.stringify(enc)))).toEqual(a);
    expect(() => encodeFloat32(a, [5, 5])).toThrow(/shape/);
    expect(() => decodeFloat32({ shape: [13], data: enc.data })).toThrow(/bytes/);
  });
});
