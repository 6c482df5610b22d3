import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { BayesNet, bayesnetFactory } from '../../src/generators/bayesnet.js';
import type { BayesNetState } from '../../src/generators/bayesnet-model.js';
import type { MechanismTape } from '../../src/generators/dp/ledger.js';
import { Rng } from '../../src/rng.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import {
  type CategoricalColumn,
  categoricalFromStrings,
  type NumericColumn,
  numericColumn,
} from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { mixedTable, pearson } from './helpers.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('bayesnet with ε-differential privacy', () => {
  const { table, schema } = mixedTable(4000);
  const model = new BayesNet({ epsilon: 2 }).fit(table, schema, new Rng(3));

  it('carries a ledger whose ε add up to the budget', () => {
    const ledger = model.privacy!;
    expect(ledger.epsilon).toBe(2);
    expect(ledger.delta).toBe(0);
    // Exactly, summed in ledger order.
    expect(sum(ledger.entries.map((e) => e.epsilon))).toBe(2);
    const steps = ledger.entries.map((e) => e.step);
    expect(steps).toContain('row count');
    const ageS = schema.columns[0] as { min: number; max: number };
    expect(steps).toContain(`age: bounds [${ageS.min}, ${ageS.max}] from the schema`);
    expect(steps.some((s) => s.startsWith('city: the training data') && s.includes('ASSUMED PUBLIC'))).toBe(
      true,
    );
    expect(steps.filter((s) => s.startsWith('structure step'))).toHaveLength(3);
    for (const e of ledger.entries) {
      if (e.mechanism.startsWith('public')) expect(e.epsilon).toBe(0);
      else expect(e.epsilon).toBeGreaterThan(0);
    }
    // The documented split: 1 % row count, 15 % histograms, then β = 0.3 of the rest for structure.
    const of = (prefix: string) =>
      sum(ledger.entries.filter((e) => e.step.startsWith(prefix)).map((e) => e.epsilon));
    expect(of('row count')).toBeCloseTo(2 * 0.01, 12);
    expect(of('structure')).toBeCloseTo(2 * 0.3 * 0.84, 12);
    expect(of('table of')).toBeCloseTo(2 * 0.7 * 0.84, 12);
  });

  it('keeps the schema: integers, decimals, bounds, categories', () => {
    const synth = model.sample(3000, new Rng(4));
    const age = synth.column('age') as NumericColumn;
    const inc = synth.column('income') as NumericColumn;
    for (let i = 0; i < synth.numRows; i++) {
      expect(Number.isInteger(age.values[i])).toBe(true);
      expect(age.values[i]).toBeGreaterThanOrEqual((schema.columns[0] as { min: number }).min);
      expect(age.values[i]).toBeLessThanOrEqual((schema.columns[0] as { max: number }).max);
      if (inc.valid.get(i)) expect(Math.round(inc.values[i]! * 100) / 100).toBe(inc.values[i]);
    }
    const city = synth.column('city') as CategoricalColumn;
    expect(new Set(city.dictionary)).toEqual(new Set((table.column('city') as CategoricalColumn).dictionary));
  });

  it('still keeps the main dependence at a moderate ε', () => {
    const synth = new BayesNet({ epsilon: 10 }).fit(table, schema, new Rng(3)).sample(4000, new Rng(5));
    const s = pearson(
      (synth.column('age') as NumericColumn).values,
      (synth.column('income') as NumericColumn).values,
    );
    expect(s).toBeGreaterThan(0.6);
    const real = 1 - table.column('income').valid.count() / table.numRows;
    const syn = 1 - synth.column('income').valid.count() / synth.numRows;
    expect(Math.abs(real - syn)).toBeLessThan(0.03);
  });

  it('is deterministic and round-trips through JSON with its ledger', () => {
    const again = new BayesNet({ epsilon: 2 }).fit(table, schema, new Rng(3));
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const revived = bayesnetFactory.load(JSON.parse(JSON.stringify(model.toJSON())), schema);
    expect(revived.privacy).toEqual(model.privacy);
    expect(revived.sample(200, new Rng(9)).row(123)).toEqual(model.sample(200, new Rng(9)).row(123));
  });

  it('with δ: releases categories by a noisy threshold and measures with one Gaussian per stage', () => {
    const rows = 3000;
    const vals: string[] = [];
    for (let i = 0; i < rows; i++) vals.push(i === 0 ? 'unique-person' : i % 3 === 0 ? 'x' : 'y');
    const t = new Table([
      categoricalFromStrings('c', vals),
      numericColumn(
        'v',
        Float64Array.from({ length: rows }, (_, i) => i % 50),
      ),
    ]);
    const s: SchemaDocument = {
      synthgateSchema: 1,
      columns: [
        { name: 'c', sdtype: 'categorical' },
        { name: 'v', sdtype: 'numerical', representation: 'integer', min: 0, max: 49, decimals: 0 },
      ],
    };
    const m = new BayesNet({ epsilon: 1, delta: 1e-6 }).fit(t, s, new Rng(1));
    const ledger = m.privacy!;
    expect(sum(ledger.entries.map((e) => e.epsilon))).toBeCloseTo(1, 12);
    expect(sum(ledger.entries.map((e) => e.delta ?? 0))).toBeCloseTo(1e-6, 18);
    expect(ledger.entries.find((e) => e.step.startsWith('c: categories released'))?.mechanism).toBe(
      'laplace threshold',
    );
    expect(ledger.entries.filter((e) => e.mechanism.startsWith('gaussian'))).toHaveLength(2);
    const out = m.sample(2000, new Rng(2)).column('c') as CategoricalColumn;
    const used = new Set(
      Array.from(out.codes)
        .filter((c) => c >= 0)
        .map((c) => out.dictionary[c]),
    );
    expect(used).toEqual(new Set(['x', 'y']));
  });

  it('depends on the rows, not on their order (not even through a dictionary assumed public)', () => {
    const perm = new Rng(8).permutation(table.numRows);
    // Rebuild the categorical columns from strings, so the permuted table's dictionaries are in a new first-appearance order.
    const shuffled = table.take(perm);
    const rebuilt = new Table(
      shuffled.columns.map((c) =>
        c.kind === 'categorical'
          ? categoricalFromStrings(
              c.name,
              Array.from(c.codes, (k, i) => (c.valid.get(i) ? c.dictionary[k]! : null)),
            )
          : c,
      ),
    );
    expect((rebuilt.column('city') as CategoricalColumn).dictionary).not.toEqual(
      (table.column('city') as CategoricalColumn).dictionary,
    );
    const a = new BayesNet({ epsilon: 2 }).fit(table, schema, new Rng(3));
    const b = new BayesNet({ epsilon: 2 }).fit(rebuilt, schema, new Rng(3));
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
  });

  it('asks for public bounds of a datetime column', () => {
    const t = new Table([numericColumn('d', Float64Array.of(0, 86_400_000))]);
    const s: SchemaDocument = {
      synthgateSchema: 1,
      columns: [{ name: 'd', sdtype: 'datetime', format: 'YYYY-MM-DD' }],
    };
    try {
      new BayesNet({ epsilon: 1 }).fit(t, s, new Rng(1));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).code).toBe('E_DP_NEEDS_BOUNDS');
    }
  });
});

/** A random table under a fixed, fully public schema (bounds and categories declared). */
const SCHEMA: SchemaDocument = {
  synthgateSchema: 1,
  columns: [
    { name: 'n', sdtype: 'numerical', representation: 'integer', min: 0, max: 200, decimals: 0 },
    { name: 'f', sdtype: 'numerical', representation: 'float', min: -1, max: 1, decimals: 3 },
    { name: 'c', sdtype: 'categorical', categories: ['a', 'b', 'c', 'd'] },
    { name: 'b', sdtype: 'boolean', trueToken: 'yes', falseToken: 'no' },
    { name: 'key', sdtype: 'id', pattern: 'integer' },
  ],
};

const rowArb = fc.record({
  n: fc.option(fc.integer({ min: -10, max: 250 }), { nil: null }),
  f: fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null }),
  c: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: null }),
  b: fc.constantFrom('yes', 'no'),
});
type Row = { n: number | null; f: number | null; c: string | null; b: string };

function tableOf(rows: Row[]): Table {
  return new Table(
    [
      numericColumn(
        'n',
        Float64Array.from(rows, (r) => r.n ?? Number.NaN),
      ),
      numericColumn(
        'f',
        Float64Array.from(rows, (r) => r.f ?? Number.NaN),
      ),
      categoricalFromStrings(
        'c',
        rows.map((r) => r.c),
      ),
      // Boolean columns are materialized with the dictionary [falseToken, trueToken].
      {
        kind: 'categorical',
        name: 'b',
        codes: Int32Array.from(rows, (r) => (r.b === 'yes' ? 1 : 0)),
        dictionary: ['no', 'yes'],
        valid: categoricalFromStrings(
          'x',
          rows.map((r) => r.b),
        ).valid,
      },
      categoricalFromStrings(
        'key',
        rows.map((_, i) => String(i + 1)),
      ),
    ],
    rows.length,
  );
}

function fitDp(t: Table, tape?: MechanismTape): BayesNetState {
  return new BayesNet({ epsilon: 1, maxParents: 2 }).fitState(t, SCHEMA, new Rng(77), tape);
}

/** The parts of a state that must come from the schema alone. */
function publicParts(s: BayesNetState) {
  return {
    columns: s.columns,
    domains: s.attributes.map((a) =>
      a.type === 'dp-numeric'
        ? { name: a.name, grid: a.grid }
        : a.type === 'dp-categorical'
          ? { name: a.name, categories: a.categories }
          : a,
    ),
    publicSteps: s.privacy!.entries.filter((e) => e.epsilon === 0),
    epsilon: s.privacy!.epsilon,
  };
}

describe('a DP fit reads the data only through its accounted steps (property)', () => {
  it('replaying the recorded mechanism outputs on any other table gives the identical model', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 120 }),
        fc.array(rowArb, { minLength: 0, maxLength: 120 }),
        (rowsA, rowsB) => {
          const tape: MechanismTape = { mode: 'record', entries: [] };
          const a = fitDp(tableOf(rowsA), tape);
          // Every value, the null pattern and even the row count differ; only the tape is shared.
          const b = fitDp(tableOf(rowsB), { mode: 'replay', entries: tape.entries });
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          // Each recorded mechanism output has its ledger line, and the ledger spends exactly ε.
          const charged = a.privacy!.entries.filter((e) => e.epsilon > 0).map((e) => e.step);
          expect(tape.entries.map((e) => e.step)).toEqual(charged);
          expect(sum(a.privacy!.entries.map((e) => e.epsilon))).toBe(1);
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });

  it('neighbouring tables (one row changed) differ only in noised parts', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 2, maxLength: 120 }), rowArb, fc.nat(), (rows, other, at) => {
        const changed = rows.slice();
        changed[at % rows.length] = other;
        const tapeA: MechanismTape = { mode: 'record', entries: [] };
        const tapeB: MechanismTape = { mode: 'record', entries: [] };
        const a = fitDp(tableOf(rows), tapeA);
        const b = fitDp(tableOf(changed), tapeB);
        // Bins, categories, regenerated columns and the public ledger lines come from the schema: identical.
        expect(publicParts(b)).toEqual(publicParts(a));
        // The row count and the histograms are the first mechanisms of both fits, on the same public cells.
        expect(tapeB.entries.slice(0, 5).map((e) => e.step)).toEqual(
          tapeA.entries.slice(0, 5).map((e) => e.step),
        );
        // B's model is exactly what A's fit makes of B's noisy outputs: nothing else differs.
        const cross = fitDp(tableOf(rows), { mode: 'replay', entries: tapeB.entries });
        expect(JSON.stringify(cross)).toBe(JSON.stringify(b));
      }),
      { numRuns: 25, seed: 12 },
    );
  });
});
