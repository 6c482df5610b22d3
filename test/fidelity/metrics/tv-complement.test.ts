import { describe, expect, it } from 'vitest';
import { tvComplement, tvComplementMetric } from '../../../src/fidelity/metrics/tv-complement.js';
import { ctxOf, table } from '../tiny.js';

describe('tvComplement', () => {
  it('is 1 − ½ Σ|p_real − p_synth|', () => {
    expect(tvComplement(Float64Array.of(5, 5), Float64Array.of(10, 0))).toBeCloseTo(0.5, 15);
    expect(tvComplement(Float64Array.of(1, 2, 1), Float64Array.of(2, 4, 2))).toBeCloseTo(1, 15);
  });

  it('counts synthetic-only categories with the 1e-6 regularization SDMetrics uses', () => {
    // real {a: 1}, synthetic {a: 1, z: 1}: SDMetrics adds 1e-6 to real[z].
    const expected = 1 - 0.5 * (Math.abs(0.5 - 1 / (1 + 1e-6)) + Math.abs(0.5 - 1e-6 / (1 + 1e-6)));
    expect(tvComplement(Float64Array.of(1, 0), Float64Array.of(1, 1))).toBeCloseTo(expected, 15);
  });
});

describe('TVComplement metric', () => {
  it('aligns categories by string across dictionaries, treats "?" as a value and drops nulls', async () => {
    // Different first-appearance order ⇒ different dictionaries; same frequencies.
    const real = table({ c: ['a', 'b', '?', 'a', null] });
    const synth = table({ c: ['?', 'a', 'b', 'a'] });
    const r = await tvComplementMetric.compute(ctxOf(real, synth));
    expect(r.columns).toEqual([{ column: 'c', metric: 'TVComplement', score: 1 }]);
    const r2 = await tvComplementMetric.compute(ctxOf(real, table({ c: ['a', 'a', 'a', 'a'] })));
    expect(r2.score).toBeCloseTo(0.5, 12);
  });
});
