/**
 * Distance and memorization figures on every reference triple, against ../shared/reference/:
 * - dcr_full/<case>.json: SDMetrics 0.29's own DCR distance on the full tables (medians of DCR
 *   synthetic→train and holdout→train, DCRBaselineProtection and DCROverfittingProtection, no subsampling);
 * - sdmetrics/<case>.json `exact_match`: share of synthetic rows identical to a train / holdout row.
 * Plus the issue's extremes: an exact copy of train is flagged at maximum risk by memorization, the
 * closer-to-train share and membership inference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type DcrResult, dcr } from '../../src/privacy/dcr.js';
import {
  type MembershipInferenceResult,
  membershipInference,
} from '../../src/privacy/membership-inference.js';
import { memorization } from '../../src/privacy/memorization.js';
import { Rng } from '../../src/rng.js';
import type { Table } from '../../src/table/table.js';
import { CASES, type CaseName, loadReference, readReferenceJson } from './helpers/adult.js';

interface DcrFull {
  dcr_synthetic_to_train: { median: number; p05: number; share_zero: number };
  dcr_control_to_train: { median: number; p05: number; share_zero: number };
  dcr_random_to_train: { median: number };
  DCRBaselineProtection_full: number;
  DCROverfittingProtection_full: { score: number; closer_to_training: number };
}
interface Sdmetrics {
  exact_match: { synthetic_rows_in_train: number; synthetic_rows_in_control: number };
}

let train: Table;
let holdout: Table;
beforeAll(async () => {
  train = await loadReference('adult_train.csv');
  holdout = await loadReference('adult_holdout.csv');
});

for (const name of Object.keys(CASES) as CaseName[]) {
  describe(`SDMetrics reference: ${name}`, () => {
    const ref = readReferenceJson<DcrFull>(`dcr_full/${name}.json`);
    const sdm = readReferenceJson<Sdmetrics>(`sdmetrics/${name}.json`);
    let synthetic: Table;
    let r: DcrResult;
    let mia: MembershipInferenceResult;
    beforeAll(async () => {
      synthetic = await loadReference(CASES[name]);
      r = await dcr({ train, synthetic, holdout }, { rng: new Rng(0) });
      mia = await membershipInference({ train, synthetic, holdout }, { rng: new Rng(0) });
    });

    it('DCR medians and quantiles equal SDMetrics’ full-data figures', () => {
      // Reference values are rounded to 4–5 significant digits.
      expect(r.synthToTrain.median.value).toBeCloseTo(ref.dcr_synthetic_to_train.median, 4);
      expect(r.synthToTrain.p05).toBeCloseTo(ref.dcr_synthetic_to_train.p05, 4);
      expect(r.synthToTrain.shareZero).toBeCloseTo(ref.dcr_synthetic_to_train.share_zero, 4);
      expect(r.holdoutToTrain.median.value).toBeCloseTo(ref.dcr_control_to_train.median, 4);
      expect(r.holdoutToTrain.shareZero).toBeCloseTo(ref.dcr_control_to_train.share_zero, 4);
      // The random baseline is a random sample: equal within its sampling error.
      expect(r.randomToTrain.median.value).toBeCloseTo(ref.dcr_random_to_train.median, 2);
    });

    it('DCRBaselineProtection and DCROverfittingProtection equal SDMetrics’ on full data', () => {
      expect(r.sdmetrics.DCROverfittingProtection.closerToTraining).toBeCloseTo(
        ref.DCROverfittingProtection_full.closer_to_training,
        4,
      );
      expect(r.sdmetrics.DCROverfittingProtection.score).toBeCloseTo(
        ref.DCROverfittingProtection_full.score,
        3,
      );
      expect(r.sdmetrics.DCRBaselineProtection.score).toBeCloseTo(ref.DCRBaselineProtection_full, 2);
    });

    it('exact-match shares equal SDMetrics’', () => {
      const m = memorization({ train, synthetic, holdout }, { rng: new Rng(0) });
      expect(m.exactMatches.train.share.value).toBeCloseTo(sdm.exact_match.synthetic_rows_in_train, 4);
      expect(m.exactMatches.holdout.share.value).toBeCloseTo(sdm.exact_match.synthetic_rows_in_control, 4);
      if (name === 'copy_train') {
        expect(m.value).toBe(1);
        expect(m.uniqueReproduced.train.share.value).toBe(1);
      } else expect(m.exactMatches.train.count).toBeLessThan(20);
    });

    it('the closer-to-train share and membership inference flag only the copy', () => {
      const c = r.closerToTrain;
      expect(c.equalSize).toBe(holdout.numRows);
      expect(c.share.ci[0]).toBeLessThanOrEqual(c.share.value);
      expect(c.share.ci[1]).toBeGreaterThanOrEqual(c.share.value);
      if (name === 'copy_train') {
        // Maximum: every synthetic row copies a training row; with m of |train| rows in the comparison
        // the expected share is ½ + ½·m/|train| ≈ 0.625, i.e. a normalized excess of 1.
        expect(c.normalizedExcess.ci[1]).toBe(1);
        expect(c.normalizedExcess.value).toBeGreaterThan(0.95);
        expect(c.pValue).toBeLessThan(1e-100);
        expect(r.nndr.value).toBe(0);
        expect(mia.auc.value).toBeGreaterThan(0.99);
        expect(mia.tprAtFpr.value).toBeGreaterThan(0.95);
      } else {
        expect(c.normalizedExcess.value).toBeLessThan(0.3);
        expect(mia.auc.value).toBeLessThan(0.6);
        expect(mia.tprAtFpr.value).toBeLessThan(0.1);
      }
    });
  });
}
