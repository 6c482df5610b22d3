import type { Rng } from '../../rng.js';

/**
 * TVAE's networks as plain parameter arrays (TVAE in CTGAN 0.7):
 * - encoder: Linear+ReLU for each `compress` size, then two heads Linear → μ and Linear → log σ²
 *   (the original has the same two heads, `fc1` and `fc2`);
 * - decoder: Linear+ReLU for each `decompress` size, then the output Linear → data dimension,
 *   stored as two heads: the scalar columns [0, S) and the one-hot columns [S, D) (the same
 *   linear map, split so no step slices a tensor by columns, which tfjs-backend-wasm does slowly);
 * - σ: one learned output standard deviation per scalar (numeric) dimension, initialized at 0.1
 *   and clamped to [0.01, 1] after every step, as the original.
 *
 * All parameters live in one flat Float32Array (`theta`), in the order encoder hidden layers,
 * μ head, log σ² head, decoder hidden layers, scalar head, one-hot head (each W then b), σ — so
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
  sigma: Float32Array;
}

/** Every dense layer in `theta` order. */
export function denseLayers(net: Network): DenseView[] {
  const out = [...net.encoder.hidden, net.encoder.mu, net.encoder.logvar, ...net.decoder.hidden];
  if (net.decoder.scalarHead) out.push(net.decoder.scalarHead);
  if (net.decoder.oneHotHead) out.push(net.decoder.oneHotHead);
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
  return {
    shape,
    theta,
    encoder: { hidden: views.slice(0, nc), mu: views[nc]!, logvar: views[nc + 1]! },
    decoder: {
      hidden: views.slice(nc + 2, nc + 2 + nd),
      scalarHead: hasS ? views[nc + 2 + nd]! : null,
      oneHotHead: hasK ? views[nc + 2 + nd + (hasS ? 1 : 0)]! : null,
    },
    sigma,
  };
}

/** The decoder as a plain layer list with the two output heads joined into one in × D layer (for sampling and storage). */
export function decoderLayers(net: Network): DenseView[] {
  const { hidden, scalarHead, oneHotHead } = net.decoder;
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
  return [...hidden, { inDim, outDim, w, b }];
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
  return net;
}

/** Clamp σ into [0.01, 1] in place (after each optimizer step, as the original). */
export function clampSigma(net: Network): void {
  const s = net.sigma;
  for (let i = 0; i < s.length; i++) s[i] = Math.min(SIGMA_MAX, Math.max(SIGMA_MIN, s[i]!));
}
