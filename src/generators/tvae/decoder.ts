import type { Rng } from '../../rng.js';
import { type DenseView, hiddenDegrees } from './network.js';
import type { CategoricalSampling } from './params.js';
import { softmaxDraw } from './softmax-draw.js';
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

/** A dense layer with float64 weights (exact copies of the float32 ones: V8's loops run ~1.4× faster on them). */
interface Dense64 {
  inDim: number;
  outDim: number;
  w: Float64Array;
  b: Float64Array;
}

/** y = act(x W + b) for `rows` rows; x is rows × in, out rows × out (row-major). */
function dense(x: Float64Array, rows: number, l: Dense64, relu: boolean, out: Float64Array): void {
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
  if (mode === 'softmax' && size > 1) return softmaxDraw(v, o, size, rng, probs);
  let best = 0;
  for (let t = 1; t < size; t++) if (v[o + t]! > v[o + best]!) best = t;
  return best;
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
  const layers: Dense64[] = decoder.map((l) => ({
    inDim: l.inDim,
    outDim: l.outDim,
    w: Float64Array.from(l.w),
    b: Float64Array.from(l.b),
  }));
  const bufs = decoder.map((l) => new Float64Array(CHUNK * l.outDim));
  const z = new Float64Array(CHUNK * e);
  const probs = new Float64Array(Math.max(1, ...blocks.map((b) => b.size)));
  const arRow = ar ? autoregressiveRow(ar, blocks, s, dim, mode, pickRng, noiseRng, sigma, probs) : null;
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    for (let i = 0; i < rows * e; i++) z[i] = zRng.normal();
    let x = z;
    layers.forEach((l, li) => {
      dense(x, rows, l, li < layers.length - 1, bufs[li]!);
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
  if (ar.input.inDim !== dim || ar.head.outDim !== dim || ar.head.inDim !== h || ar.degrees.length !== dim)
    throw new Error('tvae autoregressive layers do not match the decoder output');
  // Hidden units sorted by degree: an item of degree d reads the units of degree < d (a prefix)
  // and feeds those of degree ≥ d (the rest); every other weight is masked to 0, so skipping it
  // changes nothing but the time.
  const hd = hiddenDegrees(h, Math.max(0, ...ar.degrees));
  const order = Array.from({ length: h }, (_, u) => u).sort((a, b) => hd[a]! - hd[b]! || a - b);
  const win = new Float64Array(dim * h);
  for (let i = 0; i < dim; i++) for (let u = 0; u < h; u++) win[i * h + u] = ar.input.w[i * h + order[u]!]!;
  const bias = Float64Array.from(order, (u) => ar.input.b[u]!);
  const items: PlannedItem[] = [];
  const plan = (deg: number, item: Item, offset: number, size: number) => {
    let live = 0;
    while (live < h && hd[order[live]!]! < deg) live++;
    // The head's weights of this item, transposed to size × live for contiguous dot products.
    const w = new Float64Array(size * live);
    for (let t = 0; t < size; t++)
      for (let i = 0; i < live; i++) w[t * live + i] = ar.head.w[order[i]! * dim + offset + t]!;
    items.push({ deg, item, offset, size, live, w });
  };
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    plan(ar.degrees[b.offset]!, { block: bi }, b.offset, b.size);
  }
  for (let j = 0; j < s; j++) plan(ar.degrees[j]!, { scalar: j }, j, 1);
  items.sort((a, b) => a.deg - b.deg);
  const pre = new Float64Array(h);
  const act = new Float64Array(h);
  const logits = new Float64Array(Math.max(1, ...blocks.map((b) => b.size)));
  const hb = ar.head.b;
  const feed = (dimIndex: number, value: number, from: number) => {
    const o = dimIndex * h;
    for (let u = from; u < h; u++) pre[u] += value * win[o + u]!;
  };
  return (base, r, scal, picks) => {
    pre.set(bias);
    for (const { item, offset, size, live, w } of items) {
      for (let u = 0; u < live; u++) act[u] = Math.max(pre[u]!, 0);
      for (let t = 0; t < size; t++) {
        let v = base[r + offset + t]! + hb[offset + t]!;
        const o = t * live;
        for (let u = 0; u < live; u++) v += act[u]! * w[o + u]!;
        logits[t] = v;
      }
      if ('block' in item) {
        const c = pickSlot(logits, 0, size, mode, pickRng, probs);
        picks[item.block] = c;
        feed(offset + c, 1, live);
      } else {
        const j = item.scalar;
        const v = Math.tanh(logits[0]!) + sigma[j]! * noiseRng.normal();
        scal[j] = v;
        const rule = ar.rules[j]!;
        const placeholder =
          (rule.nullBlock >= 0 && picks[rule.nullBlock] === 1) ||
          rule.points[picks[rule.modeBlock]!] === true;
        if (!placeholder) feed(j, Math.min(INPUT_CLIP, Math.max(-INPUT_CLIP, v)), live);
      }
    }
  };
}

interface PlannedItem {
  deg: number;
  item: Item;
  offset: number;
  size: number;
  /** Hidden units (in degree order) the item reads: those of lower degree. */
  live: number;
  /** size × live head weights. */
  w: Float64Array;
}
