import { describe, expect, it } from 'vitest';
import { boundaryAdherenceMetric } from '../../../src/fidelity/metrics/boundary-adherence.js';
import { ctxOf, table } from '../tiny.js';

describe('BoundaryAdherence', () => {
  it('is the share of non-null synthetic values inside the real [min, max]', async () => {
    const real = table({ x: [10, 20, 30, null] });
    const synth = table({ x: [5, 10, 25, 30, 31, null] });
    const r = await boundaryAdherenceMetric.compute(ctxOf(real, synth));
    expect(r.columns[0]).toEqual({ column: 'x', metric: 'BoundaryAdherence', score: 3 / 5 });
  });

  it('reports no real bound in its breakdown', async () => {
    const r = await boundaryAdherenceMetric.compute(ctxOf(table({ x: [1, 999] }), table({ x: [5] })));
    expect(JSON.stringify(r)).not.toContain('999');
  });
});
