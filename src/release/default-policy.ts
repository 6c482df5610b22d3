import type { Policy } from './policy.js';

/**
 * The default release policy. Figures with a confidence interval are judged on the unfavourable
 * bound, so a small or noisy table cannot pass on luck. Thresholds follow the field's practice:
 * a DCR "closer to train" share within 3 points of the 50 % expected for a fresh sample;
 * singling-out and linkability risks (Anonymeter-style, after the control) at most 5 %; inference
 * risk at most 10 % — its interval is inherently wide: the risk divides by (1 − control success), so
 * for a common secret (Adult's income: control ≈ 0.67) the control attack's own sampling error on a
 * 6.5k-row holdout adds about ±0.034, and Anonymeter's intervals for SDV's CTGAN, TVAE and copula on
 * Adult reach 0.067–0.089 (../shared/reference/anonymeter); a copy of the training data scores
 * ≈ 1 and still fails; a membership attack
 * no better than AUC 0.55; no unique training record reproduced; no direct identifier replayed;
 * SDMetrics-style quality at least 0.80; ε at most 10 when a DP generator is used.
 */
export const DEFAULT_POLICY: Policy = {
  synthgatePolicy: 1,
  name: 'synthgate-default',
  description:
    'Default release policy of synthgate: memorization, re-identification (GDPR WP29 criteria), membership, fidelity.',
  checks: [
    {
      id: 'unique-rows-copied',
      figure: 'privacy.memorization.uniqueTrainRowsCopied',
      op: '==',
      threshold: 0,
      criterion: 'memorization',
      description: 'No synthetic row is an exact copy of a training row that is unique in the training data.',
    },
    {
      id: 'identifiers-replayed',
      figure: 'privacy.memorization.directIdentifiersReplayed',
      op: '==',
      threshold: 0,
      criterion: 'memorization',
      description: 'No value of a direct-identifier column appears in the synthetic data.',
    },
    {
      id: 'dcr-share',
      figure: 'privacy.dcr.shareCloserToTrain',
      op: '<=',
      threshold: 0.53,
      criterion: 'memorization',
      description:
        'Synthetic rows are not systematically closer to training rows than to unseen (holdout) rows.',
    },
    {
      id: 'singling-out-univariate',
      figure: 'privacy.singlingOut.univariate.risk',
      op: '<=',
      threshold: 0.05,
      criterion: 'singling-out',
      description:
        'Predicates on one column learned from the synthetic data single out training individuals no better than unseen ones.',
    },
    {
      id: 'singling-out-multivariate',
      figure: 'privacy.singlingOut.multivariate.risk',
      op: '<=',
      threshold: 0.05,
      criterion: 'singling-out',
      description:
        'Multi-column predicates learned from the synthetic data single out training individuals no better than unseen ones.',
    },
    {
      id: 'linkability',
      figure: 'privacy.linkability.risk',
      op: '<=',
      threshold: 0.05,
      criterion: 'linkability',
      description:
        'Records split over two sets of auxiliary columns cannot be re-linked through the synthetic data.',
    },
    {
      id: 'inference',
      figure: 'privacy.inference.maxRisk',
      op: '<=',
      threshold: 0.1,
      criterion: 'inference',
      description:
        'Sensitive columns cannot be inferred from quasi-identifiers for training individuals better than for unseen ones.',
    },
    {
      id: 'membership-inference',
      figure: 'privacy.membershipInference.auc',
      op: '<=',
      threshold: 0.55,
      criterion: 'memorization',
      description:
        'An attacker cannot tell training members from non-members by their distance to the synthetic data.',
    },
    {
      id: 'quality',
      figure: 'fidelity.quality',
      op: '>=',
      threshold: 0.8,
      criterion: 'fidelity',
      description: 'SDMetrics-style quality score (column shapes and strong column-pair trends).',
    },
    {
      id: 'epsilon',
      figure: 'generator.epsilon',
      op: '<=',
      threshold: 10,
      when: 'dp',
      criterion: 'differential-privacy',
      description: 'The differential-privacy budget spent by the generator.',
    },
  ],
  waivers: [],
};
