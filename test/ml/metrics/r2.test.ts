import { describe, expect, it } from 'vitest';
import { r2Score } from '../../../src/ml/metrics.js';

describe('r2Score', () => {
  it('matches scikit-learn documentation example', () => {
    // sklearn.metrics.r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) == 0.948... ;
    // by hand: mean 2.875, SS_tot 29.1875, SS_res 1.5 → 1 − 1.5/29.1875
    expect(r2Score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).toBeCloseTo(1 - 1.5 / 29.1875, 15);
    expect(r2Score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).toBeCloseTo(0.9486081370449679, 15);
  });

  it('is 0 for the mean, negative when worse', () => {
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(r2Score([1, 2, 3], [3, 2, 1])).toBe(-3);
  });

  it('handles a constant target as scikit-learn force_finite does', () => {
    expect(r2Score([2, 2], [2, 2])).toBe(1);
    expect(r2Score([2, 2], [2, 3])).toBe(0);
  });
});
