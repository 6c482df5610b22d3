import path from 'node:path';
import { expect } from 'vitest';
import { type Dataset, loadDataset, loadWithSchema } from '../../src/dataset.js';
import { evaluate } from '../../src/fidelity/evaluate.js';
import type { FidelityReport } from '../../src/fidelity/report-types.js';
import { Rng } from '../../src/rng.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

/** A correlated mixed-type table with nulls, built in code (no I/O), and its schema. */
export function mixedTable(n: number, seed = 1): { table: Table; schema: SchemaDocument } {
  const rng = new Rng(seed);
  const age = new Float64Array(n);
  const income = new Float64Array(n);
  const city: (string | null)[] = [];
  const flag: string[] = [];
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    age[i] = Math.min(90, Math.max(18, Math.round(45 + 12 * z)));
    income[i] =
      rng.uniform() < 0.1
        ? Number.NaN
        : Math.round((30000 + 800 * (age[i]! - 18) + 5000 * rng.normal()) * 100) / 100;
    city.push(
      rng.uniform() < 0.05
        ? null
        : z > 0.5
          ? 'Lyon'
          : z > -0.5
            ? 'Paris'
            : rng.uniform() < 0.5
              ? 'Nice'
              : 'Lille',
    );
    flag.push(z > 0 ? 'yes' : 'no');
  }
  const incomes = Array.from(income).filter((x) => !Number.isNaN(x));
  const table = new Table([
    numericColumn('age', age),
    numericColumn('income', income),
    categoricalFromStrings('city', city),
    categoricalFromStrings('member', flag),
  ]);
  const schema: SchemaDocument = {
    synthgateSchema: 1,
    columns: [
      {
        name: 'age',
        sdtype: 'numerical',
        representation: 'integer',
        min: Math.min(...age),
        max: Math.max(...age),
        decimals: 0,
      },
      {
        name: 'income',
        sdtype: 'numerical',
        representation: 'float',
        min: Math.min(...incomes),
        max: Math.max(...incomes),
        decimals: 2,
      },
      { name: 'city', sdtype: 'categorical' },
      { name: 'member', sdtype: 'boolean', trueToken: 'yes', falseToken: 'no' },
    ],
  };
  return { table, schema };
}

export function pearson(a: Float64Array, b: Float64Array): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) continue;
    n++;
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) continue;
    c += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return c / Math.sqrt(va * vb);
}

/**
 * The output rules every generator must keep, checked over all schema columns: numerical values are
 * integers (or have at most the schema's decimals) within [min, max]; categorical values come only from
 * the training table's categories; each column's null rate is within `nullTolerance` of the real one.
 */
export function expectObeysSchema(
  real: Table,
  synth: Table,
  schema: SchemaDocument,
  nullTolerance = 0.015,
): void {
  for (const cs of schema.columns) {
    const s = synth.column(cs.name);
    const r = real.column(cs.name);
    const nullRate = (t: Table) => 1 - t.column(cs.name).valid.count() / t.numRows;
    expect(Math.abs(nullRate(real) - nullRate(synth)), `${cs.name} null rate`).toBeLessThan(nullTolerance);
    if (cs.sdtype === 'numerical' && s.kind === 'numeric') {
      const scale = cs.representation === 'integer' ? 1 : 10 ** cs.decimals;
      for (let i = 0; i < synth.numRows; i++) {
        if (!s.valid.get(i)) continue;
        const v = s.values[i]!;
        expect(Math.round(v * scale) / scale, `${cs.name} decimals`).toBe(v);
        expect(v, `${cs.name} ≥ min`).toBeGreaterThanOrEqual(cs.min);
        expect(v, `${cs.name} ≤ max`).toBeLessThanOrEqual(cs.max);
      }
    } else if (
      s.kind === 'categorical' &&
      r.kind === 'categorical' &&
      cs.sdtype !== 'id' &&
      cs.sdtype !== 'pii' &&
      cs.sdtype !== 'text'
    ) {
      const allowed = new Set(r.dictionary);
      for (let i = 0; i < synth.numRows; i++)
        if (s.valid.get(i)) expect(allowed.has(s.dictionary[s.codes[i]!]!), cs.name).toBe(true);
    }
  }
}

/** The distinct non-null values a table's categorical column actually uses, sorted. */
export function usedCategories(t: Table, name: string): string[] {
  const c = t.column(name);
  if (c.kind !== 'categorical') throw new Error(`${name} is not categorical`);
  return [
    ...new Set(
      Array.from(c.codes)
        .filter((k) => k >= 0)
        .map((k) => c.dictionary[k]!),
    ),
  ].sort();
}

/** Pearson correlation of two numeric columns of a table (nulls skipped). */
export function columnCorrelation(t: Table, a: string, b: string): number {
  const x = t.column(a);
  const y = t.column(b);
  if (x.kind !== 'numeric' || y.kind !== 'numeric') throw new Error(`${a} and ${b} must be numeric`);
  return pearson(x.values, y.values);
}

const REFERENCE = path.resolve(import.meta.dirname, '../../../shared/reference');

/** The peers' Adult split (../shared/reference: train 26,049 rows, holdout 6,512, `?` = missing), holdout typed by train's schema. */
export async function loadAdultSplit(): Promise<{ train: Dataset; holdout: Dataset }> {
  const train = await loadDataset(path.join(REFERENCE, 'adult_train.csv'), { na: ['?'] });
  const holdout = await loadWithSchema(path.join(REFERENCE, 'adult_holdout.csv'), train.schema, ['?']);
  return { train, holdout };
}

/** `evaluate` of a synthetic Adult table against the split, without detection; `target` adds TSTR vs TRTR. */
export function evaluateOnAdult(
  split: { train: Dataset; holdout: Dataset },
  synthetic: Table,
  target?: string,
): Promise<FidelityReport> {
  return evaluate({
    real: split.train.table,
    synthetic,
    holdout: split.holdout.table,
    schema: split.train.schema,
    ...(target ? { target } : {}),
    rng: new Rng(0),
    detection: false,
  });
}
