import { describe, expect, it } from 'vitest';
import { digitize, histogramBinEdges } from '../../src/fidelity/sdmetrics-binning.js';

// Expected values computed with numpy (np.histogram_bin_edges(x) with the default 10 bins, np.digitize).
describe('histogramBinEdges (np.histogram_bin_edges, bins=10)', () => {
  it('reproduces numpy edges bit for bit', () => {
    const e = histogramBinEdges(Float64Array.of(0.1, 0.2, 0.35, 0.7));
    expect(Array.from(e)).toEqual([
      0.1, 0.16, 0.22, 0.28, 0.33999999999999997, 0.4, 0.45999999999999996, 0.52, 0.58, 0.64, 0.7,
    ]);
    expect(Array.from(histogramBinEdges(Float64Array.of(17, 33, 45, 90)))).toEqual([
      17, 24.3, 31.6, 38.9, 46.2, 53.5, 60.8, 68.1, 75.4, 82.7, 90,
    ]);
  });

  it('widens a constant column by ±0.5 and uses [0, 1] for an empty one', () => {
    expect(histogramBinEdges(Float64Array.of(5, 5))[0]).toBe(4.5);
    expect(histogramBinEdges(Float64Array.of(5, 5))[10]).toBe(5.5);
    expect(Array.from(histogramBinEdges(new Float64Array(0)))).toEqual([
      0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1,
    ]);
  });

  it('refuses infinite values, as numpy does', () => {
    expect(() => histogramBinEdges(Float64Array.of(1, Infinity))).toThrow(/not finite/);
  });
});

describe('digitize (np.digitize)', () => {
  it('counts edges ≤ x: min → 1, max alone → 11, NaN → 11', () => {
    const e = histogramBinEdges(Float64Array.of(0.1, 0.2, 0.35, 0.7));
    // numpy: np.digitize([0.1, 0.7, 0.35, 0.2, 0.16, 0.1600000001], e) == [1, 11, 5, 2, 2, 2]
    expect([0.1, 0.7, 0.35, 0.2, 0.16, 0.1600000001].map((x) => digitize(x, e))).toEqual([1, 11, 5, 2, 2, 2]);
    expect(digitize(Number.NaN, e)).toBe(11);
    expect(digitize(-1, e)).toBe(0);
  });
});
