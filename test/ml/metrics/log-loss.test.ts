import { describe, expect, it } from 'vitest';
import { logLoss, multiclassLogLoss } from '../../../src/ml/metrics.js';

describe('logLoss', () => {
  it('matches scikit-learn documentation example', () => {
    // sklearn.metrics.log_loss(["spam","ham","ham","spam"], [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]) ≈ 0.21616
    const expected = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4;
    expect(logLoss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65])).toBeCloseTo(expected, 15);
    expect(expected).toBeCloseTo(0.21616, 5);
  });

  it('clips probabilities at 1e-15 so a sure mistake costs −ln(1e-15)', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10);
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => logLoss([1, 0], [1.2, 0.1])).toThrow(/outside \[0, 1\]/);
  });
});

describe('multiclassLogLoss', () => {
  it('is the mean of −ln p[label]', () => {
    const proba = [
      [0.7, 0.1],
      [0.2, 0.1],
      [0.1, 0.8],
    ];
    expect(multiclassLogLoss([0, 2], proba)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 15);
  });

  it('agrees with the binary form for two classes', () => {
    const p1 = [0.9, 0.1, 0.2, 0.65];
    const p0 = p1.map((p) => 1 - p);
    expect(multiclassLogLoss([1, 0, 0, 1], [p0, p1])).toBeCloseTo(logLoss([1, 0, 0, 1], p1), 14);
  });
});
