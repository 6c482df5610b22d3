import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import type { DenseView, Network } from './network.js';
import type { Block } from './transformer.js';

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
 * Softmax blocks: the one-hot logits are read back once per step and the per-block log-softmax,
 * cross-entropy and gradient (p − x) are computed in JavaScript, exactly and stably (each block
 * shifted by its own max). tfjs-backend-wasm has no segment kernels (no UnsortedSegmentSum), and
 * an earlier single-max formulation went wrong once one block's logits grew far above another's.
 */
export interface StepConstants {
  /** Softmax blocks with offsets relative to the one-hot part. */
  blocks: Block[];
  lossFactor: number;
  /**
   * false: σ is held fixed (its gradient is zero and left out of per-example norms). Used under
   * DP-SGD: per-example clipping caps most the rows whose large scalar errors push σ up, so a
   * learned σ shrinks toward its floor and the Gaussian loss diverges (seen on Adult at ε = 3).
   */
  learnSigma: boolean;
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

/** Row-major in × out → out × in. */
function transposed(w: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = w[i * cols + j]!;
  return t;
}

export function makeStepConstants(
  scalars: number,
  blocks: readonly Block[],
  lossFactor: number,
  learnSigma = true,
): StepConstants {
  return {
    blocks: blocks.map((b) => ({ offset: b.offset - scalars, size: b.size })),
    lossFactor,
    learnSigma,
  };
}

/**
 * Cross-entropy of every softmax block, summed over rows and blocks, and its gradient w.r.t. the
 * logits times `gradScale`: (softmax − x)·gradScale, written to `grad`.
 */
export function blockCrossEntropy(
  logits: ArrayLike<number>,
  target: ArrayLike<number>,
  rows: number,
  width: number,
  blocks: readonly Block[],
  gradScale: number,
  grad: Float32Array,
): number {
  let ce = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * width;
    for (const { offset, size } of blocks) {
      const o = row + offset;
      let m = Number.NEGATIVE_INFINITY;
      for (let t = 0; t < size; t++) if (logits[o + t]! > m) m = logits[o + t]!;
      let sum = 0;
      for (let t = 0; t < size; t++) sum += Math.exp(logits[o + t]! - m);
      const lse = m + Math.log(sum);
      for (let t = 0; t < size; t++) {
        const p = Math.exp(logits[o + t]! - lse);
        const y = target[o + t]!;
        if (y !== 0) ce += y * (lse - logits[o + t]!);
        grad[o + t] = (p - y) * gradScale;
      }
    }
  }
  return ce;
}

/** One mini-batch: rows × dim data, rows × embedding noise, and rows × scalars loss mask. */
export interface StepBatch {
  x: Float32Array;
  eps: Float32Array;
  /**
   * 1 where a scalar enters the Gaussian loss, 0 where it is a placeholder: the row's value is
   * null, or its mode is a point mass (sampled as the mode's value, so its scalar carries
   * nothing). Absent: all ones, as the original.
   */
  mask?: Float32Array;
  rows: number;
}

/** Run one step on a batch. `clipNorm` turns on per-example clipping (DP-SGD). */
export function trainStep(
  tf: TfModule,
  net: Network,
  c: StepConstants,
  batch: StepBatch,
  clipNorm?: number,
): StepResult {
  const { x, eps, mask, rows } = batch;
  const { dataDim: d, scalars: s, embedding: e } = net.shape;
  const k = d - s;
  const dp = clipNorm !== undefined;
  // Scalar and one-hot parts of the batch, split here rather than sliced on the backend.
  const xsData = new Float32Array(rows * s);
  const xoData = new Float32Array(rows * k);
  for (let i = 0; i < rows; i++) {
    xsData.set(x.subarray(i * d, i * d + s), i * s);
    xoData.set(x.subarray(i * d + s, (i + 1) * d), i * k);
  }
  const out = tf.tidy(() => {
    const X = tf.tensor2d(x, [rows, d]);
    const EPS = tf.tensor2d(eps, [rows, e]);
    const ones = tf.ones([1, rows]);
    const W = (l: DenseView) => tf.tensor2d(l.w, [l.inDim, l.outDim]);
    const Wt = (l: DenseView) => tf.tensor2d(transposed(l.w, l.inDim, l.outDim), [l.outDim, l.inDim]);
    const B = (l: DenseView) => tf.tensor1d(l.b);
    const sigma = tf.tensor1d(net.sigma);
    const relu = (a: Tensor2D, l: DenseView) =>
      tf.fused.matMul({ a, b: W(l), bias: B(l), activation: 'relu' }) as Tensor2D;
    const linear = (a: Tensor2D, l: DenseView) => tf.fused.matMul({ a, b: W(l), bias: B(l) }) as Tensor2D;
    const { encoder, decoder } = net;

    // Forward. `ins[j]` is the input of the j-th dense layer in theta order, `deltas[j]` (below) the
    // gradient of the loss w.r.t. its pre-activation.
    const encIn: Tensor2D[] = [X];
    for (const l of encoder.hidden) encIn.push(relu(encIn[encIn.length - 1]!, l));
    const h = encIn.pop()!;
    const mu = linear(h, encoder.mu);
    const logvar = linear(h, encoder.logvar);
    const std = tf.exp(tf.mul(logvar, 0.5));
    const z = tf.add(mu, tf.mul(EPS, std)) as Tensor2D;
    const decIn: Tensor2D[] = [z];
    for (const l of decoder.hidden) decIn.push(relu(decIn[decIn.length - 1]!, l));
    const g = decIn.pop()!;
    // The autoregressive path reads the row itself (teacher forcing); its masks keep each output
    // on earlier items only (see network.ts).
    const ar = net.ar;
    const hx = ar ? relu(X, ar.input) : null;
    const withAr = (r: Tensor2D, head: DenseView | null | undefined): Tensor2D =>
      hx && head ? (tf.add(r, tf.matMul(hx, W(head))) as Tensor2D) : r;

    const scale = dp ? 1 : 1 / rows;
    const f = c.lossFactor;
    let dg: Tensor2D | null = null;
    const addDg = (t: Tensor2D) => {
      dg = dg ? (tf.add(dg, t) as Tensor2D) : t;
    };

    // Gaussian (tanh) scalars.
    let gSigmaRows: Tensor2D | null = null;
    let recG: Tensor = tf.scalar(0);
    let drs: Tensor2D | null = null;
    if (decoder.scalarHead) {
      const rs = withAr(linear(g, decoder.scalarHead), ar?.scalarHead);
      const ts = tf.tanh(rs);
      const M = mask ? tf.tensor2d(mask, [rows, s]) : null;
      const diff = tf.sub(tf.tensor2d(xsData, [rows, s]), ts);
      const eq = M ? tf.mul(diff, M) : diff;
      const inv2 = tf.reciprocal(tf.square(sigma));
      const eq2 = tf.square(eq);
      // Σ_rows mask · ln σ per column (rows · ln σ without a mask).
      const logTerm = M ? tf.sum(tf.mul(tf.sum(M, 0), tf.log(sigma))) : tf.mul(tf.sum(tf.log(sigma)), rows);
      recG = tf.add(tf.mul(tf.sum(tf.mul(eq2, inv2)), 0.5), logTerm);
      drs = tf.mul(tf.mul(tf.mul(eq, inv2), tf.sub(tf.square(ts), 1)), f * scale) as Tensor2D;
      addDg(tf.matMul(drs, Wt(decoder.scalarHead)));
      // Per-row gradient of ℓ w.r.t. σ: f · mask · (1/σ − (x − tanh r)² / σ³).
      const inv = tf.reciprocal(sigma);
      gSigmaRows = tf.mul(tf.sub(M ? tf.mul(M, inv) : inv, tf.mul(eq2, tf.mul(inv2, inv))), f) as Tensor2D;
    }
    // Softmax blocks (cross-entropy), in JavaScript on the logits read back.
    let ce: Tensor = tf.scalar(0);
    let dro: Tensor2D | null = null;
    if (decoder.oneHotHead) {
      const ro = withAr(linear(g, decoder.oneHotHead), ar?.oneHotHead);
      const droData = new Float32Array(rows * k);
      const ceSum = blockCrossEntropy(ro.dataSync(), xoData, rows, k, c.blocks, f * scale, droData);
      ce = tf.scalar(ceSum);
      dro = tf.tensor2d(droData, [rows, k]);
      addDg(tf.matMul(dro, Wt(decoder.oneHotHead)));
    }
    // Backward through the autoregressive path (it ends at the data, so nothing flows further).
    let arDelta: Tensor2D | null = null;
    if (ar && hx) {
      let dh: Tensor2D | null = null;
      if (drs && ar.scalarHead) dh = tf.matMul(drs, Wt(ar.scalarHead)) as Tensor2D;
      if (dro && ar.oneHotHead) {
        const t = tf.matMul(dro, Wt(ar.oneHotHead)) as Tensor2D;
        dh = dh ? (tf.add(dh, t) as Tensor2D) : t;
      }
      arDelta = tf.mul(dh!, tf.step(hx)) as Tensor2D;
    }
    const var_ = tf.square(std);
    const kl = tf.mul(tf.sum(tf.sub(tf.sub(tf.add(logvar, 1), tf.square(mu)), var_)), -0.5);

    // Backward through the decoder's hidden layers (δ of each pre-activation), down to z.
    const decDelta: Tensor2D[] = new Array(decoder.hidden.length);
    let up = dg as Tensor2D | null;
    for (let l = decoder.hidden.length - 1; l >= 0; l--) {
      const delta = tf.mul(up!, tf.step(l === decoder.hidden.length - 1 ? g : decIn[l + 1]!)) as Tensor2D;
      decDelta[l] = delta;
      up = tf.matMul(delta, Wt(decoder.hidden[l]!)) as Tensor2D;
    }
    const dz = up!;
    // Reparameterization and KL: ∂KL/∂μ = μ, ∂KL/∂logvar = (σ_z² − 1)/2.
    const dmu = tf.add(dz, tf.mul(mu, scale)) as Tensor2D;
    const dlv = tf.add(
      tf.mul(tf.mul(dz, EPS), tf.mul(std, 0.5)),
      tf.mul(tf.sub(var_, 1), 0.5 * scale),
    ) as Tensor2D;
    const encDelta: Tensor2D[] = new Array(encoder.hidden.length);
    up = tf.add(tf.matMul(dmu, Wt(encoder.mu)), tf.matMul(dlv, Wt(encoder.logvar))) as Tensor2D;
    for (let l = encoder.hidden.length - 1; l >= 0; l--) {
      const delta = tf.mul(up!, tf.step(l === encoder.hidden.length - 1 ? h : encIn[l + 1]!)) as Tensor2D;
      encDelta[l] = delta;
      if (l > 0) up = tf.matMul(delta, Wt(encoder.hidden[l]!)) as Tensor2D;
    }

    // Layer inputs and deltas in theta order.
    // encIn / decIn hold the inputs of the hidden layers (X, h1, … / z, g1, …); both heads read h or g.
    const ins: Tensor2D[] = [...encIn, h, h, ...decIn];
    const deltas: Tensor2D[] = [...encDelta, dmu, dlv, ...decDelta];
    // The scalar and one-hot heads (decoder's, then the autoregressive path's) share their deltas.
    const pushHeads = (a: Tensor2D) => {
      for (const d of [drs, dro])
        if (d) {
          ins.push(a);
          deltas.push(d);
        }
    };
    pushHeads(g);
    if (arDelta && hx) {
      ins.push(X);
      deltas.push(arDelta);
      pushHeads(hx);
    }

    const parts: Tensor[] = [];
    let weights: Tensor2D | null = null;
    let clipped: Tensor = tf.scalar(0);
    if (dp) {
      // Per-example squared norm: Σ_layers (‖a_i‖² + 1)·‖δ_i‖² (weights and bias) + ‖∂ℓ_i/∂σ‖².
      let n2: Tensor = tf.zeros([rows, 1]);
      ins.forEach((a, j) => {
        const da = tf.add(tf.sum(tf.square(a), 1, true), 1);
        n2 = tf.add(n2, tf.mul(da, tf.sum(tf.square(deltas[j]!), 1, true)));
      });
      if (gSigmaRows && c.learnSigma) n2 = tf.add(n2, tf.sum(tf.square(gSigmaRows), 1, true));
      const norm = tf.sqrt(n2);
      weights = tf.minimum(tf.div(clipNorm!, tf.add(norm, 1e-12)), 1) as Tensor2D;
      clipped = tf.sum(tf.cast(tf.greater(norm, clipNorm!), 'float32'));
    }
    ins.forEach((a, j) => {
      const dl = weights ? tf.mul(deltas[j]!, weights) : deltas[j]!;
      // aᵀδ and 1ᵀδ as plain products (column sums on wasm are slower than a 1 × rows product).
      parts.push(tf.reshape(tf.matMul(tf.transpose(a), dl), [-1]), tf.reshape(tf.matMul(ones, dl), [-1]));
    });
    if (gSigmaRows && c.learnSigma) {
      const gs = weights ? tf.mul(gSigmaRows, weights) : tf.mul(gSigmaRows, scale);
      parts.push(tf.reshape(tf.matMul(ones, gs), [-1]));
    } else if (gSigmaRows) parts.push(tf.zeros([s]));
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
