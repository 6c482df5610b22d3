import { describe, expect, it } from 'vitest';
import { FIDELITY_METRICS } from '../../../src/fidelity/metrics/registry.js';

describe('FIDELITY_METRICS', () => {
  it('lists every metric once with a goal, a [0, 1] range and a description', () => {
    expect(Object.keys(FIDELITY_METRICS)).toHaveLength(18);
    for (const [name, m] of Object.entries(FIDELITY_METRICS)) {
      expect(m.name).toBe(name);
      expect(['maximize', 'minimize']).toContain(m.goal);
      expect(m.range).toEqual([0, 1]);
      expect(m.description.length).toBeGreaterThan(20);
    }
  });
});
