import { describe, expect, it } from 'vitest';
import { categoryAdherenceMetric } from '../../../src/fidelity/metrics/category-adherence.js';
import { ctxOf, table } from '../tiny.js';

describe('CategoryAdherence', () => {
  it('counts synthetic categories unseen in the real table against the score', async () => {
    const real = table({ c: ['a', 'b', 'a'] });
    const synth = table({ c: ['b', 'a', 'zz', 'yy', 'zz'] });
    const r = await categoryAdherenceMetric.compute(ctxOf(real, synth));
    expect(r.columns[0]).toMatchObject({ score: 2 / 5, unseenCategories: 2, unseenExamples: ['zz', 'yy'] });
  });

  it('accepts synthetic nulls only when the real column has nulls (SDMetrics)', async () => {
    const withNull = await categoryAdherenceMetric.compute(
      ctxOf(table({ c: ['a', null] }), table({ c: ['a', null] })),
    );
    expect(withNull.score).toBe(1);
    const noNull = await categoryAdherenceMetric.compute(
      ctxOf(table({ c: ['a', 'a'] }), table({ c: ['a', null] })),
    );
    expect(noNull.score).toBe(0.5);
  });
});
