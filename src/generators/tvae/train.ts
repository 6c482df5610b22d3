import { UsageError } from '../../errors.js';
import type { Rng } from '../../rng.js';
import { Adam } from './adam.js';
import type { TfRuntime } from './backend.js';
import { clampSigma, type Network, parameterMask, SIGMA_INIT } from './network.js';
import { createStepRunner } from './step-runner.js';
import type { Block } from './transformer.js';

/**
 * TVAE's training loop: epochs of shuffled mini-batches (the last one partial, as PyTorch's
 * DataLoader with drop_last=False), one `trainStep` each, Adam, σ clamped after every step.
 *
 * DP-SGD (Abadi et al. 2016) replaces the shuffled batches by Poisson sampling (each row joins a
 * step's batch with probability q = batchSize / rows, the sampling the RDP accountant assumes),
 * clips every per-example gradient to L2 norm C, adds N(0, (σC)²) to every coordinate of the sum
 * and divides by the expected batch size qN. Weight decay is applied after the noise (it reads
 * only the parameters, so it costs no privacy). Under DP the output σ stays at its initial 0.1
 * (see `StepConstants.learnSigma`).
 *
 * Divergence recovery (not in the original): Adam at a high learning rate can enter a runaway in
 * which encoder and decoder activations grow several-fold per step (seen on Adult at lr 2e-3, epoch
 * 56 of 60). Without DP, every epoch starts from a snapshot of the parameters and Adam's moments;
 * an epoch whose mean loss exceeds L = 1000 + 10·|first epoch's loss| (or is not finite; or a
 * single batch above 100·L, which ends the epoch at once) is rolled back and the learning rate
 * halved, at most 4 times. Under DP there is no rollback (the
 * decision would read the data outside the accountant): a non-finite loss is an error.
 *
 * All randomness — shuffles, Poisson draws, the reparameterization ε and the DP noise — comes from
 * our Rng, so the same seed gives the same weights on the same backend.
 */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2scale: number;
  lossFactor: number;
  dp?: { noiseMultiplier: number; clipNorm: number };
  /** Data-parallel threads (see step-runner.ts); 1 runs in process. */
  threads: number;
  /** Called once the step runner is up, with the threads it got. */
  onStart?: (threads: number) => void;
  /** Called after each epoch with the mean loss of the epoch; may be async (progress rendering). */
  onEpoch?: (epoch: number, loss: EpochLoss) => void | Promise<void>;
}

export interface EpochLoss {
  total: number;
  reconstruction: number;
  kl: number;
  /** DP only: share of per-example gradients that were clipped. */
  clippedShare?: number;
}

export interface TrainReport {
  steps: number;
  /** Epochs rolled back after a divergence, and the learning rate training ended with. */
  recoveries: number;
  learningRate: number;
  /** Threads actually used. */
  threads: number;
  losses: EpochLoss[];
  seconds: number;
}

export interface TrainingData {
  /** rows × dim, row-major. */
  matrix: Float32Array;
  /** rows × scalars: which scalars enter the Gaussian loss (see `StepBatch.mask`); absent = all. */
  scalarMask?: Float32Array;
  rows: number;
  dim: number;
  scalars: number;
  blocks: readonly Block[];
}

/** Training targets clip the scalars to [−0.99, 0.99], as the original's transformer does. */
export const SCALAR_CLIP = 0.99;

/**
 * The float32 training matrix from the transformer's exact output: scalars clipped to ±0.99 (tanh
 * cannot reach beyond ±1, and a far-tail value would otherwise dominate the Gaussian loss with
 * σ near its 0.01 floor). The transformer itself stays exactly invertible; only training sees
 * the clipped targets.
 */
export function trainingMatrix(m: Float64Array, rows: number, dim: number, scalars: number): Float32Array {
  const out = Float32Array.from(m);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < scalars; j++) {
      const v = out[i * dim + j]!;
      if (v > SCALAR_CLIP) out[i * dim + j] = SCALAR_CLIP;
      else if (v < -SCALAR_CLIP) out[i * dim + j] = -SCALAR_CLIP;
    }
  return out;
}

/**
 * Set to 0 the scalars that carry nothing (`mask` 0: null row, point-mass mode), in place. The loss
 * ignores them anyway; the autoregressive path reads them as input, and sampling feeds it 0 there.
 */
export function zeroPlaceholders(
  matrix: Float32Array,
  mask: Float32Array,
  rows: number,
  dim: number,
  scalars: number,
): void {
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < scalars; j++) if (mask[i * scalars + j] === 0) matrix[i * dim + j] = 0;
}

export async function trainTvae(
  rt: TfRuntime,
  net: Network,
  data: TrainingData,
  o: TrainOptions,
  rng: Rng,
): Promise<TrainReport> {
  const t0 = performance.now();
  const n = data.rows;
  const d = data.dim;
  const e = net.shape.embedding;
  const adam = new Adam(net.theta.length, { lr: o.learningRate, weightDecay: o.l2scale });
  const shuffleRng = rng.fork('shuffle');
  const noiseRng = rng.fork('reparameterization');
  const dpRng = rng.fork('dp-noise');
  const batchCap = o.dp ? Math.max(1, Math.ceil(o.batchSize * 1.5 + 10)) : Math.min(o.batchSize, n);
  let xbuf = new Float32Array(batchCap * d);
  let ebuf = new Float32Array(batchCap * e);
  const sc = data.scalars;
  let mbuf = data.scalarMask ? new Float32Array(batchCap * sc) : null;
  const losses: EpochLoss[] = [];
  let steps = 0;
  const q = Math.min(1, o.batchSize / n);
  const stepsPerEpoch = o.dp ? Math.max(1, Math.round(n / o.batchSize)) : Math.ceil(n / o.batchSize);
  const noiseGrad = o.dp ? new Float32Array(net.theta.length) : null;
  // The autoregressive path's masked weights: their gradient (and DP noise) is zeroed, so they stay 0.
  const pmask = parameterMask(net.shape);
  const maskedGrad = pmask ? new Float32Array(net.theta.length) : null;
  const runner = await createStepRunner(rt, net, {
    scalars: data.scalars,
    blocks: data.blocks,
    dim: d,
    lossFactor: o.lossFactor,
    learnSigma: !o.dp,
    maxRows: batchCap,
    threads: o.threads,
    requireThreads: false,
  });
  o.onStart?.(runner.threads);
  const diverged = (epoch: number, what: string) =>
    new UsageError('E_TVAE_DIVERGED', `tvae training diverged at epoch ${epoch + 1} (${what})`, {
      hint: 'lower --param learningRate (default 0.001) or raise --param batchSize',
    });
  let recoveries = 0;
  let spikeLimit = Number.POSITIVE_INFINITY;

  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const snapshot = o.dp ? null : { theta: Float32Array.from(net.theta), adam: adam.snapshot(), steps };
      let spiked = false;
      let sumRec = 0;
      let sumKl = 0;
      let sumClip = 0;
      let weight = 0;
      const perm = o.dp ? null : shuffleRng.permutation(n);
      for (let s = 0; s < stepsPerEpoch; s++) {
        // Rows of this step.
        let rows: number[] | Uint32Array;
        if (perm) rows = perm.subarray(s * o.batchSize, Math.min(n, (s + 1) * o.batchSize));
        else {
          const pick: number[] = [];
          for (let i = 0; i < n; i++) if (shuffleRng.uniform() < q) pick.push(i);
          rows = pick;
        }
        const b = rows.length;
        if (b * d > xbuf.length) {
          xbuf = new Float32Array(b * d);
          ebuf = new Float32Array(b * e);
          if (mbuf) mbuf = new Float32Array(b * sc);
        }
        let grad: Float32Array;
        if (b > 0) {
          for (let r = 0; r < b; r++) xbuf.set(data.matrix.subarray(rows[r]! * d, rows[r]! * d + d), r * d);
          for (let i = 0; i < b * e; i++) ebuf[i] = noiseRng.normal();
          if (mbuf)
            for (let r = 0; r < b; r++)
              mbuf.set(data.scalarMask!.subarray(rows[r]! * sc, rows[r]! * sc + sc), r * sc);
          const batch = {
            x: xbuf.subarray(0, b * d),
            eps: ebuf.subarray(0, b * e),
            ...(mbuf ? { mask: mbuf.subarray(0, b * sc) } : {}),
            rows: b,
          };
          const res = runner.run(batch, o.dp?.clipNorm);
          // A runaway grows several-fold per step: stop the epoch at once when a batch is far out.
          if (snapshot && !(res.reconstruction + res.kl <= 100 * spikeLimit)) {
            spiked = true;
            break;
          }
          grad = res.grad;
          sumRec += res.reconstruction * b;
          sumKl += res.kl * b;
          sumClip += res.clippedShare * b;
          weight += b;
        } else grad = new Float32Array(net.theta.length);
        if (o.dp && noiseGrad) {
          const sd = o.dp.noiseMultiplier * o.dp.clipNorm;
          const denom = q * n;
          for (let i = 0; i < noiseGrad.length; i++) noiseGrad[i] = (grad[i]! + sd * dpRng.normal()) / denom;
          grad = noiseGrad;
        }
        if (pmask && maskedGrad) {
          for (let i = 0; i < pmask.length; i++) maskedGrad[i] = grad[i]! * pmask[i]!;
          grad = maskedGrad;
        }
        adam.step(net.theta, grad);
        // Under DP σ is not learned: keep it at its initial value (noise touched it too).
        if (o.dp) net.sigma.fill(SIGMA_INIT);
        else clampSigma(net);
        steps++;
      }
      const rec = weight ? sumRec / weight : 0;
      const kl = weight ? sumKl / weight : 0;
      const loss: EpochLoss = { total: rec + kl, reconstruction: rec, kl };
      if (o.dp) loss.clippedShare = weight ? sumClip / weight : 0;
      if (snapshot && (spiked || !(loss.total <= spikeLimit))) {
        if (++recoveries > 4) throw diverged(epoch, `loss still exploding after ${recoveries - 1} restarts`);
        net.theta.set(snapshot.theta);
        adam.restore(snapshot.adam);
        adam.learningRate /= 2;
        steps = snapshot.steps;
        epoch--;
        continue;
      }
      if (!Number.isFinite(loss.total)) throw diverged(epoch, `loss ${loss.total}`);
      if (epoch === 0) spikeLimit = 1000 + 10 * Math.abs(loss.total);
      losses.push(loss);
      await o.onEpoch?.(epoch, loss);
    }
  } finally {
    await runner.close();
  }
  return {
    steps,
    recoveries,
    learningRate: adam.learningRate,
    threads: runner.threads,
    losses,
    seconds: (performance.now() - t0) / 1000,
  };
}
