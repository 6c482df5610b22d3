import { describe, expect, it } from 'vitest';
import { columnDistribution, formatDateEdge, MISSING_LABEL } from '../../src/fidelity/distributions.js';
import { ctxOf, table } from './tiny.js';

const DAY = 86_400_000;

describe('columnDistribution', () => {
  it('charts datetime columns on date-labelled bins, with shares of all rows', () => {
    const real = table({ d: Array.from({ length: 400 }, (_, i) => Date.UTC(2020, 0, 1) + (i % 200) * DAY) });
    const synthetic = table({ d: Array.from({ length: 200 }, (_, i) => Date.UTC(2020, 0, 1) + i * DAY) });
    const d = columnDistribution(ctxOf(real, synthetic, { sdtypes: { d: 'datetime' } }), 'd');
    expect(d.kind).toBe('histogram');
    expect(d.cells[0]!.label).toMatch(/^< 2020-\d\d-\d\d$/);
    expect(d.cells.at(-1)!.label).toMatch(/^≥ 2020-\d\d-\d\d$/);
    expect(d.cells.reduce((s, c) => s + c.real, 0)).toBeCloseTo(1, 12);
    expect(d.cells.reduce((s, c) => s + c.synthetic, 0)).toBeCloseTo(1, 12);
  });

  it('adds a missing-values bar only when enough real rows are missing', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i < 20 ? null : i));
    const d = columnDistribution(ctxOf(table({ x: xs }), table({ x: xs })), 'x');
    expect(d.cells.at(-1)).toEqual({ label: MISSING_LABEL, real: 0.1, synthetic: 0.1 });
    const few = Array.from({ length: 200 }, (_, i) => (i < 3 ? null : i));
    const e = columnDistribution(ctxOf(table({ x: few }), table({ x: few })), 'x');
    expect(e.cells.some((c) => c.label === MISSING_LABEL)).toBe(false);
    expect(e.note).toMatch(/missing values not shown/);
  });

  it('respects a custom minCellCount', () => {
    const cats = [...Array(40).fill('a'), ...Array(15).fill('b')];
    const ctx = ctxOf(table({ c: cats }), table({ c: cats }), { minCellCount: 20 });
    const d = columnDistribution(ctx, 'c');
    // 'b' (15 rows) is below 20, so it cannot be shown alone; 'a' joins it in "Other".
    expect(d.cells).toEqual([{ label: 'Other (2 categories)', real: 1, synthetic: 1, other: true }]);
  });
});

describe('formatDateEdge', () => {
  it('shows dates at midnight UTC and date-times otherwise', () => {
    expect(formatDateEdge(Date.UTC(2021, 4, 3))).toBe('2021-05-03');
    expect(formatDateEdge(Date.UTC(2021, 4, 3, 14, 30))).toBe('2021-05-03 14:30');
  });
});
