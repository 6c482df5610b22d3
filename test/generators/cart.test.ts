import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { Cart, cartFactory, silverman } from '../../src/generators/cart.js';
import { binPredictor, growTree, leafOf } from '../../src/generators/cart-tree.js';
import { createGenerator } from '../../src/generators/registry.js';
import { Rng } from '../../src/rng.js';
import { parseDatetime } from '../../src/schema/datetime.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import {
  type CategoricalColumn,
  categoricalFromStrings,
  type NumericColumn,
  numericColumn,
} from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { columnCorrelation, expectObeysSchema, mixedTable, usedCategories } from './helpers.js';

const OPTS = { minLeaf: 5, minSplit: 15, cp: 1e-8, maxDepth: 30 };

describe('CART tree', () => {
  it('finds the threshold of a step function and keeps the donors of each leaf', () => {
    const n = 200;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i < 120 ? 1 : 5));
    const tree = growTree([binPredictor(x)], { kind: 'value', values: y }, Uint32Array.from(x), OPTS);
    expect(tree.feature[0]).toBe(0);
    expect(tree.value[0]).toBe(119);
    // Both children are pure: no further split, one donor value each.
    expect(tree.leaves.map((l) => [...new Set(l)])).toEqual([[1], [5]]);
    expect(tree.leaves.map((l) => l.length)).toEqual([120, 80]);
    expect(leafOf(tree, [{ kind: 'numeric', values: Float64Array.of(119.5) }], 0)).toBe(1);
  });

  it('groups categories by the class they predict and routes missing values', () => {
    const n = 300;
    const rng = new Rng(2);
    const cat = Int32Array.from({ length: n }, () => rng.int(5)); // 4 = missing
    const cls = Int32Array.from(cat, (c) => (c === 1 || c === 3 || c === 4 ? 1 : 0));
    const tree = growTree(
      [{ kind: 'categorical', codes: cat, cardinality: 5 }],
      { kind: 'class', codes: cls, classes: 2 },
      Uint32Array.from({ length: n }, (_, i) => i),
      OPTS,
    );
    const left = new Set(tree.sets[tree.value[0]!]);
    const oneSide = left.has(1) ? [1, 3, 4] : [0, 2];
    expect([...left].sort()).toEqual(oneSide);
    // A missing code at sample time (−1) goes where the missing category went.
    const leaf = leafOf(tree, [{ kind: 'categorical', codes: Int32Array.of(-1), missing: 4 }], 0);
    expect(tree.leaves[leaf]).toEqual([0, expect.any(Number)]);
  });

  it('respects the minimum leaf size (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 12 }),
        (rows, minLeaf) => {
          const x = Float64Array.from(rows, (r) => r[0]);
          const y = Int32Array.from(rows, (r) => r[1]);
          const tree = growTree(
            [binPredictor(x)],
            { kind: 'class', codes: y, classes: 4 },
            Uint32Array.from(rows, (_, i) => i),
            {
              minLeaf,
              minSplit: 2 * minLeaf,
              cp: 0,
              maxDepth: 30,
            },
          );
          const sizes = tree.leaves.map((l) => l.reduce((a, b) => a + b, 0));
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(rows.length);
          if (tree.leaves.length > 1) for (const s of sizes) expect(s).toBeGreaterThanOrEqual(minLeaf);
        },
      ),
      { numRuns: 150, seed: 3 },
    );
  });

  it("computes R's bw.nrd0", () => {
    // R: bw.nrd0(c(1, 2, 3, 4, 5)) = 0.9 * min(sd, IQR/1.34) * 5^-0.2 = 0.9736
    expect(silverman([1, 2, 3, 4, 5])).toBeCloseTo(0.97357, 4);
    expect(silverman([3, 3, 3])).toBe(0);
    // IQR 0 falls back to the standard deviation, as R does.
    expect(silverman([0, 0, 0, 0, 0, 0, 10])).toBeCloseTo(
      0.9 * Math.sqrt(100 / 7 - 100 / 49) * 7 ** -0.2 * Math.sqrt(7 / 6),
      4,
    );
  });
});

describe('cart generator', () => {
  const { table, schema } = mixedTable(5000);
  const model = new Cart().fit(table, schema, new Rng(7));
  const synth = model.sample(5000, new Rng(8));

  it('visits columns by increasing number of distinct values by default', () => {
    expect(model.state.visits.map((v) => v.name)).toEqual(['member', 'city', 'age', 'income']);
    const custom = new Cart({ order: 'income' }).fit(table, schema, new Rng(7));
    expect(custom.state.visits.map((v) => v.name)).toEqual(['income', 'member', 'city', 'age']);
    expect(
      new Cart({ order: 'schema' }).fit(table, schema, new Rng(7)).state.visits.map((v) => v.name),
    ).toEqual(['age', 'income', 'city', 'member']);
  });

  it('keeps integers, decimals, bounds, training categories and null rates', () => {
    expectObeysSchema(table, synth, schema);
  });

  it('uses every training category', () => {
    expect(usedCategories(synth, 'city')).toEqual(['Lille', 'Lyon', 'Nice', 'Paris']);
  });

  it('keeps the age–income correlation', () => {
    const r = columnCorrelation(table, 'age', 'income');
    const s = columnCorrelation(synth, 'age', 'income');
    expect(Math.abs(r - s)).toBeLessThan(0.03);
  });

  it('smooths continuous draws (income) but not a column with few values (age is exempt as point masses)', () => {
    const real = new Set(Array.from((table.column('income') as NumericColumn).values));
    const inc = synth.column('income') as NumericColumn;
    let copied = 0;
    let present = 0;
    for (let i = 0; i < synth.numRows; i++) {
      if (!inc.valid.get(i)) continue;
      present++;
      if (real.has(inc.values[i]!)) copied++;
    }
    expect(copied / present).toBeLessThan(0.05);
    const raw = new Cart({ smoothing: 'none' }).fit(table, schema, new Rng(7)).sample(2000, new Rng(8));
    const rawInc = raw.column('income') as NumericColumn;
    for (let i = 0; i < raw.numRows; i++)
      if (rawInc.valid.get(i)) expect(real.has(rawInc.values[i]!)).toBe(true);
  });

  it('is deterministic for a seed and round-trips through JSON', () => {
    const again = new Cart().fit(table, schema, new Rng(99));
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const revived = cartFactory.load(JSON.parse(JSON.stringify(model.toJSON())), schema);
    const a = revived.sample(300, new Rng(3));
    const b = model.sample(300, new Rng(3));
    for (const i of [0, 17, 299]) expect(a.row(i)).toEqual(b.row(i));
    expect(model.sample(300, new Rng(4)).row(17)).not.toEqual(b.row(17));
  });

  it('is registered and rejects bad parameters', () => {
    expect(createGenerator('cart', { minLeaf: 10 }).name).toBe('cart');
    expect(() => createGenerator('cart', { minleaf: 10 })).toThrow(UsageError);
    expect(() => new Cart({ order: 'age,nope' }).fit(table, schema, new Rng(1))).toThrow(
      /unknown or unmodelled column "nope"/,
    );
    expect(() => new Cart({ order: 'age,age' }).fit(table, schema, new Rng(1))).toThrow(/twice/);
  });
});

describe('cart: datetimes, keys, identifiers', () => {
  const n = 1500;
  const rng = new Rng(9);
  const day = 86_400_000;
  const start = parseDatetime('2021-03-01', 'YYYY-MM-DD')!;
  const visit = new Float64Array(n);
  const kind: string[] = [];
  for (let i = 0; i < n; i++) {
    const late = rng.uniform() < 0.4;
    visit[i] = i % 20 === 0 ? Number.NaN : start + (late ? 100 + rng.int(60) : rng.int(60)) * day;
    kind.push(late ? 'late' : 'early');
  }
  const table = new Table([
    categoricalFromStrings(
      'id',
      Array.from({ length: n }, (_, i) => String(i + 1)),
    ),
    numericColumn('visit', visit),
    categoricalFromStrings('kind', kind),
    categoricalFromStrings(
      'phone',
      Array.from({ length: n }, (_, i) => `(555) 010-${String(i).padStart(4, '0')}`),
    ),
  ]);
  const schema: SchemaDocument = {
    synthgateSchema: 1,
    columns: [
      { name: 'id', sdtype: 'id', pattern: 'integer' },
      { name: 'visit', sdtype: 'datetime', format: 'YYYY-MM-DD' },
      { name: 'kind', sdtype: 'categorical' },
      { name: 'phone', sdtype: 'pii', pii: 'phone' },
    ],
  };
  const synth = new Cart().fit(table, schema, new Rng(1)).sample(n, new Rng(2));

  it('keeps datetimes in the observed range, their nulls and their dependence', () => {
    const v = synth.column('visit') as NumericColumn;
    const k = synth.column('kind') as CategoricalColumn;
    let agree = 0;
    let present = 0;
    for (let i = 0; i < n; i++) {
      if (!v.valid.get(i)) continue;
      present++;
      expect(v.values[i]).toBeGreaterThanOrEqual(start);
      expect(v.values[i]).toBeLessThanOrEqual(start + 159 * day);
      if (v.values[i]! >= start + 80 * day === (k.dictionary[k.codes[i]!] === 'late')) agree++;
    }
    expect(Math.abs(1 - present / n - 0.05)).toBeLessThan(0.02);
    expect(agree / present).toBeGreaterThan(0.97);
  });

  it('regenerates keys and identifiers', () => {
    expect(Array.from({ length: 5 }, (_, i) => synth.row(i).id)).toEqual(['1', '2', '3', '4', '5']);
    const real = new Set((table.column('phone') as CategoricalColumn).dictionary);
    for (const s of (synth.column('phone') as CategoricalColumn).dictionary) {
      expect(real.has(s)).toBe(false);
      expect(s).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);
    }
  });
});

describe('cart edge cases', () => {
  it('handles constant and all-null columns and a single row', () => {
    const n = 30;
    const table = new Table([
      numericColumn('const', new Float64Array(n).fill(7)),
      numericColumn('empty', new Float64Array(n).fill(Number.NaN)),
      categoricalFromStrings('nothing', new Array<string | null>(n).fill(null)),
    ]);
    const schema: SchemaDocument = {
      synthgateSchema: 1,
      columns: [
        { name: 'const', sdtype: 'numerical', representation: 'integer', min: 7, max: 7, decimals: 0 },
        { name: 'empty', sdtype: 'numerical', representation: 'float', min: 0, max: 1, decimals: 2 },
        { name: 'nothing', sdtype: 'categorical' },
      ],
    };
    const synth = new Cart().fit(table, schema, new Rng(1)).sample(20, new Rng(2));
    expect(Array.from((synth.column('const') as NumericColumn).values)).toEqual(new Array(20).fill(7));
    expect(synth.column('empty').valid.count()).toBe(0);
    expect(synth.column('nothing').valid.count()).toBe(0);
    const one = new Cart().fit(table.take([0]), schema, new Rng(1)).sample(3, new Rng(2));
    expect(one.row(2)).toEqual({ const: 7, empty: null, nothing: null });
  });
});
