import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcr } from '../../src/privacy/dcr.js';
import { Rng } from '../../src/rng.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { allDistances, npQuantile, ranges } from './helpers/brute.js';
import { columnSpecs, rowsFor, tableOf } from './helpers/generate.js';

/** Train and holdout of equal size, so the equal-size comparison uses every row. */
const equalSizeTriples = columnSpecs(5).chain((specs) =>
  fc.integer({ min: 2, max: 25 }).chain((n) =>
    fc.tuple(rowsFor(specs, n, n), rowsFor(specs, 1, 30), rowsFor(specs, n, n)).map(([a, b, c]) => ({
      train: tableOf(specs, a),
      synthetic: tableOf(specs, b),
      holdout: tableOf(specs, c),
    })),
  ),
);

describe('dcr', () => {
  it('is exact: every figure equals a brute-force computation from the definition', async () => {
    await fc.assert(
      fc.asyncProperty(equalSizeTriples, async (t) => {
        const r = await dcr(t, { rng: new Rng(1) });
        const rTrain = ranges(t.train);
        const rHold = ranges(t.holdout);
        const toTrain = Array.from({ length: t.synthetic.numRows }, (_, i) =>
          allDistances(t.synthetic, i, t.train, rTrain),
        );
        const toHold = Array.from({ length: t.synthetic.numRows }, (_, i) =>
          allDistances(t.synthetic, i, t.holdout, rTrain),
        );
        const toHoldOwn = Array.from({ length: t.synthetic.numRows }, (_, i) =>
          allDistances(t.synthetic, i, t.holdout, rHold),
        );
        const dcrTrain = toTrain.map((d) => d[0]!).sort((a, b) => a - b);
        expect(r.synthToTrain.median.value).toBeCloseTo(npQuantile(dcrTrain, 0.5), 10);
        expect(r.synthToTrain.p05).toBeCloseTo(npQuantile(dcrTrain, 0.05), 10);
        expect(r.synthToTrain.shareZero).toBeCloseTo(
          dcrTrain.filter((d) => d === 0).length / dcrTrain.length,
          12,
        );
        let wins = 0;
        let ties = 0;
        let closerFull = 0;
        for (let i = 0; i < t.synthetic.numRows; i++) {
          const a = toTrain[i]![0]!;
          const b = toHold[i]![0]!;
          if (Math.abs(a - b) < 1e-12) ties++;
          else if (a < b) wins++;
          if (a < toHoldOwn[i]![0]! - 1e-12) closerFull++;
        }
        expect(r.closerToTrain.wins).toBe(wins);
        expect(r.closerToTrain.ties).toBe(ties);
        expect(r.sdmetrics.DCROverfittingProtection.closerToTraining).toBeCloseTo(
          closerFull / t.synthetic.numRows,
          12,
        );
        const nndr = toTrain
          .map((d) => (d.length < 2 ? 0 : d[1]! === 0 ? 1 : d[0]! / d[1]!))
          .sort((a, b) => a - b);
        if (t.train.numRows >= 2) expect(r.nndr.value).toBeCloseTo(npQuantile(nndr, 0.5), 9);
        const hold = Array.from(
          { length: t.holdout.numRows },
          (_, i) => allDistances(t.holdout, i, t.train, rTrain)[0]!,
        ).sort((a, b) => a - b);
        expect(r.holdoutToTrain.median.value).toBeCloseTo(npQuantile(hold, 0.5), 10);
      }),
      { numRuns: 40 },
    );
  });

  it('uses the documented per-column distance', async () => {
    // train ranges: age 20..60 (40), so |30 − 40| / 40 = 0.25; city mismatch 1; null vs null 0 → mean 1.25 / 3.
    const table = (ages: number[], cities: (string | null)[], z: (number | null)[]) =>
      new Table([
        numericColumn('age', Float64Array.from(ages)),
        categoricalFromStrings('city (EU)', cities),
        numericColumn(
          'z [kg]',
          Float64Array.from(z, (v) => (v === null ? Number.NaN : v)),
        ),
      ]);
    const train = table([20, 60, 30], ['Paris', 'Rome', 'Oslo'], [null, 5, 7]);
    const synthetic = table([40], ['Lyon'], [null]);
    const r = await dcr({ train, synthetic, holdout: train }, { rng: new Rng(0) });
    // Row (30, Oslo, 7): 0.25 + 1 + 1 = 2.25; row (20, Paris, null): 0.5 + 1 + 0 = 1.5; row (60, Rome, 5): 0.5 + 1 + 1.
    expect(r.synthToTrain.median.value).toBeCloseTo(1.5 / 3, 12);
    expect(r.params.distance).toMatch(/range\(train\)/);
  });

  it('flags a copy of the training data and not an independent sample', async () => {
    const rng = new Rng(5);
    const make = (n: number) =>
      new Table([
        numericColumn(
          'x',
          Float64Array.from({ length: n }, () => Math.round(rng.normal() * 1000) / 10),
        ),
        categoricalFromStrings(
          'c',
          Array.from({ length: n }, () => `k${rng.int(5)}`),
        ),
      ]);
    const train = make(400);
    const holdout = make(400);
    const independent = make(400);
    const copy = await dcr({ train, synthetic: train, holdout }, { rng: new Rng(0) });
    const fresh = await dcr({ train, synthetic: independent, holdout }, { rng: new Rng(0) });
    expect(copy.closerToTrain.share.value).toBeGreaterThan(0.95);
    expect(copy.closerToTrain.pValue).toBeLessThan(1e-10);
    expect(copy.nndr.value).toBe(0);
    expect(fresh.closerToTrain.share.ci[0]).toBeLessThan(0.5);
    expect(fresh.closerToTrain.share.ci[1]).toBeGreaterThan(0.45);
  });
});
