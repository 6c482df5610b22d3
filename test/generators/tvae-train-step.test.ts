import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TfRuntime } from '../../src/generators/tvae/backend.js';
import {
  createNetwork,
  denseLayers,
  hiddenDegrees,
  type Network,
  parameterMask,
  viewNetwork,
} from '../../src/generators/tvae/network.js';
import { blockCrossEntropy, makeStepConstants, trainStep } from '../../src/generators/tvae/train-step.js';
import type { Block } from '../../src/generators/tvae/transformer.js';
import { Rng } from '../../src/rng.js';

// A small layout: 2 scalars, then blocks of 3 and 2 one-hots.
const SCALARS = 2;
const BLOCKS: Block[] = [
  { offset: 2, size: 3 },
  { offset: 5, size: 2 },
];
const DIM = 7;
const E = 4;

function batch(rows: number, rng: Rng): { x: Float32Array; eps: Float32Array } {
  const x = new Float32Array(rows * DIM);
  for (let i = 0; i < rows; i++) {
    x[i * DIM] = rng.uniform() * 1.6 - 0.8;
    x[i * DIM + 1] = rng.uniform() * 1.6 - 0.8;
    x[i * DIM + 2 + rng.int(3)] = 1;
    x[i * DIM + 5 + rng.int(2)] = 1;
  }
  const eps = Float32Array.from({ length: rows * E }, () => rng.normal());
  return { x, eps };
}

// Autoregressive order of the small layout: block A (1), scalar 0 (2), block B (3), scalar 1 (4).
const DEGREES = [2, 4, 1, 1, 1, 3, 3];

function smallNet(seed: number, autoregressive = false): Network {
  const net = createNetwork(
    {
      dataDim: DIM,
      scalars: SCALARS,
      compress: [5, 6],
      decompress: [6],
      embedding: E,
      ...(autoregressive ? { ar: { hidden: 6, degrees: DEGREES } } : {}),
    },
    new Rng(seed),
  );
  // Spread σ so the σ gradient is exercised away from its initial value.
  net.sigma.set([0.3, 0.7]);
  return net;
}

/** The same ELBO written with plain tf ops, differentiated by tfjs autodiff (the reference). */
function autodiffGrad(
  rt: TfRuntime,
  net: Network,
  x: Float32Array,
  eps: Float32Array,
  rows: number,
  factor: number,
  mask?: Float32Array,
): Float32Array {
  const { tf } = rt;
  type T = import('@tensorflow/tfjs').Tensor;
  const layers = denseLayers(net);
  const params: T[] = layers.flatMap((l) => [tf.tensor2d(l.w, [l.inDim, l.outDim]), tf.tensor1d(l.b)]);
  params.push(tf.tensor1d(net.sigma));
  const X = tf.tensor2d(x, [rows, DIM]);
  const EPS = tf.tensor2d(eps, [rows, E]);
  const nEnc = net.encoder.hidden.length;
  const nDec = net.decoder.hidden.length;
  const f = (...p: T[]) => {
    const lin = (a: T, j: number) => tf.add(tf.matMul(a, p[2 * j]!), p[2 * j + 1]!);
    let h = X as T;
    for (let l = 0; l < nEnc; l++) h = tf.relu(lin(h, l));
    const mu = lin(h, nEnc);
    const lv = lin(h, nEnc + 1);
    let g = tf.add(mu, tf.mul(EPS, tf.exp(tf.mul(lv, 0.5)))) as T;
    for (let l = 0; l < nDec; l++) g = tf.relu(lin(g, nEnc + 2 + l));
    // The reference uses one joined output layer: [scalar head | one-hot head].
    let out = tf.concat([lin(g, nEnc + 2 + nDec), lin(g, nEnc + 3 + nDec)], 1);
    if (net.ar) {
      // Plus the autoregressive path on the row itself: relu(X Win + b), then its two heads.
      const hx = tf.relu(lin(X, nEnc + 4 + nDec));
      out = tf.add(out, tf.concat([lin(hx, nEnc + 5 + nDec), lin(hx, nEnc + 6 + nDec)], 1));
    }
    const sigma = p[p.length - 1]!;
    const rs = tf.slice(out, [0, 0], [rows, SCALARS]);
    const xs = tf.slice(X, [0, 0], [rows, SCALARS]);
    const M = mask ? tf.tensor2d(mask, [rows, SCALARS]) : tf.ones([rows, SCALARS]);
    const perCell = tf.add(
      tf.div(tf.square(tf.sub(xs, tf.tanh(rs))), tf.mul(tf.square(sigma), 2)),
      tf.log(sigma),
    );
    let rec = tf.sum(tf.mul(perCell, M));
    for (const b of BLOCKS) {
      const logits = tf.slice(out, [0, b.offset], [rows, b.size]);
      const target = tf.slice(X, [0, b.offset], [rows, b.size]);
      rec = tf.add(rec, tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits)))));
    }
    const kl = tf.mul(tf.sum(tf.sub(tf.sub(tf.add(lv, 1), tf.square(mu)), tf.exp(lv))), -0.5);
    return tf.add(tf.mul(rec, factor / rows), tf.div(kl, rows)) as import('@tensorflow/tfjs').Scalar;
  };
  const grads = tf.grads(f)(params);
  const flat = tf.concat(grads.map((t) => tf.reshape(t, [-1])));
  const out = flat.dataSync() as Float32Array;
  tf.dispose([...params, ...grads, flat, X, EPS]);
  return Float32Array.from(out);
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst / scale;
}

describe('TVAE training step (explicit backpropagation)', () => {
  let rt: TfRuntime;
  beforeAll(async () => {
    rt = await loadTf('cpu');
  });

  /** The explicit step's gradient on a fresh batch, checked against autodiff. */
  function expectAutodiffAgreement(net: Network, rows: number, seed: number) {
    const { x, eps } = batch(rows, new Rng(seed));
    const c = makeStepConstants(SCALARS, BLOCKS, 2);
    const mine = trainStep(rt.tf, net, c, { x, eps, rows });
    const ref = autodiffGrad(rt, net, x, eps, rows, 2);
    expect(mine.grad.length).toBe(ref.length);
    expect(maxRelDiff(mine.grad, ref)).toBeLessThan(1e-4);
    return { x, eps, c, mine };
  }

  it('matches tfjs autodiff of the same ELBO', () => {
    const net = smallNet(3);
    const rows = 9;
    const { x, eps, c, mine } = expectAutodiffAgreement(net, rows, 4);
    expect(mine.reconstruction).toBeGreaterThan(0);
    // With a loss mask (null rows and point-mass modes leave the Gaussian loss).
    const mask = Float32Array.from({ length: rows * SCALARS }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const masked = trainStep(rt.tf, net, c, { x, eps, rows, mask });
    expect(maxRelDiff(masked.grad, autodiffGrad(rt, net, x, eps, rows, 2, mask))).toBeLessThan(1e-4);
    expect(maxRelDiff(masked.grad, mine.grad)).toBeGreaterThan(1e-3);
  });

  it('matches tfjs autodiff with the autoregressive path', () => {
    const net = smallNet(7, true);
    // Make the masked weights non-zero too: the step's gradient is unmasked (train.ts masks it).
    for (const l of [net.ar!.input, net.ar!.scalarHead!, net.ar!.oneHotHead!])
      for (let i = 0; i < l.w.length; i++) if (l.w[i] === 0) l.w[i] = 0.05 * ((i % 5) - 2);
    expectAutodiffAgreement(net, 8, 8);
  });

  it('masks the autoregressive path so an output reads only earlier items', () => {
    const net = smallNet(11, true);
    const mask = parameterMask(net.shape)!;
    // createNetwork starts every masked parameter at 0.
    for (let i = 0; i < mask.length; i++) if (mask[i] === 0) expect(net.theta[i]).toBe(0);
    expect(Array.from(hiddenDegrees(6, 4))).toEqual([1, 2, 3, 1, 2, 3]);
    const ar = net.ar!;
    const forward = (row: number[]): number[] => {
      const h = Array.from({ length: 6 }, (_, u) =>
        Math.max(
          0,
          row.reduce((s, v, i) => s + v * ar.input.w[i * 6 + u]!, ar.input.b[u]!),
        ),
      );
      const head = (l: typeof ar.input) =>
        Array.from({ length: l.outDim }, (_, j) =>
          h.reduce((s, v, u) => s + v * l.w[u * l.outDim + j]!, l.b[j]!),
        );
      return [...head(ar.scalarHead!), ...head(ar.oneHotHead!)];
    };
    const rng = new Rng(12);
    const base = Array.from({ length: DIM }, () => rng.normal());
    const y0 = forward(base);
    // Degree-1 outputs (block A) read nothing; each degree t output changes only through items < t.
    for (let t = 1; t <= 4; t++) {
      const moved = base.map((v, i) => (DEGREES[i]! >= t ? v + 3 * rng.normal() : v));
      const y = forward(moved);
      DEGREES.forEach((d, i) => {
        if (d <= t) expect(y[i]).toBeCloseTo(y0[i]!, 12);
      });
    }
    expect(y0.slice(2, 5)).toEqual([0, 0, 0]);
    // And a later output does depend on an earlier item.
    const moved = [...base];
    moved[2] = base[2]! + 5;
    expect(forward(moved)[1]).not.toBeCloseTo(y0[1]!, 6);
  });

  it('DP: returns the sum of per-example gradients, each clipped to C', () => {
    const net = smallNet(5);
    const rows = 6;
    const { x, eps } = batch(rows, new Rng(6));
    const c = makeStepConstants(SCALARS, BLOCKS, 2);
    const clip = 0.5;
    // Reference: one row at a time (a batch of one gives that row's gradient), clipped in JS.
    const expected = new Float64Array(net.theta.length);
    let clippedRows = 0;
    for (let i = 0; i < rows; i++) {
      const g = trainStep(rt.tf, net, c, {
        x: x.subarray(i * DIM, (i + 1) * DIM),
        eps: eps.subarray(i * E, (i + 1) * E),
        rows: 1,
      }).grad;
      const norm = Math.hypot(...g);
      const w = Math.min(1, clip / norm);
      if (norm > clip) clippedRows++;
      for (let j = 0; j < g.length; j++) expected[j]! += g[j]! * w;
    }
    const dp = trainStep(rt.tf, net, c, { x, eps, rows }, clip);
    expect(maxRelDiff(dp.grad, expected)).toBeLessThan(1e-4);
    expect(dp.clippedShare).toBeCloseTo(clippedRows / rows, 6);
    // σ held fixed (as under DP): its gradient is zero, the others unchanged when nothing is clipped.
    const fixed = trainStep(rt.tf, net, makeStepConstants(SCALARS, BLOCKS, 2, false), { x, eps, rows }, 1e9);
    expect(Array.from(fixed.grad.subarray(-SCALARS))).toEqual([0, 0]);
    // With a huge C nothing is clipped: the sum is rows × the mean gradient.
    const loose = trainStep(rt.tf, net, c, { x, eps, rows }, 1e9);
    const mean = trainStep(rt.tf, net, c, { x, eps, rows });
    expect(
      maxRelDiff(
        loose.grad,
        Float32Array.from(mean.grad, (v) => v * rows),
      ),
    ).toBeLessThan(1e-4);
  });

  it('computes block cross-entropy stably when blocks sit at very different logit scales', () => {
    // Row 0: block A's logits near 1e4, block B's near 0; row 1: the reverse, with a wide spread.
    const logits = Float32Array.of(1e4, 1e4 - 2, 1e4 - 1, 0.5, -0.5, -3, 2, 1, 8000, -8000);
    const target = Float32Array.of(0, 0, 1, 1, 0, 0, 1, 0, 1, 0);
    const blocks = [
      { offset: 0, size: 3 },
      { offset: 3, size: 2 },
    ];
    const grad = new Float32Array(10);
    const ce = blockCrossEntropy(logits, target, 2, 5, blocks, 1, grad);
    // Reference in float64 with log-softmax per block.
    let expected = 0;
    const eg: number[] = [];
    for (let i = 0; i < 2; i++)
      for (const b of blocks) {
        const z = Array.from(logits.subarray(i * 5 + b.offset, i * 5 + b.offset + b.size));
        const m = Math.max(...z);
        const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
        z.forEach((v, t) => {
          const y = target[i * 5 + b.offset + t]!;
          expected += y * (lse - v);
          eg.push(Math.exp(v - lse) - y);
        });
      }
    expect(ce).toBeCloseTo(expected, 6);
    expect(Number.isFinite(ce)).toBe(true);
    eg.forEach((g, j) => {
      expect(grad[j]).toBeCloseTo(g, 6);
    });
  });

  it('views a flat parameter vector without copying', () => {
    const net = smallNet(1);
    const again = viewNetwork(net.shape, net.theta);
    again.decoder.hidden[0]!.w[0] = 42;
    expect(net.decoder.hidden[0]!.w[0]).toBe(42);
    expect(again.decoder.scalarHead!.outDim).toBe(SCALARS);
    expect(again.decoder.oneHotHead!.outDim).toBe(DIM - SCALARS);
  });
});
