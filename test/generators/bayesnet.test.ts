import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { BayesNet, bayesnetFactory } from '../../src/generators/bayesnet.js';
import { learnStructure, mutualInformation } from '../../src/generators/bayesnet-structure.js';
import {
  conditionalFromCounts,
  familyCounts,
  marginalizeFamily,
} from '../../src/generators/bayesnet-tables.js';
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
import { columnCorrelation, expectObeysSchema, mixedTable, pearson, usedCategories } from './helpers.js';

/** A chain A → B → C (each copies its parent 90 % of the time) and an independent D, 4 values each. */
function chain(n: number, seed: number): { codes: Int32Array[]; sizes: number[] } {
  const rng = new Rng(seed);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const c = new Int32Array(n);
  const d = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.int(4);
    b[i] = rng.uniform() < 0.9 ? a[i]! : rng.int(4);
    c[i] = rng.uniform() < 0.9 ? b[i]! : rng.int(4);
    d[i] = rng.int(4);
  }
  return { codes: [a, b, c, d], sizes: [4, 4, 4, 4] };
}

describe('structure learning', () => {
  it('finds the true parents on a chain A → B → C', () => {
    const { codes, sizes } = chain(5000, 3);
    const s = learnStructure(
      { codes, sizes, n: 5000 },
      { maxParents: 1, maxCells: 1000, maxCandidates: 100, rng: new Rng(1) },
    );
    // B is the most central node and comes first; A and C each take B as their parent.
    expect(s.order[0]).toBe(1);
    expect(s.parents[0]).toEqual([1]);
    expect(s.parents[2]).toEqual([1]);
    expect(s.order).toHaveLength(4);
  });

  it('scores mutual information in nats', () => {
    expect(mutualInformation(Float64Array.of(5, 0, 0, 5), 2)).toBeCloseTo(Math.log(2), 12);
    expect(mutualInformation(Float64Array.of(5, 5, 5, 5), 2)).toBeCloseTo(0, 12);
  });
});

describe('conditional tables', () => {
  it('normalizes rows and falls back to the marginal for unseen parent configurations', () => {
    expect(Array.from(conditionalFromCounts(Float64Array.of(3, 1, 0, 0), 2))).toEqual([0.75, 1, 0.75, 1]);
    // Negative (noisy) counts are clipped before normalizing.
    expect(Array.from(conditionalFromCounts(Float64Array.of(-2, 4), 2))).toEqual([0, 1]);
  });

  it('marginalizes a family table onto a sub-family', () => {
    const { codes, sizes } = chain(500, 4);
    const big = familyCounts(2, [0, 1], codes, sizes, 500);
    const small = marginalizeFamily(big, { child: 2, parents: [0, 1] }, { child: 1, parents: [0] }, sizes);
    expect(Array.from(small)).toEqual(Array.from(familyCounts(1, [0], codes, sizes, 500)));
  });
});

describe('bayesnet generator (no DP)', () => {
  const { table, schema } = mixedTable(5000);
  const model = new BayesNet().fit(table, schema, new Rng(7));
  const synth = model.sample(5000, new Rng(8));

  it('keeps integers, decimals, bounds, training categories and null rates', () => {
    expectObeysSchema(table, synth, schema);
  });

  it('uses only training categories', () => {
    expect(usedCategories(synth, 'city')).toEqual(['Lille', 'Lyon', 'Nice', 'Paris']);
  });

  it('keeps the age–income correlation and the age–member dependence', () => {
    const r = columnCorrelation(table, 'age', 'income');
    const s = columnCorrelation(synth, 'age', 'income');
    expect(Math.abs(r - s)).toBeLessThan(0.05);
    // member = yes exactly when the latent z > 0, i.e. roughly age > 45: the share must survive.
    const share = (t: Table) => {
      const age = t.column('age') as NumericColumn;
      const m = t.column('member') as CategoricalColumn;
      let yes = 0;
      let old = 0;
      for (let i = 0; i < t.numRows; i++) {
        if (age.values[i]! < 55) continue;
        old++;
        if (m.dictionary[m.codes[i]!] === 'yes') yes++;
      }
      return yes / old;
    };
    expect(share(table)).toBeGreaterThan(0.95);
    expect(share(synth)).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed and round-trips through JSON', () => {
    const again = new BayesNet().fit(table, schema, new Rng(7));
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const revived = bayesnetFactory.load(JSON.parse(JSON.stringify(model.toJSON())), schema);
    const a = revived.sample(300, new Rng(3));
    const b = model.sample(300, new Rng(3));
    for (const i of [0, 17, 299]) expect(a.row(i)).toEqual(b.row(i));
    expect(model.sample(300, new Rng(4)).row(17)).not.toEqual(b.row(17));
    expect(model.privacy).toBeUndefined();
  });

  it('can learn the structure on a row subsample of a large table', () => {
    const sub = new BayesNet({ structureRows: 800 }).fit(table, schema, new Rng(7));
    expect(JSON.stringify(new BayesNet({ structureRows: 800 }).fit(table, schema, new Rng(7)).toJSON())).toBe(
      JSON.stringify(sub.toJSON()),
    );
    const s = sub.sample(3000, new Rng(1));
    const r = pearson(
      (s.column('age') as NumericColumn).values,
      (s.column('income') as NumericColumn).values,
    );
    expect(r).toBeGreaterThan(0.8);
  });

  it('is registered and rejects unknown or bad parameters with a usage error', () => {
    expect(createGenerator('bayesnet', { maxParents: 2 }).name).toBe('bayesnet');
    expect(() => createGenerator('bayesnet', { maxParent: 2 })).toThrow(/no parameter "maxParent"/);
    expect(() => createGenerator('bayesnet', { epsilon: -1 })).toThrow(/parameter "epsilon"/);
    try {
      createGenerator('bayesnet', { mechanism: 'cauchy' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).code).toBe('E_BAD_PARAM');
      expect((e as UsageError).hint).toMatch(/one of laplace, gaussian/);
    }
  });
});

describe('bayesnet: datetimes, keys, identifiers and text', () => {
  const n = 2000;
  const rng = new Rng(5);
  const day = 86_400_000;
  const start = parseDatetime('2020-01-01', 'YYYY-MM-DD')!;
  const visit = new Float64Array(n);
  const kind: string[] = [];
  const ids: string[] = [];
  const emails: (string | null)[] = [];
  const notes: string[] = [];
  for (let i = 0; i < n; i++) {
    const late = rng.uniform() < 0.5;
    visit[i] = start + (late ? 200 + rng.int(100) : rng.int(100)) * day;
    kind.push(late ? 'B' : 'A');
    ids.push(`K-${1000 + i}`);
    emails.push(i % 10 === 0 ? null : `person${i}@corp.example`);
    notes.push(`note number ${i} about the visit`);
  }
  const table = new Table([
    categoricalFromStrings('id', ids),
    numericColumn('visit', visit),
    categoricalFromStrings('kind', kind),
    categoricalFromStrings('email', emails),
    categoricalFromStrings('note', notes),
  ]);
  const schema: SchemaDocument = {
    synthgateSchema: 1,
    columns: [
      { name: 'id', sdtype: 'id', pattern: 'A-0000' },
      { name: 'visit', sdtype: 'datetime', format: 'YYYY-MM-DD', min: '2020-01-01', max: '2020-10-26' },
      { name: 'kind', sdtype: 'categorical' },
      { name: 'email', sdtype: 'pii', pii: 'email' },
      { name: 'note', sdtype: 'text' },
    ],
  };
  const model = new BayesNet().fit(table, schema, new Rng(1));
  const synth = model.sample(n, new Rng(2));

  it('keeps datetimes in range and their dependence on a category', () => {
    const v = synth.column('visit') as NumericColumn;
    const k = synth.column('kind') as CategoricalColumn;
    let agree = 0;
    for (let i = 0; i < n; i++) {
      expect(v.values[i]).toBeGreaterThanOrEqual(start);
      expect(v.values[i]).toBeLessThanOrEqual(start + 300 * day);
      const late = v.values[i]! >= start + 150 * day;
      if (late === (k.dictionary[k.codes[i]!] === 'B')) agree++;
    }
    expect(agree / n).toBeGreaterThan(0.97);
  });

  it('regenerates keys, identifiers and text without copying a real value', () => {
    const idc = synth.column('id') as CategoricalColumn;
    expect(new Set(idc.dictionary).size).toBe(n);
    const realEmails = new Set(emails);
    const e = synth.column('email') as CategoricalColumn;
    for (const s of e.dictionary) expect(realEmails.has(s)).toBe(false);
    const nullRate = 1 - e.valid.count() / n;
    expect(Math.abs(nullRate - 0.1)).toBeLessThan(0.03);
    const notesSet = new Set(notes);
    for (const s of (synth.column('note') as CategoricalColumn).dictionary)
      expect(notesSet.has(s)).toBe(false);
  });
});

describe('bayesnet edge cases', () => {
  const n = 40;
  const table = new Table([
    numericColumn('const', new Float64Array(n).fill(7)),
    numericColumn('empty', new Float64Array(n).fill(Number.NaN)),
    categoricalFromStrings('nothing', new Array<string | null>(n).fill(null)),
    categoricalFromStrings('one', new Array<string>(n).fill('x')),
  ]);
  const schema: SchemaDocument = {
    synthgateSchema: 1,
    columns: [
      { name: 'const', sdtype: 'numerical', representation: 'integer', min: 7, max: 7, decimals: 0 },
      { name: 'empty', sdtype: 'numerical', representation: 'float', min: 0, max: 1, decimals: 2 },
      { name: 'nothing', sdtype: 'categorical' },
      { name: 'one', sdtype: 'categorical' },
    ],
  };

  for (const params of [{}, { epsilon: 1 }]) {
    it(`handles constant and all-null columns (${JSON.stringify(params)})`, () => {
      const synth = new BayesNet(params).fit(table, schema, new Rng(1)).sample(50, new Rng(2));
      const c = synth.column('const') as NumericColumn;
      for (let i = 0; i < 50; i++) if (c.valid.get(i)) expect(c.values[i]).toBe(7);
      if (!('epsilon' in params)) {
        expect(c.valid.count()).toBe(50);
        expect(synth.column('empty').valid.count()).toBe(0);
        expect(synth.column('nothing').valid.count()).toBe(0);
        expect((synth.column('one') as CategoricalColumn).codes.every((k) => k === 0)).toBe(true);
      }
    });
  }

  it('refuses an empty table without DP, with a typed error', () => {
    const empty = new Table([numericColumn('const', new Float64Array(0))]);
    expect(() =>
      new BayesNet().fit(empty, { synthgateSchema: 1, columns: [schema.columns[0]!] }, new Rng(1)),
    ).toThrow(/at least one training row/);
  });
});
