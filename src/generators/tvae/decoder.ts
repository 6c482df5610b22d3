import type { Rng } from '../../rng.js';
import type { DenseView } from './network.js';
import type { CategoricalSampling } from './params.js';
import type { Block } from './transformer.js';

/**
 * Sampling from a trained TVAE in plain JavaScript: z ~ N(0, I) through the decoder MLP (ReLU
 * hidden layers, linear output), then, as the original's `sample` + `inverse_transform`:
 * scalars α = tanh(r) + N(0, σ²) with the learned σ of each column; one-hot blocks decoded by
 * argmax (the original) or by a draw from the block's softmax.
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

const CHUNK = 1024;

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

export function decodeSamples(
  decoder: readonly DenseView[],
  sigma: Float32Array,
  blocks: readonly Block[],
  n: number,
  mode: CategoricalSampling,
  rng: Rng,
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
      for (let j = 0; j < s; j++) scalars[row * s + j] = Math.tanh(x[r + j]!) + sigma[j]! * noiseRng.normal();
      for (let bi = 0; bi < nb; bi++) {
        const { offset, size } = blocks[bi]!;
        let best = 0;
        for (let t = 1; t < size; t++) if (x[r + offset + t]! > x[r + offset + best]!) best = t;
        if (mode === 'softmax' && size > 1) {
          const mx = x[r + offset + best]!;
          let total = 0;
          for (let t = 0; t < size; t++) {
            probs[t] = Math.exp(x[r + offset + t]! - mx);
            total += probs[t]!;
          }
          let u = pickRng.uniform() * total;
          let pick = size - 1;
          for (let t = 0; t < size; t++) {
            u -= probs[t]!;
            if (u < 0) {
              pick = t;
              break;
            }
          }
          best = pick;
        }
        choices[row * nb + bi] = best;
      }
    }
  }
  return { scalars, choices };
}
