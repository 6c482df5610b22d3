/**
 * Agreement with SDMetrics 0.29.0 on every reference pair of ../shared/reference/sdmetrics/<case>.json
 * (real = adult_train.csv, synthetic = synthetic/<case>.csv, or adult_train.csv itself for copy_train;
 * metadata: the six numeric columns numerical, all others categorical — see reference/README.md).
 * Source of the figures: ../shared/reference/sdmetrics/*.json, fields `quality` (SDMetrics' default
 * thresholds |r| > 0.5 / Cramér's V > 0.3), `quality_all_pairs` (thresholds 0) and `diagnostic`.
 * Acceptance bar: ±0.01; the published figures are rounded to 4 decimals, so we also check ±0.0001.
 */
import { describe, expect, it } from 'vitest';
import { FidelityContext } from '../../src/fidelity/context.js';
import { columnPairTrendsMetric } from '../../src/fidelity/metrics/column-pair-trends.js';
import { columnShapesMetric } from '../../src/fidelity/metrics/column-shapes.js';
import { diagnosticReportMetric } from '../../src/fidelity/metrics/diagnostic-report.js';
import { qualityMetric } from '../../src/fidelity/metrics/quality.js';
import { Rng } from '../../src/rng.js';
import {
  adultSchema,
  loadReal,
  loadSdmetricsReference,
  loadSynthetic,
  REFERENCE_CASES,
  type ReferenceCase,
} from './adult-fixture.js';

const ACCEPTANCE = 0.01;
const ROUNDING = 0.0001;

async function contextFor(c: ReferenceCase): Promise<FidelityContext> {
  return new FidelityContext({
    real: await loadReal(),
    synthetic: await loadSynthetic(c),
    schema: adultSchema(),
    rng: new Rng(0),
  });
}

describe.each(REFERENCE_CASES)('SDMetrics 0.29 reference: %s', (c) => {
  const ref = loadSdmetricsReference(c);

  it('matches the QualityReport (default thresholds and all pairs)', async () => {
    const ctx = await contextFor(c);
    const q = await qualityMetric.compute(ctx);
    const pairs = [
      [q.default.columnShapes, ref.quality.column_shapes],
      [q.default.columnPairTrends, ref.quality.column_pair_trends],
      [q.default.score, ref.quality.overall],
      [q.allPairs.columnShapes, ref.quality_all_pairs.column_shapes],
      [q.allPairs.columnPairTrends, ref.quality_all_pairs.column_pair_trends],
      [q.allPairs.score, ref.quality_all_pairs.overall],
    ] as const;
    for (const [ours, theirs] of pairs) {
      expect(ours).not.toBeNull();
      expect(Math.abs(ours! - theirs)).toBeLessThanOrEqual(ACCEPTANCE);
      expect(Math.abs(ours! - theirs)).toBeLessThanOrEqual(ROUNDING);
    }
    // "13 of 105 pairs on Adult" (reference/README.md).
    expect(q.default.pairsScored).toBe(ref.quality.pairs_scored);
    expect(q.default.pairsTotal).toBe(ref.quality.pairs_total);
    expect(q.allPairs.pairsScored).toBe(105);
  });

  it('scores every column in range, one metric per sdtype, with no error cell', async () => {
    const shapes = await columnShapesMetric.compute(await contextFor(c));
    expect(shapes.columns).toHaveLength(15);
    for (const col of shapes.columns) {
      expect(col.error).toBeUndefined();
      expect(col.score).toBeGreaterThanOrEqual(0);
      expect(col.score).toBeLessThanOrEqual(1);
      expect(col.metric).toBe(
        ['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week'].includes(
          col.column,
        )
          ? 'KSComplement'
          : 'TVComplement',
      );
    }
    // Per-column figures are not in the JSON; for copy_train and shuffle_columns they follow from the
    // data itself: both keep every marginal exactly, so every SDMetrics column score is exactly 1
    // (the JSON's column_shapes = 1.0 confirms it), and each of ours must be within ±0.02 of it.
    if (c === 'copy_train' || c === 'shuffle_columns') {
      for (const col of shapes.columns) expect(Math.abs(col.score! - 1)).toBeLessThanOrEqual(0.02);
      for (const col of shapes.columns) expect(col.score).toBe(1);
    }
  });

  it('matches the DiagnosticReport', async () => {
    const d = await diagnosticReportMetric.compute(await contextFor(c));
    expect(Math.abs(d.score! - ref.diagnostic.overall)).toBeLessThanOrEqual(ROUNDING);
    expect(Math.abs(d.dataValidity.score! - ref.diagnostic.data_validity)).toBeLessThanOrEqual(ROUNDING);
    expect(Math.abs(d.dataStructure.score - ref.diagnostic.data_structure)).toBeLessThanOrEqual(ROUNDING);
  });
});

describe('pair-trend details on the GaussianCopula pair', () => {
  it('selects the strongly associated pairs SDMetrics selects and reports their real association', async () => {
    const t = await columnPairTrendsMetric.compute(await contextFor('sdv_gaussiancopula'));
    const strong = t.pairs.filter((p) => p.meetsThreshold).map((p) => p.columns.join(' × '));
    expect(strong).toEqual([
      'age × income',
      'workclass × occupation',
      'education × education-num',
      'education × income',
      'education-num × income',
      'marital-status × relationship',
      'marital-status × sex',
      'marital-status × income',
      'occupation × sex',
      'occupation × income',
      'relationship × sex',
      'relationship × income',
      'race × native-country',
    ]);
    // education and education-num encode the same thing: Cramér's V of the real table is 1.
    const edu = t.pairs.find((p) => p.columns.join() === 'education,education-num')!;
    expect(edu.realAssociation).toBeCloseTo(1, 9);
    // No numeric pair of Adult reaches |r| > 0.5.
    expect(t.pairs.filter((p) => p.metric === 'CorrelationSimilarity' && p.meetsThreshold)).toEqual([]);
    expect(t.pairs.filter((p) => p.metric === 'CorrelationSimilarity')).toHaveLength(15);
  });
});
