import { describe, expect, it } from 'vitest';
import { columnPairTrendsMetric } from '../../../src/fidelity/metrics/column-pair-trends.js';
import { ctxOf, table } from '../tiny.js';

describe('ColumnPairTrends', () => {
  // x and y strongly correlated; c determined by x (strong association); z independent noise.
  const n = 60;
  const x = Array.from({ length: n }, (_, i) => i);
  const real = table({
    x,
    y: x.map((v) => 2 * v + (v % 3)),
    c: x.map((v) => (v < 30 ? 'lo' : 'hi')),
    z: x.map((v) => (v * 7919) % 13),
  });

  it('scores every pair in "all pairs" and only strong real associations by default', async () => {
    const t = await columnPairTrendsMetric.compute(ctxOf(real, real));
    expect(t.pairs.map((p) => [p.columns.join('×'), p.metric])).toEqual([
      ['x×y', 'CorrelationSimilarity'],
      ['x×c', 'ContingencySimilarity'],
      ['x×z', 'CorrelationSimilarity'],
      ['y×c', 'ContingencySimilarity'],
      ['y×z', 'CorrelationSimilarity'],
      ['c×z', 'ContingencySimilarity'],
    ]);
    expect(t.allPairs).toEqual({ score: 1, pairsScored: 6, pairsTotal: 6 });
    const strong = t.pairs.filter((p) => p.meetsThreshold).map((p) => p.columns.join('×'));
    expect(strong).toContain('x×y');
    expect(strong).toContain('x×c');
    expect(strong).not.toContain('x×z');
    expect(t.default.pairsScored).toBe(strong.length);
    expect(t.default.score).toBe(1);
  });

  it('excludes id, pii and text columns from pairs', async () => {
    const t = await columnPairTrendsMetric.compute(
      ctxOf(
        table({ id: ['a', 'b', 'c'], x: [1, 2, 3], y: [1, 3, 2] }),
        table({ id: ['d', 'e', 'f'], x: [1, 2, 3], y: [3, 2, 1] }),
        {
          sdtypes: { id: 'id' },
        },
      ),
    );
    expect(t.pairs.map((p) => p.columns.join('×'))).toEqual(['x×y']);
  });
});
