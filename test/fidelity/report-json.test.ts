import { describe, expect, it } from 'vitest';
import { roundForJson } from '../../src/fidelity/report-json.js';

describe('roundForJson', () => {
  it('rounds to 6 decimals, maps NaN/Infinity to null, drops undefined, keeps key order', () => {
    const v = roundForJson({
      b: 0.123456789,
      a: [1 / 3, Number.NaN, Infinity],
      z: undefined,
      n: -0.0000001,
      t: Float64Array.of(2.5, 1e-9),
    });
    expect(v).toEqual({ b: 0.123457, a: [0.333333, null, null], n: 0, t: [2.5, 0] });
    expect(Object.keys(v as object)).toEqual(['b', 'a', 'n', 't']);
    expect(JSON.stringify(roundForJson({ n: -1e-9 }))).toBe('{"n":0}');
  });
});
