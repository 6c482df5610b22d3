import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy, f1Score, macroF1 } from '../../../src/ml/metrics.js';

// TP = rows 0, 2, 6; FP = rows 3, 7; FN = row 1 (for class 1). Class 0: TP 4, 5; FP 1; FN 3, 7.
const y = [1, 1, 1, 0, 0, 0, 1, 0];
const pred = [1, 0, 1, 1, 0, 0, 1, 1];

describe('f1Score', () => {
  it('is 2TP / (2TP + FP + FN) of the positive class', () => {
    expect(f1Score(y, pred)).toBeCloseTo(6 / 9, 15);
    expect(f1Score(y, pred, 0)).toBeCloseTo(4 / 7, 15);
  });

  it('is 0 when the class is neither present nor predicted (scikit-learn zero_division default)', () => {
    expect(f1Score([0, 0], [0, 0])).toBe(0);
  });
});

describe('macroF1', () => {
  it('averages per-class F1 over the labels present', () => {
    expect(macroF1(y, pred)).toBeCloseTo((6 / 9 + 4 / 7) / 2, 15);
    // class 0: 1; class 1: 0 (TP 0, FN 1); class 2: 2·2/(4 + 1) = 0.8
    expect(macroF1([0, 1, 2, 2], [0, 2, 2, 2])).toBeCloseTo(0.6, 15);
  });

  it('property: in [0, 1] and 1 exactly when every prediction is right', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { minLength: 1, maxLength: 40 }), (rows) => {
        const t = rows.map((r) => r[0]);
        const p = rows.map((r) => r[1]);
        const m = macroF1(t, p);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThanOrEqual(1);
        expect(m === 1).toBe(accuracy(t, p) === 1);
      }),
    );
  });
});

describe('accuracy', () => {
  it('is the share of exact matches', () => {
    expect(accuracy(y, pred)).toBe(5 / 8);
  });
});
