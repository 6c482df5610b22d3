import type { Rng } from '../../rng.js';

/**
 * TVAE's networks as plain parameter arrays (TVAE in CTGAN 0.7):
 * - encoder: Linear+ReLU for each `compress` size, then two heads Linear → μ and Linear → log σ²
 *   (the original has the same two heads, `fc1` and `fc2`);
 * - decoder: Linear+ReLU for each `decompress` size, then the output Linear → data dimension,
 *   stored as two heads: the scalar columns [0, S) and the one-hot columns [S, D) (the same
 *   linear map, split so no step slices a tensor by columns, which tfjs-backend-wasm does slowly);
 * - σ: one learned output standard deviation per scalar (numeric) dimension, initialized at 0.1
 *   and clamped to [0.01, 1] after every step, as the original;
 * - optional autoregressive path (ours, `shape.ar`): a masked one-hidden-layer MLP over the data
 *   row itself (MADE, Germain et al. 2015, "Masked Autoencoder for Distribution Estimation"),
 *   whose output is added to the decoder's logits: input Linear+ReLU (data → `ar.hidden`) and two
 *   heads (scalar, one-hot) without bias. Each data dimension has a degree (its item's place in
 *   the layout order, see `TabularTransformer.itemDegrees`); the masks let an output of degree t
 *   read only data of degree < t, so the decoder models p(x | z) = Π_t p(x_t | z, x_<t) instead
 *   of TVAE's Π_t p(x_t | z). Why: given z, TVAE samples every column independently, which on
 *   Adult cost 0.034 of TSTR AUC (see `tvae.ts`).
 *
 * All parameters live in one flat Float32Array (`theta`), in the order encoder hidden layers,
 * μ head, log σ² head, decoder hidden layers, scalar head, one-hot head, then the autoregressive
 * input, scalar and one-hot layers when present (each W then b), σ — so
 * Adam, DP noise and serialization work on one vector, and each layer is a zero-copy view.
 * Weights are row-major `in × out` (y = xW + b). A head of width 0 (no scalar, or no one-hot
 * column) is left out.
 *
 * @example
 * const net = createNetwork({ dataDim: 40, scalars: 3, compress: [128, 128], decompress: [128, 128], embedding: 128 }, rng);
 * net.encoder.hidden[0]!.w.length; // => 40 * 128
 */
export interface NetShape {
  dataDim: number;
  scalars: number;
  compress: number[];
  decompress: number[];
  embedding: number;
  /** The autoregressive path: hidden width, and the degree (≥ 1) of every data dimension. */
  ar?: { hidden: number; degrees: number[] };
}

export interface DenseView {
  inDim: number;
  outDim: number;
  w: Float32Array;
  b: Float32Array;
}

export interface Network {
  shape: NetShape;
  theta: Float32Array;
  encoder: { hidden: DenseView[]; mu: DenseView; logvar: DenseView };
  decoder: { hidden: DenseView[]; scalarHead: DenseView | null; oneHotHead: DenseView | null };
  ar: { input: DenseView; scalarHead: DenseView | null; oneHotHead: DenseView | null } | null;
  sigma: Float32Array;
}

/** Every dense layer in `theta` order. */
export function denseLayers(net: Network): DenseView[] {
  const out = [...net.encoder.hidden, net.encoder.mu, net.encoder.logvar, ...net.decoder.hidden];
  if (net.decoder.scalarHead) out.push(net.decoder.scalarHead);
  if (net.decoder.oneHotHead) out.push(net.decoder.oneHotHead);
  if (net.ar) {
    out.push(net.ar.input);
    if (net.ar.scalarHead) out.push(net.ar.scalarHead);
    if (net.ar.oneHotHead) out.push(net.ar.oneHotHead);
  }
  return out;
}

/** (in, out) of every dense layer in `theta` order. */
export function layerDims(s: NetShape): [number, number][] {
  const dims: [number, number][] = [];
  let d = s.dataDim;
  for (const h of s.compress) {
    dims.push([d, h]);
    d = h;
  }
  dims.push([d, s.embedding], [d, s.embedding]);
  d = s.embedding;
  for (const h of s.decompress) {
    dims.push([d, h]);
    d = h;
  }
  if (s.scalars > 0) dims.push([d, s.scalars]);
  if (s.dataDim - s.scalars > 0) dims.push([d, s.dataDim - s.scalars]);
  if (s.ar) {
    dims.push([s.dataDim, s.ar.hidden]);
    if (s.scalars > 0) dims.push([s.ar.hidden, s.scalars]);
    if (s.dataDim - s.scalars > 0) dims.push([s.ar.hidden, s.dataDim - s.scalars]);
  }
  return dims;
}

export function parameterCount(s: NetShape): number {
  let n = s.scalars;
  for (const [i, o] of layerDims(s)) n += i * o + o;
  return n;
}

/** Views of a flat parameter vector as layers (no copy). */
export function viewNetwork(shape: NetShape, theta: Float32Array): Network {
  let off = 0;
  const views = layerDims(shape).map(([i, o]): DenseView => {
    const w = theta.subarray(off, off + i * o);
    off += i * o;
    const b = theta.subarray(off, off + o);
    off += o;
    return { inDim: i, outDim: o, w, b };
  });
  const sigma = theta.subarray(off, off + shape.scalars);
  off += shape.scalars;
  if (off !== theta.length)
    throw new Error(`tvae: parameter vector has ${theta.length} values, the network needs ${off}`);
  const nc = shape.compress.length;
  const nd = shape.decompress.length;
  const hasS = shape.scalars > 0;
  const hasK = shape.dataDim - shape.scalars > 0;
  const a = nc + 2 + nd + (hasS ? 1 : 0) + (hasK ? 1 : 0);
  return {
    shape,
    theta,
    encoder: { hidden: views.slice(0, nc), mu: views[nc]!, logvar: views[nc + 1]! },
    decoder: {
      hidden: views.slice(nc + 2, nc + 2 + nd),
      scalarHead: hasS ? views[nc + 2 + nd]! : null,
      oneHotHead: hasK ? views[nc + 2 + nd + (hasS ? 1 : 0)]! : null,
    },
    ar: shape.ar
      ? {
          input: views[a]!,
          scalarHead: hasS ? views[a + 1]! : null,
          oneHotHead: hasK ? views[a + 1 + (hasS ? 1 : 0)]! : null,
        }
      : null,
    sigma,
  };
}

/**
 * Degree of every hidden unit of the autoregressive path: 1, 2, …, items − 1, 1, 2, … (MADE's
 * degrees, assigned cyclically rather than at random, so they need not be stored). A unit of
 * degree m reads data of degree ≤ m and feeds outputs of degree > m; with one item there is no
 * unit that may connect, and every weight is masked.
 */
export function hiddenDegrees(hidden: number, items: number): Int32Array {
  const span = Math.max(1, items - 1);
  return Int32Array.from({ length: hidden }, (_, u) => 1 + (u % span));
}

/**
 * 1 for every free parameter of `theta`, 0 for the autoregressive weights the MADE masks cut (and
 * for the autoregressive heads' biases, which would duplicate the decoder's); null without the
 * autoregressive path. Masked parameters start at 0 and their gradient is multiplied by this
 * mask, so they stay 0 through Adam and weight decay: the forward pass needs no mask.
 */
export function parameterMask(shape: NetShape): Float32Array | null {
  if (!shape.ar) return null;
  const m = viewNetwork(shape, new Float32Array(parameterCount(shape)).fill(1));
  const ar = m.ar!;
  const deg = shape.ar.degrees;
  const hd = hiddenDegrees(shape.ar.hidden, Math.max(0, ...deg));
  const h = shape.ar.hidden;
  for (let i = 0; i < shape.dataDim; i++)
    for (let u = 0; u < h; u++) if (deg[i]! > hd[u]!) ar.input.w[i * h + u] = 0;
  const cut = (head: DenseView | null, first: number) => {
    if (!head) return;
    head.b.fill(0);
    for (let u = 0; u < h; u++)
      for (let j = 0; j < head.outDim; j++) if (hd[u]! >= deg[first + j]!) head.w[u * head.outDim + j] = 0;
  };
  cut(ar.scalarHead, 0);
  cut(ar.oneHotHead, shape.scalars);
  return m.theta;
}

/** The decoder as a plain layer list with the two output heads joined into one in × D layer (for sampling and storage). */
export function decoderLayers(net: Network): DenseView[] {
  const { hidden, scalarHead, oneHotHead } = net.decoder;
  return [...hidden, joinHeads(scalarHead, oneHotHead)];
}

/** The autoregressive path as two plain layers (input, joined heads), for sampling and storage; null without it. */
export function autoregressiveLayers(net: Network): { input: DenseView; head: DenseView } | null {
  if (!net.ar) return null;
  return { input: net.ar.input, head: joinHeads(net.ar.scalarHead, net.ar.oneHotHead) };
}

/** A scalar head and a one-hot head (same input) as one in × (S + K) layer. */
function joinHeads(scalarHead: DenseView | null, oneHotHead: DenseView | null): DenseView {
  const heads = [scalarHead, oneHotHead].filter((h): h is DenseView => h !== null);
  const inDim = heads[0]!.inDim;
  const outDim = heads.reduce((s, h) => s + h.outDim, 0);
  const w = new Float32Array(inDim * outDim);
  const b = new Float32Array(outDim);
  let col = 0;
  for (const h of heads) {
    for (let i = 0; i < inDim; i++) w.set(h.w.subarray(i * h.outDim, (i + 1) * h.outDim), i * outDim + col);
    b.set(h.b, col);
    col += h.outDim;
  }
  return { inDim, outDim, w, b };
}

export const SIGMA_INIT = 0.1;
export const SIGMA_MIN = 0.01;
export const SIGMA_MAX = 1;

/**
 * Fresh parameters: PyTorch's `nn.Linear` default, W and b ~ U(−1/√in, 1/√in) (kaiming-uniform
 * with a = √5), drawn from our seeded Rng; σ = 0.1.
 */
export function createNetwork(shape: NetShape, rng: Rng): Network {
  const net = viewNetwork(shape, new Float32Array(parameterCount(shape)));
  for (const l of denseLayers(net)) {
    const bound = 1 / Math.sqrt(l.inDim);
    for (let i = 0; i < l.w.length; i++) l.w[i] = (2 * rng.uniform() - 1) * bound;
    for (let i = 0; i < l.b.length; i++) l.b[i] = (2 * rng.uniform() - 1) * bound;
  }
  net.sigma.fill(SIGMA_INIT);
  const mask = parameterMask(shape);
  if (mask) for (let i = 0; i < mask.length; i++) if (mask[i] === 0) net.theta[i] = 0;
  return net;
}

/** Clamp σ into [0.01, 1] in place (after each optimizer step, as the original). */
export function clampSigma(net: Network): void {
  const s = net.sigma;
  for (let i = 0; i < s.length; i++) s[i] = Math.min(SIGMA_MAX, Math.max(SIGMA_MIN, s[i]!));
}
