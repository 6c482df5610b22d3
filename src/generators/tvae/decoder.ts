import type { Rng } from '../../rng.js';
import type { DenseView } from './network.js';
import type { CategoricalSampling } from './params.js';
import type { Block, ScalarRule } from './transformer.js';

/**
 * Sampling from a trained TVAE in plain JavaScript: z ~ N(0, I) through the decoder MLP (ReLU
 * hidden layers, linear output), then, as the original's `sample` + `inverse_transform`:
 * scalars α = tanh(r) + N(0, σ²) with the learned σ of each column; one-hot blocks decoded by
 * argmax (the original) or by a draw from the block's softmax.
 *
 * With the autoregressive path (network.ts), items are drawn one at a time in degree order: each
 * item's logits are the decoder's plus the masked MLP's on the items already drawn, and the drawn
 * item is fed back (one-hot, or its scalar clipped to ±0.99 as in training, 0 where the scalar is
 * a placeholder: null row or point-mass mode). The masks make this exact ancestral sampling.
 *
 * Why not TensorFlow.js: `FittedModel.sample` is synchronous and a fresh process (`synthgate
 * sample`) has no tfjs backend initialized; the decoder is three small matrix products per row, and
 * float64 arithmetic here makes samples identical whichever backend trained the model.
 *
 * @example
 * const { scalars, choices } = decodeSamples(decoderLayers, sigma, blocks, 1000, 'softmax', rng);
 */
export interface DecodedSamples {
  /** n × scalarCount normalized scalars. */
  scalars: Float64Array;
  /** n × blocks.length chosen slot per block. */
  choices: Int32Array;
}

/** The autoregressive path for sampling: its two layers, the dimension degrees and the scalar rules. */
export interface AutoregressiveSampler {
  input: DenseView;
  /** Joined heads, hidden × dim. */
  head: DenseView;
  degrees: readonly number[];
  rules: readonly ScalarRule[];
}

const CHUNK = 1024;
/** As training's target clip (train.ts SCALAR_CLIP); repeated here to keep sampling free of the training module. */
const INPUT_CLIP = 0.99;

/** y = act(x W + b) for `rows` rows; x is rows × in, out rows × out (row-major). */
function dense(x: Float64Array, rows: number, l: DenseView, relu: boolean, out: Float64Array): void {
  const { inDim, outDim, w, b } = l;
  for (let i = 0; i < rows; i++) {
    const o = i * outDim;
    for (let j = 0; j < outDim; j++) out[o + j] = b[j]!;
    const xi = i * inDim;
    for (let k = 0; k < inDim; k++) {
      const a = x[xi + k]!;
      if (a === 0) continue;
      const wk = k * outDim;
      for (let j = 0; j < outDim; j++) out[o + j] += a * w[wk + j]!;
    }
    if (relu) for (let j = 0; j < outDim; j++) if (out[o + j]! < 0) out[o + j] = 0;
  }
}

/** A slot of one block from its logits `v[o … o+size)`: the argmax, or a draw from the softmax. */
function pickSlot(
  v: ArrayLike<number>,
  o: number,
  size: number,
  mode: CategoricalSampling,
  rng: Rng,
  probs: Float64Array,
): number {
  let best = 0;
  for (let t = 1; t < size; t++) if (v[o + t]! > v[o + best]!) best = t;
  if (mode !== 'softmax' || size < 2) return best;
  const mx = v[o + best]!;
  let total = 0;
  for (let t = 0; t < size; t++) {
    probs[t] = Math.exp(v[o + t]! - mx);
    total += probs[t]!;
  }
  let u = rng.uniform() * total;
  for (let t = 0; t < size; t++) {
    u -= probs[t]!;
    if (u < 0) return t;
  }
  return size - 1;
}

type Item = { block: number } | { scalar: number };

export function decodeSamples(
  decoder: readonly DenseView[],
  sigma: Float32Array,
  blocks: readonly Block[],
  n: number,
  mode: CategoricalSampling,
  rng: Rng,
  ar?: AutoregressiveSampler,
): DecodedSamples {
  const e = decoder[0]!.inDim;
  const dim = decoder[decoder.length - 1]!.outDim;
  const s = sigma.length;
  const nb = blocks.length;
  const scalars = new Float64Array(n * s);
  const choices = new Int32Array(n * nb);
  const zRng = rng.fork('latent');
  const noiseRng = rng.fork('scalar-noise');
  const pickRng = rng.fork('categories');
  const bufs = decoder.map((l) => new Float64Array(CHUNK * l.outDim));
  const z = new Float64Array(CHUNK * e);
  const probs = new Float64Array(Math.max(1, ...blocks.map((b) => b.size)));
  const arRow = ar ? autoregressiveRow(ar, blocks, s, dim, mode, pickRng, noiseRng, sigma, probs) : null;
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    for (let i = 0; i < rows * e; i++) z[i] = zRng.normal();
    let x = z;
    decoder.forEach((l, li) => {
      dense(x, rows, l, li < decoder.length - 1, bufs[li]!);
      x = bufs[li]!;
    });
    for (let i = 0; i < rows; i++) {
      const r = i * dim;
      const row = start + i;
      if (arRow) {
        arRow(x, r, scalars.subarray(row * s, row * s + s), choices.subarray(row * nb, row * nb + nb));
        continue;
      }
      for (let j = 0; j < s; j++) scalars[row * s + j] = Math.tanh(x[r + j]!) + sigma[j]! * noiseRng.normal();
      for (let bi = 0; bi < nb; bi++) {
        const { offset, size } = blocks[bi]!;
        choices[row * nb + bi] = pickSlot(x, r + offset, size, mode, pickRng, probs);
      }
    }
  }
  return { scalars, choices };
}

/**
 * The per-row ancestral sampler of the autoregressive path: given the decoder's logits of a row
 * (`base` from `r`), fills the row's scalars and block choices item by item.
 */
function autoregressiveRow(
  ar: AutoregressiveSampler,
  blocks: readonly Block[],
  s: number,
  dim: number,
  mode: CategoricalSampling,
  pickRng: Rng,
  noiseRng: Rng,
  sigma: Float32Array,
  probs: Float64Array,
): (base: Float64Array, r: number, scal: Float64Array, picks: Int32Array) => void {
  const h = ar.input.outDim;
  const win = ar.input.w;
  const hw = ar.head.w;
  const hb = ar.head.b;
  if (ar.input.inDim !== dim || ar.head.outDim !== dim || ar.head.inDim !== h || ar.degrees.length !== dim)
    throw new Error('tvae autoregressive layers do not match the decoder output');
  const items: { deg: number; item: Item }[] = [];
  for (let bi = 0; bi < blocks.length; bi++)
    items.push({ deg: ar.degrees[blocks[bi]!.offset]!, item: { block: bi } });
  for (let j = 0; j < s; j++) items.push({ deg: ar.degrees[j]!, item: { scalar: j } });
  items.sort((a, b) => a.deg - b.deg);
  const pre = new Float64Array(h);
  const act = new Float64Array(h);
  const logits = new Float64Array(Math.max(1, ...blocks.map((b) => b.size)));
  const feed = (dimIndex: number, value: number) => {
    const o = dimIndex * h;
    for (let u = 0; u < h; u++) pre[u] += value * win[o + u]!;
  };
  return (base, r, scal, picks) => {
    for (let u = 0; u < h; u++) pre[u] = ar.input.b[u]!;
    for (const { item } of items) {
      for (let u = 0; u < h; u++) act[u] = Math.max(pre[u]!, 0);
      const offset = 'block' in item ? blocks[item.block]!.offset : item.scalar;
      const size = 'block' in item ? blocks[item.block]!.size : 1;
      for (let t = 0; t < size; t++) logits[t] = base[r + offset + t]! + hb[offset + t]!;
      for (let u = 0; u < h; u++) {
        const a = act[u]!;
        if (a === 0) continue;
        const o = u * dim + offset;
        for (let t = 0; t < size; t++) logits[t] += a * hw[o + t]!;
      }
      if ('block' in item) {
        const c = pickSlot(logits, 0, size, mode, pickRng, probs);
        picks[item.block] = c;
        feed(offset + c, 1);
      } else {
        const j = item.scalar;
        const v = Math.tanh(logits[0]!) + sigma[j]! * noiseRng.normal();
        scal[j] = v;
        const rule = ar.rules[j]!;
        const placeholder =
          (rule.nullBlock >= 0 && picks[rule.nullBlock] === 1) ||
          rule.points[picks[rule.modeBlock]!] === true;
        if (!placeholder) feed(j, Math.min(INPUT_CLIP, Math.max(-INPUT_CLIP, v)));
      }
    }
  };
}
