import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitHoldout } from '../../src/release/split.js';
import { Rng } from '../../src/rng.js';

const isSortedAscending = (a: Uint32Array) => a.every((x, i) => i === 0 || a[i - 1]! < x);

describe('splitHoldout', () => {
  it('splits Adult 26,049 / 6,512 at fraction 0.2 (the sizes of the reference split)', () => {
    const s = splitHoldout(32561, 0.2, new Rng(0).fork('split'));
    expect([s.train.length, s.holdout.length]).toEqual([26049, 6512]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = splitHoldout(1000, 0.2, new Rng(7));
    const b = splitHoldout(1000, 0.2, new Rng(7));
    const c = splitHoldout(1000, 0.2, new Rng(8));
    expect(b.train).toEqual(a.train);
    expect(b.holdout).toEqual(a.holdout);
    expect(c.holdout).not.toEqual(a.holdout);
  });

  it('keeps at least one row on each side', () => {
    expect(splitHoldout(2, 0.001, new Rng(1)).holdout).toHaveLength(1);
    expect(splitHoldout(2, 0.999, new Rng(1)).train).toHaveLength(1);
    const tiny = splitHoldout(3, 0.5, new Rng(1));
    expect(tiny.train.length + tiny.holdout.length).toBe(3);
  });

  it('property: disjoint, covering every row once, sorted, sizes round(n·f) clamped to [1, n−1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 600 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, f, seed) => {
          const { train, holdout } = splitHoldout(n, f, new Rng(seed));
          const expectedHoldout = Math.max(1, Math.min(n - 1, Math.round(n * f)));
          expect(holdout.length).toBe(expectedHoldout);
          expect(train.length).toBe(n - expectedHoldout);
          expect(isSortedAscending(train) && isSortedAscending(holdout)).toBe(true);
          const seen = new Uint8Array(n);
          for (const i of train) seen[i]!++;
          for (const i of holdout) seen[i]!++;
          expect(seen.every((x) => x === 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
