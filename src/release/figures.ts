import type { FidelityReport } from '../fidelity/report-types.js';
import type { PrivacyLedger } from '../generators/types.js';
import { type AuditReport, isMetricError } from '../privacy/audit.js';
import type { Estimate } from '../privacy/stats.js';
import type { Figure, Figures } from './policy.js';

/**
 * The figure table a policy is judged on: flat names → value (+ 95 % CI where the metric has one),
 * taken from the fidelity and audit reports (never recomputed). A metric that failed contributes no
 * figure, so a policy check on it is `missing` and fails.
 *
 * Names (stable; policies refer to them):
 * - fidelity.quality, fidelity.qualityAllPairs, fidelity.columnShapes, fidelity.columnPairTrends,
 *   fidelity.diagnostic, fidelity.accuracy, fidelity.accuracyCeiling, fidelity.detectionAuc,
 *   fidelity.detection, fidelity.efficacy, fidelity.tailCoverage
 * - privacy.memorization.exactCopyShare, privacy.memorization.exactCopyShareHoldout,
 *   privacy.memorization.uniqueTrainRowsCopied, privacy.memorization.directIdentifiersReplayed
 * - privacy.dcr.shareCloserToTrain, privacy.dcr.baselineRatio, privacy.dcr.nndr
 * - privacy.singlingOut.univariate.risk, privacy.singlingOut.multivariate.risk,
 *   privacy.linkability.risk, privacy.inference.maxRisk, privacy.inference.<column>.risk
 * - privacy.membershipInference.auc, privacy.membershipInference.tprAt1Fpr
 * - privacy.kAnonymity.k
 * - generator.epsilon, generator.delta (DP generators only)
 */
export const FIGURE_NAMES: readonly string[] = [
  'fidelity.quality',
  'fidelity.qualityAllPairs',
  'fidelity.columnShapes',
  'fidelity.columnPairTrends',
  'fidelity.diagnostic',
  'fidelity.accuracy',
  'fidelity.accuracyCeiling',
  'fidelity.detectionAuc',
  'fidelity.detection',
  'fidelity.efficacy',
  'fidelity.tailCoverage',
  'privacy.memorization.exactCopyShare',
  'privacy.memorization.exactCopyShareHoldout',
  'privacy.memorization.uniqueTrainRowsCopied',
  'privacy.memorization.directIdentifiersReplayed',
  'privacy.dcr.shareCloserToTrain',
  'privacy.dcr.baselineRatio',
  'privacy.dcr.nndr',
  'privacy.singlingOut.univariate.risk',
  'privacy.singlingOut.multivariate.risk',
  'privacy.linkability.risk',
  'privacy.inference.maxRisk',
  'privacy.membershipInference.auc',
  'privacy.membershipInference.tprAt1Fpr',
  'privacy.kAnonymity.k',
  'generator.epsilon',
  'generator.delta',
];

const est = (e: Estimate, label: string): Figure => ({ value: e.value, ci: [e.ci[0], e.ci[1]], label });
const num = (v: number | null | undefined, label: string): Figure | undefined =>
  v === null || v === undefined || !Number.isFinite(v) ? undefined : { value: v, label };

export function fidelityFigures(r: FidelityReport): Figures {
  const s = r.summary;
  const out: Record<string, Figure | undefined> = {
    'fidelity.quality': num(s.quality, 'quality (SDMetrics 0.29 default)'),
    'fidelity.qualityAllPairs': num(s.qualityAllPairs, 'quality (all pairs)'),
    'fidelity.columnShapes': num(s.columnShapes, 'column shapes'),
    'fidelity.columnPairTrends': num(s.columnPairTrends, 'column pair trends (strong pairs)'),
    'fidelity.diagnostic': num(s.diagnostic, 'diagnostic'),
    'fidelity.accuracy': num(s.accuracy, 'accuracy (1 − TVD, 1- and 2-way)'),
    'fidelity.accuracyCeiling': num(s.accuracyCeiling, 'accuracy ceiling (holdout vs train)'),
    'fidelity.detectionAuc': num(s.detectionAuc, 'detection AUC (real vs synthetic)'),
    'fidelity.detection': num(s.detection, 'detection score 2·(1 − AUC)'),
    'fidelity.efficacy': num(s.efficacy, 'ML efficacy (TSTR / TRTR)'),
    'fidelity.tailCoverage': num(r.diagnostics.tailCoverage.score, 'tail coverage (rare categories kept)'),
  };
  return compact(out);
}

export function auditFigures(a: AuditReport): Figures {
  const out: Record<string, Figure | undefined> = {};
  const m = a.memorization;
  if (!isMetricError(m)) {
    out['privacy.memorization.exactCopyShare'] = est(
      m.exactMatches.train.share,
      'synthetic rows identical to a training row',
    );
    out['privacy.memorization.exactCopyShareHoldout'] = est(
      m.exactMatches.holdout.share,
      'synthetic rows identical to a holdout row (baseline)',
    );
    out['privacy.memorization.uniqueTrainRowsCopied'] = {
      value: m.uniqueReproduced.train.reproduced,
      label: 'unique training rows reproduced exactly',
    };
    out['privacy.memorization.directIdentifiersReplayed'] = {
      value: m.identifierReplay.reduce((s, r) => s + r.replayedTrain, 0),
      label: 'direct-identifier values replayed',
    };
  }
  const d = a.dcr;
  if (!isMetricError(d)) {
    out['privacy.dcr.shareCloserToTrain'] = est(
      d.closerToTrain.share,
      'share of synthetic rows closer to train than holdout',
    );
    out['privacy.dcr.baselineRatio'] = est(d.baselineRatio, 'median DCR ratio to a random baseline');
    out['privacy.dcr.nndr'] = est(d.nndr, 'median nearest-neighbour distance ratio');
  }
  const so = a.singlingOut;
  if (!isMetricError(so.univariate))
    out['privacy.singlingOut.univariate.risk'] = est(so.univariate, 'singling-out risk (univariate)');
  if (!isMetricError(so.multivariate))
    out['privacy.singlingOut.multivariate.risk'] = est(so.multivariate, 'singling-out risk (multivariate)');
  if (a.linkability && !isMetricError(a.linkability))
    out['privacy.linkability.risk'] = est(a.linkability, 'linkability risk');
  // The worst inference risk by its upper bound: the figure a policy must bound. Bounds are compared
  // as report.json rounds them (6 decimals), first column winning ties, so `verify` re-derives the
  // same choice from the report.
  const bound = (f: Figure) => Math.round(f.ci![1] * 1e6);
  let worst: Figure | undefined;
  let failed = false;
  for (const inf of a.inference) {
    if (isMetricError(inf)) {
      failed = true;
      continue;
    }
    const f = est(inf, `inference risk of ${inf.secret}`);
    out[`privacy.inference.${inf.secret}.risk`] = f;
    if (!worst || bound(f) > bound(worst)) worst = { ...f, label: `inference risk (worst: ${inf.secret})` };
  }
  if (worst && !failed) out['privacy.inference.maxRisk'] = worst;
  const mi = a.membershipInference;
  if (!isMetricError(mi)) {
    out['privacy.membershipInference.auc'] = est(mi.auc, 'membership-inference AUC');
    out['privacy.membershipInference.tprAt1Fpr'] = est(mi.tprAtFpr, 'membership-inference TPR at 1 % FPR');
  }
  const k = a.kAnonymity;
  if (!isMetricError(k))
    out['privacy.kAnonymity.k'] = {
      value: k.exactValues.k,
      label: 'k-anonymity of the quasi-identifiers (synthetic)',
    };
  return compact(out);
}

export function generatorFigures(ledger: PrivacyLedger | undefined): Figures {
  if (!ledger) return {};
  return {
    'generator.epsilon': { value: ledger.epsilon, label: 'differential-privacy ε spent' },
    'generator.delta': { value: ledger.delta, label: 'differential-privacy δ' },
  };
}

function compact(o: Record<string, Figure | undefined>): Figures {
  const out: Figures = {};
  for (const [k, v] of Object.entries(o)) if (v) out[k] = v;
  return out;
}

/** Whether a policy may name this figure (the fixed names, plus per-column inference risks). */
export function isKnownFigure(name: string): boolean {
  return FIGURE_NAMES.includes(name) || /^privacy\.inference\..+\.risk$/.test(name);
}
