import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import type { Block } from './transformer.js';
import type { Network } from './network.js';

/**
 * One TVAE training step on TensorFlow.js: forward pass, ELBO, and the gradient of every parameter
 * by explicit backpropagation (no autodiff tape).
 *
 * Loss (per row, as CTGAN 0.7's `_loss_function`, averaged over the batch):
 *   ℓ = factor · [ Σ_scalars (x − tanh r)² / (2σ²) + ln σ  +  Σ_blocks CE(softmax(r_block), x_block) ]
 *       + KL(N(μ, σ_z²) ‖ N(0, 1)),
 * with z = μ + ε·σ_z, ε ~ N(0, 1) supplied by the caller (drawn from our seeded Rng, so the step is
 * deterministic on a given backend).
 *
 * Why by hand: the MLP's gradients are a few matrix products, and writing them out gives DP-SGD the
 * per-example quantities it needs for free — every dense layer's per-example gradient is the outer
 * product a_iᵀδ_i, whose norm is ‖a_i‖·‖δ_i‖ (Goodfellow 2015, "Efficient per-example gradient
 * computations"), so per-example clipping costs a few reductions, not one backward pass per row.
 *
 * Softmax blocks are handled together: a row max m over all one-hot logits, e = exp(max(r − m, −60)),
 * block sums s = e·M (M the K×blocks 0/1 membership matrix), probabilities e / (s·Mᵀ). The −60
 * floor only matters when a whole block sits 60 nats below another block's top logit; it keeps
 * the sums finite. (tfjs-backend-wasm has no UnsortedSegmentSum kernel, so no gather-based
 * segment ops are used anywhere on the differentiable path.)
 */
export interface StepConstants {
  /** K × blocks membership matrix of the one-hot part. */
  blockMatrix: Tensor2D;
  blocks: number;
  lossFactor: number;
}

export interface StepResult {
  /**
   * Gradient in `theta` order. Non-DP: the batch mean. DP: the sum over rows of per-example
   * gradients each clipped to `clipNorm` (noise is added by the caller).
   */
  grad: Float32Array;
  /** Batch means: reconstruction (factor-weighted) and KL, for progress reporting. */
  reconstruction: number;
  kl: number;
  /** DP only: share of rows whose gradient was clipped. */
  clippedShare: number;
}

export function makeStepConstants(tf: TfModule, scalars: number, blocks: readonly Block[], dim: number, lossFactor: number): StepConstants {
  const k = dim - scalars;
  const m = new Float32Array(k * blocks.length);
  blocks.forEach((b, j) => {
    for (let t = 0; t < b.size; t++) m[(b.offset - scalars + t) * blocks.length + j] = 1;
  });
  return { blockMatrix: tf.tensor2d(m, [k, blocks.length]), blocks: blocks.length, lossFactor };
}

/**
 * Run one step. `x` is the batch (rows × dim, row-major), `eps` the reparameterization noise
 * (rows × embedding). `clipNorm` turns on per-example clipping (DP-SGD).
 */
export function trainStep(
  tf: TfModule,
  net: Network,
  c: StepConstants,
  x: Float32Array,
  eps: Float32Array,
  rows: number,
  clipNorm?: number,
): StepResult {
  const { dataDim: d, scalars: s, embedding: e } = net.shape;
  const k = d - s;
  const dp = clipNorm !== undefined;
  const out = tf.tidy(() => {
    const X = tf.tensor2d(x, [rows, d]);
    const EPS = tf.tensor2d(eps, [rows, e]);
    const encW = net.encoder.map((l) => tf.tensor2d(l.w, [l.inDim, l.outDim]));
    const encB = net.encoder.map((l) => tf.tensor1d(l.b));
    const decW = net.decoder.map((l) => tf.tensor2d(l.w, [l.inDim, l.outDim]));
    const decB = net.decoder.map((l) => tf.tensor1d(l.b));
    const sigma = tf.tensor1d(net.sigma);

    // Encoder: inputs of every layer kept for the backward pass.
    const encIn: Tensor2D[] = [X];
    const nEnc = encW.length;
    for (let l = 0; l < nEnc - 1; l++)
      encIn.push(tf.fused.matMul({ a: encIn[l]!, b: encW[l]!, bias: encB[l]!, activation: 'relu' }) as Tensor2D);
    const head = tf.fused.matMul({ a: encIn[nEnc - 1]!, b: encW[nEnc - 1]!, bias: encB[nEnc - 1]! });
    const mu = tf.slice(head, [0, 0], [rows, e]);
    const logvar = tf.slice(head, [0, e], [rows, e]);
    const std = tf.exp(tf.mul(logvar, 0.5));
    const z = tf.add(mu, tf.mul(EPS, std)) as Tensor2D;

    // Decoder.
    const decIn: Tensor2D[] = [z];
    const nDec = decW.length;
    for (let l = 0; l < nDec - 1; l++)
      decIn.push(tf.fused.matMul({ a: decIn[l]!, b: decW[l]!, bias: decB[l]!, activation: 'relu' }) as Tensor2D);
    const r = tf.fused.matMul({ a: decIn[nDec - 1]!, b: decW[nDec - 1]!, bias: decB[nDec - 1]! });

    const scale = dp ? 1 : 1 / rows;
    const f = c.lossFactor;
    const parts: Tensor[] = [];
    const dParts: Tensor2D[] = [];

    // Gaussian (tanh) scalars.
    let gSigmaRows: Tensor2D | null = null;
    let recG: Tensor = tf.scalar(0);
    if (s > 0) {
      const rs = tf.slice(r, [0, 0], [rows, s]);
      const xs = tf.slice(X, [0, 0], [rows, s]);
      const ts = tf.tanh(rs);
      const eq = tf.sub(xs, ts);
      const inv2 = tf.reciprocal(tf.square(sigma));
      const eq2 = tf.square(eq);
      recG = tf.add(tf.mul(tf.sum(tf.mul(eq2, inv2)), 0.5), tf.mul(tf.sum(tf.log(sigma)), rows));
      dParts.push(tf.mul(tf.mul(tf.mul(eq, inv2), tf.sub(tf.square(ts), 1)), f * scale) as Tensor2D);
      // Per-row gradient of ℓ w.r.t. σ: f · (1/σ − (x − tanh r)² / σ³).
      const inv = tf.reciprocal(sigma);
      gSigmaRows = tf.mul(tf.sub(inv, tf.mul(eq2, tf.mul(inv2, inv))), f) as Tensor2D;
    }
    // Softmax blocks (cross-entropy).
    let ce: Tensor = tf.scalar(0);
    if (k > 0) {
      const ro = tf.slice(r, [0, s], [rows, k]);
      const xo = tf.slice(X, [0, s], [rows, k]);
      const m = tf.max(ro, 1, true);
      const ex = tf.exp(tf.maximum(tf.sub(ro, m), -60));
      const sums = tf.matMul(ex, c.blockMatrix);
      const p = tf.div(ex, tf.matMul(sums, c.blockMatrix, false, true));
      ce = tf.sub(tf.add(tf.sum(tf.log(sums)), tf.mul(tf.sum(m), c.blocks)), tf.sum(tf.mul(xo, ro)));
      dParts.push(tf.mul(tf.sub(p, xo), f * scale) as Tensor2D);
    }
    const dr = dParts.length === 1 ? dParts[0]! : tf.concat(dParts, 1);
    const var_ = tf.square(std);
    const kl = tf.mul(tf.sum(tf.sub(tf.add(tf.add(logvar, 1), tf.neg(tf.square(mu))), var_)), -0.5);

    // Backward through the decoder: δ of each layer's pre-activation.
    const decDelta: Tensor2D[] = new Array(nDec);
    decDelta[nDec - 1] = dr;
    for (let l = nDec - 1; l > 0; l--)
      decDelta[l - 1] = tf.mul(tf.matMul(decDelta[l]!, decW[l]!, false, true), tf.step(decIn[l]!)) as Tensor2D;
    const dz = tf.matMul(decDelta[0]!, decW[0]!, false, true);
    // Reparameterization and KL: ∂KL/∂μ = μ, ∂KL/∂logvar = (σ_z² − 1)/2.
    const dmu = tf.add(dz, tf.mul(mu, scale));
    const dlv = tf.add(tf.mul(tf.mul(dz, EPS), tf.mul(std, 0.5)), tf.mul(tf.sub(var_, 1), 0.5 * scale));
    const encDelta: Tensor2D[] = new Array(nEnc);
    encDelta[nEnc - 1] = tf.concat([dmu, dlv], 1) as Tensor2D;
    for (let l = nEnc - 1; l > 0; l--)
      encDelta[l - 1] = tf.mul(tf.matMul(encDelta[l]!, encW[l]!, false, true), tf.step(encIn[l]!)) as Tensor2D;

    const ins = [...encIn, ...decIn];
    const deltas = [...encDelta, ...decDelta];
    let weights: Tensor2D | null = null;
    let clipped: Tensor = tf.scalar(0);
    if (dp) {
      // Per-example squared norm: Σ_layers (‖a_i‖² + 1)·‖δ_i‖² (weights and bias) + ‖∂ℓ_i/∂σ‖².
      let n2: Tensor = tf.zeros([rows, 1]);
      ins.forEach((a, l) => {
        const da = tf.add(tf.sum(tf.square(a), 1, true), 1);
        n2 = tf.add(n2, tf.mul(da, tf.sum(tf.square(deltas[l]!), 1, true)));
      });
      if (gSigmaRows) n2 = tf.add(n2, tf.sum(tf.square(gSigmaRows), 1, true));
      const norm = tf.sqrt(n2);
      weights = tf.minimum(tf.div(clipNorm!, tf.add(norm, 1e-12)), 1) as Tensor2D;
      clipped = tf.sum(tf.cast(tf.greater(norm, clipNorm!), 'float32'));
    }
    ins.forEach((a, l) => {
      const dl = weights ? tf.mul(deltas[l]!, weights) : deltas[l]!;
      parts.push(tf.reshape(tf.matMul(a, dl, true, false), [-1]), tf.sum(dl, 0));
    });
    if (gSigmaRows) parts.push(weights ? tf.sum(tf.mul(gSigmaRows, weights), 0) : tf.mul(tf.sum(gSigmaRows, 0), scale));
    parts.push(tf.stack([tf.mul(tf.add(recG, ce), f / rows), tf.div(kl, rows), clipped]) as Tensor1D);
    return tf.concat(parts);
  });
  const all = out.dataSync() as Float32Array;
  out.dispose();
  const p = net.theta.length;
  return {
    grad: all.subarray(0, p),
    reconstruction: all[p]!,
    kl: all[p + 1]!,
    clippedShare: dp ? all[p + 2]! / rows : 0,
  };
}
