import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { Tvae, type TvaeModel, tvaeFactory } from '../../src/generators/tvae.js';
import { Rng } from '../../src/rng.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { mixedTable, pearson } from './helpers.js';

/** mixedTable plus a key column and an email column, which TVAE must regenerate, never model. */
function withIdentifiers(n: number): { table: Table; schema: SchemaDocument } {
  const { table, schema } = mixedTable(n, 3);
  const ids = Array.from({ length: n }, (_, i) => `K-${1000 + i}`);
  const emails = Array.from({ length: n }, (_, i) => `person${i}@corp.example`);
  return {
    table: new Table([
      ...table.columns,
      categoricalFromStrings('key', ids),
      categoricalFromStrings('email', emails),
    ]),
    schema: {
      ...schema,
      columns: [
        ...schema.columns,
        { name: 'key', sdtype: 'id', pattern: 'A-0000' },
        { name: 'email', sdtype: 'pii', pii: 'email' },
      ],
    },
  };
}

const FAST = {
  backend: 'cpu',
  threads: 1,
  epochs: 12,
  batchSize: 100,
  compressDims: '32,32',
  decompressDims: '32,32',
  embeddingDim: 16,
};

describe('TVAE generator', () => {
  it('lowers the loss while training and samples rows that obey the schema', async () => {
    const { table, schema } = withIdentifiers(3000);
    const labels: string[] = [];
    const model = (await new Tvae({
      backend: 'wasm',
      threads: 1,
      epochs: 30,
      batchSize: 100,
      compressDims: '64,64',
      decompressDims: '64,64',
      embeddingDim: 32,
    }).fit(table, schema, new Rng(1), {
      onProgress: (_f, l) => labels.push(l ?? ''),
    })) as TvaeModel;
    expect(model.backend).toBe('wasm');
    const losses = model.state.training.losses;
    expect(losses).toHaveLength(30);
    expect(losses[29]!).toBeLessThan(losses[0]! * 0.8);
    expect(labels.at(-1)).toMatch(/^epoch 30\/30 loss -?\d+\.\d{3} \[wasm×1\]$/);

    const synth = model.sample(2000, new Rng(2));
    expect(synth.names).toEqual(schema.columns.map((c) => c.name));
    const age = synth.column('age');
    if (age.kind !== 'numeric') throw new Error('age should be numeric');
    const ageSchema = schema.columns[0]!;
    if (ageSchema.sdtype !== 'numerical') throw new Error('schema');
    for (let i = 0; i < 2000; i++) {
      const v = age.values[i]!;
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(ageSchema.min);
      expect(v).toBeLessThanOrEqual(ageSchema.max);
    }
    // The model learned the age–income dependence (r ≈ 0.89 in the real table; TVAE's sampling
    // noise and a short training leave it weaker).
    const income = synth.column('income');
    if (income.kind !== 'numeric') throw new Error('income should be numeric');
    expect(pearson(age.values, income.values)).toBeGreaterThan(0.6);
    // Nulls of income are reproduced roughly (10 % real).
    const incomeNulls = 1 - income.valid.count() / 2000;
    expect(incomeNulls).toBeGreaterThan(0.03);
    expect(incomeNulls).toBeLessThan(0.2);
    // Keys are fresh and unique; emails are fakes, never real values.
    const key = synth.column('key');
    const email = synth.column('email');
    if (key.kind !== 'categorical' || email.kind !== 'categorical')
      throw new Error('identifiers should be categorical');
    expect(new Set(key.dictionary).size).toBe(2000);
    const realEmails = new Set((table.column('email') as { dictionary: readonly string[] }).dictionary);
    expect(email.dictionary.some((e) => realEmails.has(e))).toBe(false);
  });

  it('is deterministic for a seed on the cpu backend (weights and samples)', async () => {
    const { table, schema } = mixedTable(300, 5);
    const a = await new Tvae(FAST).fit(table, schema, new Rng(9));
    const b = await new Tvae(FAST).fit(table, schema, new Rng(9));
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const sa = a.sample(200, new Rng(4));
    const sb = b.sample(200, new Rng(4));
    for (let i = 0; i < 200; i += 17) expect(sa.row(i)).toEqual(sb.row(i));
    const c = await new Tvae(FAST).fit(table, schema, new Rng(10));
    expect(JSON.stringify(c.toJSON())).not.toBe(JSON.stringify(a.toJSON()));
  });

  it('serializes weights into the model state and samples the same after a JSON round trip', async () => {
    const { table, schema } = withIdentifiers(300);
    const model = await new Tvae(FAST).fit(table, schema, new Rng(3));
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json.state.decoder.layers[0].w.shape).toEqual([16, 32]);
    expect(typeof json.state.decoder.layers[0].w.data).toBe('string');
    expect(json.state.training.backend).toBe('cpu');
    const loaded = tvaeFactory.load(json, schema);
    const x = model.sample(300, new Rng(8));
    const y = loaded.sample(300, new Rng(8));
    for (let i = 0; i < 300; i++) expect(y.row(i)).toEqual(x.row(i));
    // A corrupted state is refused with a clear message.
    const broken = structuredClone(json);
    broken.state.decoder.layers[0].w.data = broken.state.decoder.layers[0].w.data.slice(8);
    expect(() => tvaeFactory.load(broken, schema)).toThrow(/bytes/);
    expect(() => tvaeFactory.load({ ...json, stateVersion: 99 }, schema)).toThrow(/version/);
  });

  it('keeps the original decoder with autoregressive=false, and still loads state version 1', async () => {
    const { table, schema } = mixedTable(300, 2);
    const original = await new Tvae({ ...FAST, autoregressive: 'false' }).fit(table, schema, new Rng(3));
    const json = JSON.parse(JSON.stringify(original.toJSON()));
    expect(json.stateVersion).toBe(2);
    expect(json.state.decoder.autoregressive).toBeUndefined();
    // A version-1 file (before the parameter existed) samples exactly as the original decoder.
    const { autoregressive: _dropped, ...v1Params } = json.params;
    const v1 = tvaeFactory.load({ ...json, stateVersion: 1, params: v1Params }, schema) as TvaeModel;
    expect(v1.params.autoregressive).toBe(false);
    const x = original.sample(200, new Rng(5));
    const y = v1.sample(200, new Rng(5));
    for (let i = 0; i < 200; i++) expect(y.row(i)).toEqual(x.row(i));
    // The default model carries the autoregressive layers and their degrees.
    const ar = (await new Tvae(FAST).fit(table, schema, new Rng(3))).toJSON().state as TvaeModel['state'];
    expect(ar.decoder!.autoregressive!.degrees).toHaveLength(ar.decoder!.autoregressive!.input.w.shape[0]!);
  });

  it('draws a column that is a function of another consistently with the autoregressive decoder', async () => {
    // b is a fixed relabelling of a (10 categories); x is independent noise. A latent of 2
    // dimensions cannot carry a alone, so the original decoder, which draws b independently of a
    // given z, mixes them up; the autoregressive one reads a when it draws b.
    const n = 2000;
    const rng = new Rng(21);
    const a: string[] = [];
    const b: string[] = [];
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = rng.int(10);
      a.push(`a${k}`);
      b.push(`b${(k * 7) % 10}`);
      x[i] = Math.round(rng.normal() * 1000) / 100;
    }
    const table = new Table([
      categoricalFromStrings('a', a),
      categoricalFromStrings('b', b),
      numericColumn('x', x),
    ]);
    const schema: SchemaDocument = {
      ...mixedTable(10).schema,
      columns: [
        { name: 'a', sdtype: 'categorical' },
        { name: 'b', sdtype: 'categorical' },
        {
          name: 'x',
          sdtype: 'numerical',
          representation: 'float',
          min: Math.min(...x),
          max: Math.max(...x),
          decimals: 2,
        },
      ],
    };
    const consistency = async (autoregressive: boolean) => {
      const m = await new Tvae({
        ...FAST,
        epochs: 20,
        learningRate: 0.005,
        embeddingDim: 2,
        autoregressive,
      }).fit(table, schema, new Rng(4));
      const s = m.sample(1000, new Rng(6));
      let ok = 0;
      for (let i = 0; i < 1000; i++) {
        const r = s.row(i) as { a: string; b: string };
        if (r.b === `b${(Number(r.a.slice(1)) * 7) % 10}`) ok++;
      }
      return ok / 1000;
    };
    const withAr = await consistency(true);
    const without = await consistency(false);
    expect(withAr).toBeGreaterThan(0.97);
    expect(withAr).toBeGreaterThan(without + 0.1);
  });

  it('runs DP-SGD within the budget and writes the ledger', async () => {
    const { table, schema } = mixedTable(600, 7);
    const model = await new Tvae({ ...FAST, epochs: 4, epsilon: 3, delta: 1e-5 }).fit(
      table,
      schema,
      new Rng(1),
    );
    const ledger = model.privacy!;
    expect(ledger.epsilon).toBeLessThanOrEqual(3);
    expect(ledger.epsilon).toBeGreaterThan(2.9);
    expect(ledger.delta).toBe(1e-5);
    expect(ledger.entries.map((e) => e.step)).toEqual([
      'schema: numeric bounds, datetime bounds, category lists, row count',
      'mode fits: noisy histograms of 2 numeric column(s)',
      'DP-SGD training: 24 steps',
    ]);
    // The parts, each alone, cost more than their RDP composition.
    expect(ledger.entries[1]!.epsilon + ledger.entries[2]!.epsilon).toBeGreaterThan(ledger.epsilon);
    expect(JSON.parse(JSON.stringify(model.toJSON())).state.privacy).toEqual(ledger);
    expect(tvaeFactory.load(model.toJSON(), schema).privacy).toEqual(ledger);
    const synth = model.sample(500, new Rng(2));
    expect(synth.numRows).toBe(500);
    // Under DP every modelled column is nullable, whatever the data.
    expect((model as TvaeModel).state.specs.every((s) => s.nullable)).toBe(true);
  });

  it('rolls back a diverging epoch and halves the learning rate', async () => {
    const { table, schema } = mixedTable(400, 2);
    // lr = 0.6 is far too high for Adam here: the loss explodes within the first epochs.
    const lr = 0.6;
    const model = (await new Tvae({ ...FAST, epochs: 8, learningRate: lr }).fit(
      table,
      schema,
      new Rng(1),
    )) as TvaeModel;
    const t = model.state.training;
    expect(t.recoveries).toBeGreaterThan(0);
    expect(t.learningRate).toBe(lr / 2 ** t.recoveries);
    expect(t.losses.every(Number.isFinite)).toBe(true);
  });

  it('fits a table with nothing to model (keys only) without training', async () => {
    const keys = categoricalFromStrings(
      'key',
      Array.from({ length: 20 }, (_, i) => `id-${i}`),
    );
    const schema: SchemaDocument = {
      synthgateSchema: 1,
      columns: [{ name: 'key', sdtype: 'id', pattern: 'integer' }],
    };
    const model = (await new Tvae(FAST).fit(new Table([keys]), schema, new Rng(1))) as TvaeModel;
    expect(model.backend).toBe('none');
    expect(model.state.decoder).toBeNull();
    const out = tvaeFactory.load(JSON.parse(JSON.stringify(model.toJSON())), schema).sample(5, new Rng(1));
    expect(out.row(4)).toEqual({ key: '5' });
  });

  it('rejects bad parameters with usage errors', () => {
    expect(() => new Tvae({ epochz: 3 })).toThrow(UsageError);
    expect(() => new Tvae({ epochs: 0 })).toThrow(/positive integer/);
    expect(() => new Tvae({ compressDims: '128,x' })).toThrow(/comma-separated/);
    expect(() => new Tvae({ epsilon: 1, noiseMultiplier: 1 })).toThrow(/not both/);
    expect(() => new Tvae({ backend: 'gpu' })).toThrow(/auto, tensorflow, wasm or cpu/);
    try {
      new Tvae({ learningRate: -1 });
    } catch (e) {
      expect((e as UsageError).code).toBe('E_BAD_PARAM');
    }
    expect(new Tvae({ compressDims: '64,32', epochs: '5' }).params).toMatchObject({
      compressDims: [64, 32],
      epochs: 5,
    });
  });
});
