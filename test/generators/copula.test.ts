import { describe, expect, it } from 'vitest';
import { copulaFactory, GaussianCopula } from '../../src/generators/copula.js';
import { Rng } from '../../src/rng.js';
import type { CategoricalColumn, NumericColumn } from '../../src/table/column.js';
import { expectObeysSchema, mixedTable, pearson } from './helpers.js';

describe('Gaussian copula', () => {
  const { table, schema } = mixedTable(5000);
  const model = new GaussianCopula().fit(table, schema, new Rng(7));
  const synth = model.sample(5000, new Rng(8));

  it('keeps integers, decimals, bounds, training categories and null rates', () => {
    expectObeysSchema(table, synth, schema);
  });

  it('uses only training categories', () => {
    const city = synth.column('city') as CategoricalColumn;
    expect(new Set(city.dictionary)).toEqual(new Set((table.column('city') as CategoricalColumn).dictionary));
  });

  it('keeps the age–income correlation', () => {
    const r = pearson(
      (table.column('age') as NumericColumn).values,
      (table.column('income') as NumericColumn).values,
    );
    const s = pearson(
      (synth.column('age') as NumericColumn).values,
      (synth.column('income') as NumericColumn).values,
    );
    expect(r).toBeGreaterThan(0.8);
    expect(Math.abs(r - s)).toBeLessThan(0.05);
  });

  it('is deterministic for a seed and round-trips through JSON', () => {
    const again = new GaussianCopula().fit(table, schema, new Rng(7));
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const revived = copulaFactory.load(JSON.parse(JSON.stringify(model.toJSON())), schema);
    const a = revived.sample(300, new Rng(3));
    const b = model.sample(300, new Rng(3));
    expect(a.row(17)).toEqual(b.row(17));
    expect(model.sample(300, new Rng(4)).row(17)).not.toEqual(b.row(17));
  });
});
