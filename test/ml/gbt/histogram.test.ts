import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHistogram, newHistogram, subtractHistogram } from '../../../src/ml/gbt/histogram.js';

describe('histograms', () => {
  it('sum gradient, hessian and count per (feature, bin) slot', () => {
    // 2 features: f0 has slots 0..2, f1 slots 3..4. Rows (bins): r0 (0, 1), r1 (2, 0), r2 (0, 0).
    const bins = Uint8Array.of(0, 1, 2, 0, 0, 0);
    const offsets = Int32Array.of(0, 3, 5);
    const hist = newHistogram(5);
    const g = Float64Array.of(1, 2, 4);
    const h = Float64Array.of(0.5, 0.25, 1);
    buildHistogram(hist, bins, 2, offsets, Int32Array.of(0, 1), Uint32Array.of(0, 1, 2), 0, 3, g, h);
    expect([...hist]).toEqual([5, 1.5, 2, 0, 0, 0, 2, 0.25, 1, 6, 1.25, 2, 1, 0.5, 1]);
  });

  it('property: parent − one child = histogram of the other child', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.nat(2), fc.integer({ min: -8, max: 8 })), {
          minLength: 1,
          maxLength: 50,
        }),
        fc.nat(50),
        (rowsSpec, cut) => {
          const n = rowsSpec.length;
          const bins = Uint8Array.from(rowsSpec.flatMap((r) => [r[0], r[1]]));
          const g = Float64Array.from(rowsSpec, (r) => r[2]);
          const h = Float64Array.from(rowsSpec, (r) => Math.abs(r[2]) + 1);
          const offsets = Int32Array.of(0, 4, 7);
          const rows = Uint32Array.from({ length: n }, (_, i) => i);
          const features = Int32Array.of(0, 1);
          const mid = Math.min(cut, n);
          const parent = newHistogram(7);
          const left = newHistogram(7);
          const right = newHistogram(7);
          buildHistogram(parent, bins, 2, offsets, features, rows, 0, n, g, h);
          buildHistogram(left, bins, 2, offsets, features, rows, 0, mid, g, h);
          buildHistogram(right, bins, 2, offsets, features, rows, mid, n, g, h);
          subtractHistogram(parent, left);
          expect([...parent]).toEqual([...right]);
        },
      ),
    );
  });
});
