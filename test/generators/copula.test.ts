import { describe, expect, it } from 'vitest';
import { copulaFactory, GaussianCopula } from '../../src/generators/copula.js';
import { Rng } from '../../src/rng.js';
import type { CategoricalColumn, NumericColumn } from '../../src/table/column.js';
import { mixedTable, pearson } from './helpers.js';

describe('Gaussian copula', () => {
  const { table, schema } = mixedTable(5000);
  const model = new GaussianCopula().fit(table, schema, new Rng(7));
  const synth = model.sample(5000, new Rng(8));

  it('keeps integers, decimals and bounds', () => {
    const age = synth.column('age') as NumericColumn;
    const inc = synth.column('income') as NumericColumn;
    const ageS = schema.columns[0] as { min: number; max: number };
    for (let i = 0; i < synth.numRows; i++) {
      expect(Number.isInteger(age.values[i])).toBe(true);
      expect(age.values[i]).toBeGreaterThanOrEqual(ageS.min);
      expect(age.values[i]).toBeLessThanOrEqual(ageS.max);
      if (inc.valid.get(i)) expect(Math.round(inc.values[i]! * 100) / 100).toBe(inc.values[i]);
    }
  });

  it('reproduces null rates within 1.5 percentage points', () => {
    for (const name of ['income', 'city']) {
      const real = 1 - table.column(name).valid.count() / table.numRows;
      const syn = 1 - synth.column(name).valid.count() / synth.numRows;
      expect(Math.abs(real - syn)).toBeLessThan(0.015);
    }
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
