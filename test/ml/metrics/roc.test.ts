import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc, rocCurve, tprAtFpr } from '../../../src/ml/metrics.js';
import { errorCode } from '../helpers/error-code.js';

/** Pairwise definition: P(score_pos > score_neg) + ½ P(tie), by brute force. */
function bruteAuc(y: number[], s: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++)
    for (let j = 0; j < y.length; j++)
      if (y[i] === 1 && y[j] === 0) {
        den++;
        num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
  return num / den;
}

const labelled = fc
  .array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: -5, max: 5 })), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0));

describe('rocAuc', () => {
  it('matches scikit-learn documentation example', () => {
    // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('counts tied scores as half (average ranks)', () => {
    // positives {0.2, 0.5, 0.9}, negatives {0.2, 0.5}: pairs ½ + 0 + 1 + ½ + 1 + 1 = 4 of 6.
    expect(rocAuc([0, 1, 0, 1, 1], [0.2, 0.2, 0.5, 0.5, 0.9])).toBeCloseTo(4 / 6, 15);
    expect(rocAuc([0, 1, 1, 0], [3, 3, 3, 3])).toBe(0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(rocAuc([0, 0, 1, 1], [4, 3, 2, 1])).toBe(0);
  });

  it('refuses a single class, bad labels and NaN scores with typed errors', () => {
    expect(errorCode(() => rocAuc([1, 1], [0.2, 0.3]))).toBe('E_ML_ONE_CLASS');
    expect(errorCode(() => rocAuc([0, 2], [0.2, 0.3]))).toBe('E_ML_TARGET');
    expect(errorCode(() => rocAuc([0, 1], [0.2, Number.NaN]))).toBe('E_ML_NAN');
    expect(errorCode(() => rocAuc([0, 1], [0.2]))).toBe('E_ML_LENGTH');
  });

  it('properties: in [0, 1], AUC(−s) = 1 − AUC(s), equals the pairwise definition', () => {
    fc.assert(
      fc.property(labelled, (rows) => {
        const y = rows.map((r) => r[0]);
        const s = rows.map((r) => r[1]);
        const auc = rocAuc(y, s);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        expect(
          rocAuc(
            y,
            s.map((v) => -v),
          ),
        ).toBeCloseTo(1 - auc, 12);
        expect(auc).toBeCloseTo(bruteAuc(y, s), 12);
      }),
    );
  });

  it('property: equals the trapezoidal area under rocCurve', () => {
    fc.assert(
      fc.property(labelled, (rows) => {
        const y = rows.map((r) => r[0]);
        const s = rows.map((r) => r[1]);
        const { fpr, tpr } = rocCurve(y, s);
        let area = 0;
        for (let i = 1; i < fpr.length; i++) area += ((fpr[i]! - fpr[i - 1]!) * (tpr[i]! + tpr[i - 1]!)) / 2;
        expect(rocAuc(y, s)).toBeCloseTo(area, 12);
      }),
    );
  });
});

describe('rocCurve', () => {
  it('has one point per distinct score, from (0,0) at +∞', () => {
    // sklearn.metrics.roc_curve([0,0,1,1], [0.1,0.4,0.35,0.8], drop_intermediate=False) (scikit-learn ≥ 1.3)
    const c = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect([...c.fpr]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect([...c.tpr]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect([...c.thresholds]).toEqual([Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1]);
  });

  it('merges tied scores into one point', () => {
    const c = rocCurve([0, 1, 0, 1], [0.5, 0.5, 0.1, 0.9]);
    expect([...c.thresholds]).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.5, 0.1]);
    expect([...c.fpr]).toEqual([0, 0, 0.5, 1]);
    expect([...c.tpr]).toEqual([0, 0.5, 1, 1]);
  });
});

describe('tprAtFpr', () => {
  // Descending: 0.95(+) 0.9(−) 0.8(+) 0.5(+) 0.4(+) 0.3(−) 0.2(−) 0.1(−); 4 positives, 4 negatives.
  const y = [0, 0, 0, 0, 1, 1, 1, 1];
  const s = [0.1, 0.2, 0.3, 0.9, 0.4, 0.5, 0.8, 0.95];

  it('takes the best TPR among thresholds whose FPR stays within the target', () => {
    expect(tprAtFpr(y, s, 0)).toBe(0.25);
    expect(tprAtFpr(y, s, 0.2)).toBe(0.25);
    expect(tprAtFpr(y, s, 0.25)).toBe(1);
    expect(tprAtFpr(y, s, 1)).toBe(1);
  });

  it('refuses a target outside [0, 1]', () => {
    expect(() => tprAtFpr(y, s, 1.5)).toThrow(/not in \[0, 1\]/);
  });
});
