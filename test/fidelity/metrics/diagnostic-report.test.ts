import { describe, expect, it } from 'vitest';
import {
  diagnosticReportMetric,
  keyUniquenessColumn,
} from '../../../src/fidelity/metrics/diagnostic-report.js';
import { ctxOf, table } from '../tiny.js';

describe('DiagnosticReport (SDMetrics 0.29 data validity + data structure)', () => {
  it('averages boundary/category adherence and key uniqueness, skips pii, and scores structure', async () => {
    const real = table({
      id: ['1', '2', '3', '4'],
      x: [0, 1, 2, 3],
      c: ['a', 'b', 'a', 'b'],
      mail: ['m', 'n', 'o', 'p'],
    });
    const synth = table({
      id: ['9', '9', '8', null],
      x: [0, 1, 2, 9],
      c: ['a', 'a', 'z', 'b'],
      mail: ['q', 'r', 's', 't'],
    });
    const d = await diagnosticReportMetric.compute(
      ctxOf(real, synth, { sdtypes: { id: 'id', mail: 'pii' } }),
    );
    expect(d.dataValidity.columns.map((c) => [c.column, c.metric, c.score])).toEqual([
      ['id', 'KeyUniqueness', 0.5],
      ['x', 'BoundaryAdherence', 0.75],
      ['c', 'CategoryAdherence', 0.75],
    ]);
    expect(d.dataStructure.score).toBe(1);
    expect(d.score).toBeCloseTo((2 / 3 + 1) / 2, 15);
  });

  it('data structure is the Jaccard index of (name, kind) pairs', async () => {
    const real = table({ a: [1, 2], b: ['x', 'y'], c: [1, 2] });
    const synth = table({ a: [1, 2], b: [3, 4], d: ['u', 'v'] });
    const d = await diagnosticReportMetric.compute(ctxOf(real, synth));
    // Shared: a. Union: a, b(cat), c, b(num), d → 1/5.
    expect(d.dataStructure).toEqual({
      score: 0.2,
      missingColumns: ['c'],
      extraColumns: ['d'],
      kindMismatches: ['b'],
    });
    // Columns the synthetic table lacks become error cells; the report completes.
    expect(d.dataValidity.columns.find((c) => c.column === 'c')!.error).toMatch(/E_FIDELITY_COLUMN_MISSING/);
  });

  it('KeyUniqueness counts nulls and repeats as failures', () => {
    const ctx = ctxOf(table({ k: ['1', '2'] }), table({ k: ['a', 'a', null, 'b'] }), {
      sdtypes: { k: 'id' },
    });
    expect(keyUniquenessColumn(ctx, 'k')).toBe(0.5);
  });
});
