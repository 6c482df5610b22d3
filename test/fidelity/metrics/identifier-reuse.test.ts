import { describe, expect, it } from 'vitest';
import { identifierReuseMetric } from '../../../src/fidelity/metrics/identifier-reuse.js';
import { ctxOf, table } from '../tiny.js';

describe('IdentifierReuse', () => {
  it('is the share of synthetic id/pii/text values that copy a real value', async () => {
    const real = table({ email: ['a@x.org', 'b@x.org', 'c@x.org'], x: [1, 2, 3] });
    const synth = table({ email: ['a@x.org', 'q@y.org', null, 'r@y.org'], x: [1, 2, 3, 4] });
    const r = await identifierReuseMetric.compute(ctxOf(real, synth, { sdtypes: { email: 'pii' } }));
    expect(r.columns).toEqual([{ column: 'email', metric: 'IdentifierReuse', score: 1 / 3 }]);
    expect(identifierReuseMetric.goal).toBe('minimize');
  });
});
