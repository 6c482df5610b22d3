import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binLabel,
  DEFAULT_MIN_CELL_COUNT,
  mergeSmallCategories,
  mergeSparseBins,
  niceStep,
  pickStep,
  privacySafeHistogram,
  TIME_STEPS_MS,
} from '../../src/report/suppress.js';

describe('mergeSmallCategories', () => {
  it('folds rare categories into Other and grows Other until it is safe', () => {
    const r = mergeSmallCategories(
      [
        { label: 'a', real: 50, synthetic: 40 },
        { label: 'b', real: 30, synthetic: 30 },
        { label: 'c', real: 3, synthetic: 9 },
      ],
      { minCount: 10 },
    );
    expect(r.hidden).toBe(false);
    expect(r.cells.map((c) => [c.label, c.real, c.synthetic])).toEqual([
      ['a', 50, 40],
      ['Other (2 categories)', 33, 39],
    ]);
  });

  it('keeps synthetic-only categories (no real rows) and caps the number of bars', () => {
    const cells = Array.from({ length: 30 }, (_, i) => ({ label: `k${i}`, real: 100 - i, synthetic: 5 }));
    cells.push({ label: 'synthetic-only', real: 0, synthetic: 7 });
    const r = mergeSmallCategories(cells, { minCount: 10, maxCategories: 5 });
    expect(r.cells).toHaveLength(5);
    expect(r.cells[4]!.other).toBe(true);
    expect(r.cells[4]!.merged).toBe(27);
  });

  it('hides everything when the whole column has fewer than minCount real rows', () => {
    const r = mergeSmallCategories([{ label: 'x', real: 4, synthetic: 1 }], { minCount: 10 });
    expect(r.hidden).toBe(true);
    expect(r.cells).toEqual([]);
  });

  it('property: every shown cell has 0 or ≥ minCount real rows, and totals are preserved', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ real: fc.nat(40), synthetic: fc.nat(40) }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 25 }),
        (raw, minCount, maxCategories) => {
          const cells = raw.map((c, i) => ({ label: `c${i}`, ...c }));
          const r = mergeSmallCategories(cells, { minCount, maxCategories });
          const total = cells.reduce((s, c) => s + c.real, 0);
          if (r.hidden) return total > 0 && total < minCount;
          for (const c of r.cells) if (c.real > 0 && c.real < minCount) return false;
          return (
            r.cells.reduce((s, c) => s + c.real, 0) === total &&
            r.cells.reduce((s, c) => s + c.synthetic, 0) === cells.reduce((s, c) => s + c.synthetic, 0) &&
            r.cells.length <= maxCategories
          );
        },
      ),
    );
  });
});

describe('mergeSparseBins', () => {
  it('joins a small bin with its smaller neighbour', () => {
    const bins = [
      { label: '', lo: -Infinity, hi: 0, real: 20, synthetic: 1 },
      { label: '', lo: 0, hi: 1, real: 3, synthetic: 2 },
      { label: '', lo: 1, hi: Infinity, real: 12, synthetic: 3 },
    ];
    const r = mergeSparseBins(bins, 10);
    expect(r.cells.map((c) => [c.lo, c.hi, c.real, c.synthetic])).toEqual([
      [-Infinity, 0, 20, 1],
      [0, Infinity, 15, 5],
    ]);
    expect(r.mergedCells).toBe(1);
  });
});

describe('privacySafeHistogram', () => {
  const real = Float64Array.from({ length: 1000 }, (_, i) => 17 + (i % 74));
  real[0] = 250; // an outlier that must not be visible
  const synth = Float64Array.from({ length: 1000 }, (_, i) => 18 + (i % 70));

  it('never shows the real min or max, and every bin has 0 or ≥ minCount real rows', () => {
    const h = privacySafeHistogram(real, synth, { minCount: DEFAULT_MIN_CELL_COUNT });
    expect(h.hidden).toBe(false);
    expect(h.cells[0]!.lo).toBe(-Infinity);
    expect(h.cells[h.cells.length - 1]!.hi).toBe(Infinity);
    const labels = h.cells.map((c) => c.label).join(' | ');
    expect(labels).not.toContain('250');
    for (const c of h.cells) expect(c.real === 0 || c.real >= 10).toBe(true);
    expect(h.cells.reduce((s, c) => s + c.real, 0)).toBe(1000);
    expect(h.cells.reduce((s, c) => s + c.synthetic, 0)).toBe(1000);
    expect(h.cells.length).toBeGreaterThan(8);
  });

  it('is hidden when there are fewer than minCount real values', () => {
    expect(privacySafeHistogram(Float64Array.of(1, 2, 3), Float64Array.of(1), { minCount: 10 }).hidden).toBe(
      true,
    );
  });

  it('property: bins are safe and partition both samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 300 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        (r, s, minCount) => {
          const h = privacySafeHistogram(Float64Array.from(r), Float64Array.from(s), { minCount });
          if (h.hidden) return r.length < minCount || r.length === 0;
          for (const c of h.cells) if (c.real > 0 && c.real < minCount) return false;
          return (
            h.cells.reduce((a, c) => a + c.real, 0) === r.length &&
            h.cells.reduce((a, c) => a + c.synthetic, 0) === s.length
          );
        },
      ),
    );
  });
});

describe('labels and steps', () => {
  it('labels open-ended and inner bins', () => {
    expect(binLabel(-Infinity, 20)).toBe('< 20');
    expect(binLabel(20, 25)).toBe('20 – 25');
    expect(binLabel(90, Infinity)).toBe('≥ 90');
    expect(binLabel(1000, 2500.5)).toBe('1,000 – 2501');
    expect(binLabel(150000, 1250000)).toBe('150k – 1.25M');
    expect(binLabel(-20000, 0.125)).toBe('−20k – 0.125');
  });
  it('niceStep picks 1/2/2.5/5 × 10^k and at least 1 for integers', () => {
    expect(niceStep(73, 20, true)).toBe(5);
    expect(niceStep(1, 20, false)).toBe(0.05);
    expect(niceStep(3, 20, true)).toBe(1);
  });
});

describe('pickStep with TIME_STEPS_MS', () => {
  it('picks whole days for spans of months and multiples of a decade beyond the list', () => {
    const day = 86_400_000;
    expect(pickStep(200 * day, 20, TIME_STEPS_MS)).toBe(14 * day);
    expect(pickStep(2 * 3600_000, 20, TIME_STEPS_MS)).toBe(15 * 60_000);
    expect(pickStep(1000 * 365 * day, 20, TIME_STEPS_MS) % (3652 * day)).toBe(0);
  });
});
