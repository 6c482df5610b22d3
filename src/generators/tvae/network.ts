import type { Rng } from '../../rng.js';

/**
 * TVAE's networks as plain parameter arrays (TVAE in CTGAN 0.7):
 * - encoder: Linear+ReLU for each `compress` size, then one head Linear → [μ | log σ²] (2·embedding);
 * - decoder: Linear+ReLU for each `decompress` size, then Linear → data dimension;
 * - σ: one learned output standard deviation per scalar (numeric) dimension, initialized at 0.1
 *   and clamped to [0.01, 1] after every step, as the original.
 *
 * All parameters live in one flat Float32Array (`theta`), in the order encoder layers (W, b),
 * decoder layers (W, b), σ — so Adam, DP noise and serialization work on one vector, and each
 * layer is a zero-copy view. Weights are row-major `in × out` (y = xW + b).
 *
 * @example
 * const net = createNetwork({ dataDim: 40, scalars: 3, compress: [128, 128], decompress: [128, 128], embedding: 128 }, rng);
 * net.encoder[0]!.w.length; // => 40 * 128
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
  encoder: DenseView[];
  decoder: DenseView[];
  sigma: Float32Array;
}

/** Layer sizes as (in, out) pairs: encoder (with the μ/logvar head last), decoder. */
export function layerDims(s: NetShape): { encoder: [number, number][]; decoder: [number, number][] } {
  const encoder: [number, number][] = [];
  let d = s.dataDim;
  for (const h of s.compress) {
    encoder.push([d, h]);
    d = h;
  }
  encoder.push([d, 2 * s.embedding]);
  const decoder: [number, number][] = [];
  d = s.embedding;
  for (const h of s.decompress) {
    decoder.push([d, h]);
    d = h;
  }
  decoder.push([d, s.dataDim]);
  return { encoder, decoder };
}

export function parameterCount(s: NetShape): number {
  const { encoder, decoder } = layerDims(s);
  let n = s.scalars;
  for (const [i, o] of [...encoder, ...decoder]) n += i * o + o;
  return n;
}

/** Views of a flat parameter vector as layers (no copy). */
export function viewNetwork(shape: NetShape, theta: Float32Array): Network {
  const { encoder, decoder } = layerDims(shape);
  let off = 0;
  const view = ([i, o]: [number, number]): DenseView => {
    const w = theta.subarray(off, off + i * o);
    off += i * o;
    const b = theta.subarray(off, off + o);
    off += o;
    return { inDim: i, outDim: o, w, b };
  };
  const enc = encoder.map(view);
  const dec = decoder.map(view);
  const sigma = theta.subarray(off, off + shape.scalars);
  off += shape.scalars;
  if (off !== theta.length) throw new Error(`tvae: parameter vector has ${theta.length} values, the network needs ${off}`);
  return { shape, theta, encoder: enc, decoder: dec, sigma };
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
  for (const l of [...net.encoder, ...net.decoder]) {
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
