import { describe, expect, it } from 'vitest';
import { ksComplementMetric, ksStatistic, round14 } from '../../../src/fidelity/metrics/ks-complement.js';
import { ctxOf, table } from '../tiny.js';

describe('ksStatistic', () => {
  it('is the largest ECDF gap, ties handled (scipy.stats.ks_2samp statistic)', () => {
    // scipy: ks_2samp([1,2,3], [2,3,4]).statistic == 1/3
    expect(ksStatistic(Float64Array.of(1, 2, 3), Float64Array.of(2, 3, 4))).toBeCloseTo(1 / 3, 15);
    // ks_2samp([1,1,2,2], [1,2,2,2]).statistic == 0.25 (gap at x=1: 0.5 − 0.25)
    expect(ksStatistic(Float64Array.of(1, 1, 2, 2), Float64Array.of(1, 2, 2, 2))).toBeCloseTo(0.25, 15);
    expect(ksStatistic(Float64Array.of(0, 1), Float64Array.of(5, 6))).toBe(1);
    expect(ksStatistic(Float64Array.of(1, 2), Float64Array.of(1, 2))).toBe(0);
    expect(Number.isNaN(ksStatistic(new Float64Array(0), Float64Array.of(1)))).toBe(true);
  });

  it('rounds to 14 decimals before comparing, as SDMetrics does', () => {
    expect(round14(0.1 + 0.2)).toBe(0.3);
    expect(ksStatistic(Float64Array.of(0.1 + 0.2), Float64Array.of(0.3))).toBe(0);
    expect(round14(123456789.5)).toBe(123456789.5);
  });
});

describe('KSComplement metric', () => {
  it('drops nulls and scores only continuous columns', async () => {
    const real = table({ x: [1, 2, 3, null], c: ['a', 'b', 'a', 'b'] });
    const synth = table({ x: [2, 3, 4, null], c: ['a', 'a', 'a', 'a'] });
    const r = await ksComplementMetric.compute(ctxOf(real, synth));
    expect(r.columns).toHaveLength(1);
    expect(r.columns[0]).toMatchObject({ column: 'x', metric: 'KSComplement' });
    expect(r.columns[0]!.score).toBeCloseTo(2 / 3, 15);
    expect(r.score).toBeCloseTo(2 / 3, 15);
  });

  it('gives a null score with a note when a side has no value', async () => {
    const r = await ksComplementMetric.compute(ctxOf(table({ x: [1, 2] }), table({ x: [null, null] })));
    expect(r.columns[0]!.score).toBeNull();
    expect(r.columns[0]!.note).toMatch(/no non-null value/);
    expect(r.score).toBeNull();
  });
});
