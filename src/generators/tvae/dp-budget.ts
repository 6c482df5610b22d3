import { UsageError } from '../../errors.js';
import type { PrivacyLedger } from '../types.js';
import type { TvaeParams } from './params.js';
import {
  DEFAULT_ORDERS,
  gaussianNoiseForEpsilon,
  noiseMultiplierForEpsilon,
  rdpGaussian,
  sgdEpsilon,
} from './rdp.js';

/**
 * The DP plan of a TVAE fit: how the budget is split and what it costs, from the parameters and the
 * (public) row count.
 *
 * Two releases read the data: the noisy mode histograms (a Gaussian mechanism over all numeric
 * columns at once, noise multiplier σ_h) and DP-SGD (T steps of the Poisson-subsampled Gaussian,
 * noise multiplier σ, clip C). Their RDP curves add up and are converted to (ε, δ) once, so the
 * total is below the sum of the parts.
 * - With `epsilon`: σ_h spends `dpPreprocessingShare`·ε on its own; σ is the smallest noise whose
 *   composition with the histograms stays within ε (bisection on the accountant).
 * - With `noiseMultiplier`: σ is given, σ_h is set so the histograms alone cost
 *   share/(1 − share) of DP-SGD's own ε, and the total is reported.
 * Defaults: δ = min(1e-5, 1/(10·rows)); the neighbouring relation is add/remove one row and the
 * row count is treated as public, as in Opacus and TF-Privacy.
 *
 * @example
 * const plan = planDp(resolveTvaeParams({ epsilon: 3 }), 26_049, 6);
 * plan.noiseMultiplier; // σ for DP-SGD, e.g. ≈ 0.9
 */
export interface DpPlan {
  delta: number;
  q: number;
  steps: number;
  clipNorm: number;
  noiseMultiplier: number;
  /** null when there is no numeric column (no histogram released). */
  histogramNoiseMultiplier: number | null;
  /** Per-count noise std of each histogram: σ_h·√k. */
  histogramNoiseStd: number | null;
  numericColumns: number;
  epsilon: number;
  epsilonHistograms: number | null;
  epsilonSgd: number;
  order: number;
}

export function dpSteps(p: TvaeParams, rows: number): { q: number; steps: number } {
  return {
    q: Math.min(1, p.batchSize / rows),
    steps: p.epochs * Math.max(1, Math.round(rows / p.batchSize)),
  };
}

export function planDp(p: TvaeParams, rows: number, numericColumns: number): DpPlan {
  const delta = p.delta ?? Math.min(1e-5, 1 / (10 * rows));
  const { q, steps } = dpSteps(p, rows);
  const share = p.dpPreprocessingShare;
  const k = numericColumns;
  let sigma: number;
  let sigmaH: number | null = null;
  try {
    if (p.epsilon !== undefined) {
      if (k > 0) sigmaH = gaussianNoiseForEpsilon(share * p.epsilon, delta);
      const extraRdp = sigmaH === null ? undefined : rdpGaussian(sigmaH, DEFAULT_ORDERS);
      sigma = noiseMultiplierForEpsilon(p.epsilon, { q, steps, delta, ...(extraRdp ? { extraRdp } : {}) });
    } else {
      sigma = p.noiseMultiplier!;
      const alone = sgdEpsilon(sigma, { q, steps, delta }).epsilon;
      if (k > 0) sigmaH = gaussianNoiseForEpsilon((share / (1 - share)) * Math.max(alone, 1e-3), delta);
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new UsageError(
      'E_DP_BUDGET',
      `ε = ${p.epsilon} is too small for ${steps} DP-SGD steps at sampling rate ${q.toPrecision(3)}`,
      {
        hint: 'raise --param epsilon, or train fewer epochs (--param epochs) or with smaller batches (--param batchSize)',
      },
    );
  }
  const extraRdp = sigmaH === null ? undefined : rdpGaussian(sigmaH, DEFAULT_ORDERS);
  const total = sgdEpsilon(sigma, { q, steps, delta, ...(extraRdp ? { extraRdp } : {}) });
  return {
    delta,
    q,
    steps,
    clipNorm: p.maxGradNorm,
    noiseMultiplier: sigma,
    histogramNoiseMultiplier: sigmaH,
    histogramNoiseStd: sigmaH === null ? null : sigmaH * Math.sqrt(k),
    numericColumns: k,
    epsilon: total.epsilon,
    epsilonHistograms: sigmaH === null ? null : sgdEpsilon(sigmaH, { q: 1, steps: 1, delta }).epsilon,
    epsilonSgd: sgdEpsilon(sigma, { q, steps, delta }).epsilon,
    order: total.order,
  };
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
/** ε rounded up to 4 decimals: the ledger never understates. */
const up4 = (x: number) => Math.ceil(x * 1e4) / 1e4;

/** The model's privacy ledger for a DP plan (ε of each part alone; the total composed by RDP). */
export function ledgerFor(plan: DpPlan, observedBounds: readonly string[]): PrivacyLedger {
  const entries: PrivacyLedger['entries'] = [
    {
      step: 'schema: numeric bounds, datetime bounds, category lists, row count',
      epsilon: 0,
      mechanism:
        'treated as public inputs, not protected by this ledger: they come from the schema (protected only when the schema is public rather than inferred from this data)' +
        (observedBounds.length
          ? `; datetime bounds of ${observedBounds.join(', ')} were read from the data (no min/max in the schema)`
          : '') +
        '; id, pii and text columns are regenerated from data-independent defaults',
    },
  ];
  if (plan.histogramNoiseMultiplier !== null)
    entries.push({
      step: `mode fits: noisy histograms of ${plan.numericColumns} numeric column(s)`,
      epsilon: up4(plan.epsilonHistograms!),
      delta: plan.delta,
      mechanism: `Gaussian mechanism, L2 sensitivity √${plan.numericColumns}, noise multiplier ${r4(plan.histogramNoiseMultiplier)}`,
    });
  entries.push({
    step: `DP-SGD training: ${plan.steps} steps`,
    epsilon: up4(plan.epsilonSgd),
    delta: plan.delta,
    mechanism: `Poisson-subsampled Gaussian (q = ${r4(plan.q)}), per-example clipping C = ${plan.clipNorm}, noise multiplier ${r4(plan.noiseMultiplier)}; RDP accountant, composed total at order ${plan.order}`,
  });
  return { epsilon: up4(plan.epsilon), delta: plan.delta, entries };
}
