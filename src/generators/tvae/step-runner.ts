import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TfRuntime } from './backend.js';
import type { NetShape, Network } from './network.js';
import {
  makeStepConstants,
  type StepBatch,
  type StepConstants,
  type StepResult,
  trainStep,
} from './train-step.js';
import type { Block } from './transformer.js';

/**
 * Runs TVAE training steps on one thread or, data-parallel, on several: the batch is cut into
 * contiguous parts, the main thread computes the first and `worker_threads` the others (each with
 * its own TensorFlow.js instance on the same backend), and the part gradients are combined —
 * row-weighted means without DP, plain sums of clipped per-example gradients with DP.
 *
 * Why: tfjs-backend-wasm is single-threaded under Node, so one fit would use one core of a
 * multi-core machine. Parameters, batches and gradients travel through SharedArrayBuffers; the
 * main thread waits with `Atomics.wait` (allowed in Node's main thread). The split is fixed, so a
 * fit is deterministic for a given seed, backend and thread count (float32 sums of the parts make
 * results differ slightly between thread counts).
 *
 * @example
 * const runner = await createStepRunner(rt, net, { scalars, blocks, dim, lossFactor: 2, learnSigma: true, maxRows: 750, threads: 2, requireThreads: false });
 * const res = runner.run({ x, eps, rows });
 * await runner.close();
 */
export interface StepRunner {
  /** Threads actually used (1 when workers could not be started). */
  readonly threads: number;
  run(batch: StepBatch, clipNorm?: number): StepResult;
  close(): Promise<void>;
}

export interface RunnerOptions {
  scalars: number;
  blocks: readonly Block[];
  dim: number;
  lossFactor: number;
  /** Learn the output σ (false under DP, see StepConstants). */
  learnSigma: boolean;
  /** Largest batch a step may get. */
  maxRows: number;
  threads: number;
  /** Fail instead of falling back to one thread when workers cannot start. */
  requireThreads: boolean;
}

/** Control slots of a worker (Int32Array over a SharedArrayBuffer), shared with step-worker.ts. */
export const SEQ = 0;
export const DONE = 1;
export const ROWS = 2;
export const DP = 3;
export const MASKED = 4;
/** DONE values. */
export const BUSY = 0;
export const OK = 1;
export const FAILED = 2;
const WAIT_MS = 300_000;

export interface WorkerInit {
  backend: TfRuntime['backend'];
  shape: NetShape;
  scalars: number;
  blocks: Block[];
  dim: number;
  lossFactor: number;
  learnSigma: boolean;
  theta: SharedArrayBuffer;
  x: SharedArrayBuffer;
  eps: SharedArrayBuffer;
  mask: SharedArrayBuffer;
  out: SharedArrayBuffer;
  ctl: SharedArrayBuffer;
  clip: SharedArrayBuffer;
}

interface WorkerHandle {
  worker: Worker;
  x: Float32Array;
  eps: Float32Array;
  mask: Float32Array;
  out: Float32Array;
  ctl: Int32Array;
  clip: Float64Array;
  cap: number;
}

class LocalRunner implements StepRunner {
  readonly threads = 1;
  constructor(
    private readonly rt: TfRuntime,
    private readonly net: Network,
    private readonly c: StepConstants,
  ) {}

  run(batch: StepBatch, clipNorm?: number): StepResult {
    return trainStep(this.rt.tf, this.net, this.c, batch, clipNorm);
  }

  async close(): Promise<void> {}
}

class ParallelRunner implements StepRunner {
  readonly threads: number;
  private readonly sharedTheta: Float32Array;

  constructor(
    private readonly rt: TfRuntime,
    private readonly net: Network,
    private readonly c: StepConstants,
    private readonly workers: WorkerHandle[],
    theta: SharedArrayBuffer,
  ) {
    this.threads = workers.length + 1;
    this.sharedTheta = new Float32Array(theta);
  }

  run(batch: StepBatch, clipNorm?: number): StepResult {
    const { x, eps, mask, rows } = batch;
    const d = this.net.shape.dataDim;
    const e = this.net.shape.embedding;
    const sc = this.net.shape.scalars;
    const parts = this.threads;
    const size = Math.ceil(rows / parts);
    // Too small to split, or a (rare) Poisson batch larger than the buffers: run here.
    if (rows < 2 * parts || size > this.workers[0]!.cap)
      return trainStep(this.rt.tf, this.net, this.c, batch, clipNorm);
    this.sharedTheta.set(this.net.theta);
    const bounds: [number, number][] = [];
    for (let p = 0; p < parts; p++) bounds.push([p * size, Math.min(rows, (p + 1) * size)]);
    this.workers.forEach((w, i) => {
      const [a, b] = bounds[i + 1]!;
      w.x.set(x.subarray(a * d, b * d));
      w.eps.set(eps.subarray(a * e, b * e));
      if (mask) w.mask.set(mask.subarray(a * sc, b * sc));
      Atomics.store(w.ctl, MASKED, mask ? 1 : 0);
      Atomics.store(w.ctl, ROWS, b - a);
      Atomics.store(w.ctl, DP, clipNorm === undefined ? 0 : 1);
      w.clip[0] = clipNorm ?? 0;
      Atomics.store(w.ctl, DONE, BUSY);
      Atomics.add(w.ctl, SEQ, 1);
      Atomics.notify(w.ctl, SEQ);
    });
    const [a0, b0] = bounds[0]!;
    const mine = trainStep(
      this.rt.tf,
      this.net,
      this.c,
      {
        x: x.subarray(a0 * d, b0 * d),
        eps: eps.subarray(a0 * e, b0 * e),
        ...(mask ? { mask: mask.subarray(a0 * sc, b0 * sc) } : {}),
        rows: b0 - a0,
      },
      clipNorm,
    );
    const p = this.net.theta.length;
    const grad = new Float32Array(p);
    const n0 = b0 - a0;
    const w0 = clipNorm === undefined ? n0 / rows : 1;
    for (let j = 0; j < p; j++) grad[j] = mine.grad[j]! * w0;
    let rec = mine.reconstruction * n0;
    let kl = mine.kl * n0;
    let clipped = mine.clippedShare * n0;
    this.workers.forEach((w, i) => {
      while (Atomics.load(w.ctl, DONE) === BUSY)
        if (Atomics.wait(w.ctl, DONE, BUSY, WAIT_MS) === 'timed-out')
          throw new Error('tvae: a training worker stopped answering');
      if (Atomics.load(w.ctl, DONE) === FAILED)
        throw new Error('tvae: a training worker failed (see the message above)');
      const [a, b] = bounds[i + 1]!;
      const nw = b - a;
      const ww = clipNorm === undefined ? nw / rows : 1;
      for (let j = 0; j < p; j++) grad[j] = grad[j]! + w.out[j]! * ww;
      rec += w.out[p]! * nw;
      kl += w.out[p + 1]! * nw;
      clipped += w.out[p + 2]! * nw;
    });
    return { grad, reconstruction: rec / rows, kl: kl / rows, clippedShare: clipped / rows };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        Atomics.store(w.ctl, SEQ, -1);
        Atomics.notify(w.ctl, SEQ);
        await w.worker.terminate();
      }),
    );
  }
}

/** The compiled worker script beside this module (present in dist/, absent when running from .ts sources). */
function workerUrl(): URL | null {
  const url = new URL('./step-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/** A runner on `threads` threads (1: in process). Falls back to one thread when workers cannot start, unless required. */
export async function createStepRunner(rt: TfRuntime, net: Network, o: RunnerOptions): Promise<StepRunner> {
  const c = makeStepConstants(o.scalars, o.blocks, o.lossFactor, o.learnSigma);
  if (o.threads <= 1) return new LocalRunner(rt, net, c);
  const url = workerUrl();
  const fail = (why: string): StepRunner => {
    if (o.requireThreads) {
      throw new Error(`tvae: cannot start ${o.threads} training threads: ${why}`);
    }
    return new LocalRunner(rt, net, c);
  };
  if (!url)
    return fail('the worker script step-worker.js is not beside step-runner.js (run from the built package)');
  const cap = Math.ceil(o.maxRows / o.threads) + 1;
  const theta = new SharedArrayBuffer(net.theta.length * 4);
  const handles: WorkerHandle[] = [];
  try {
    for (let t = 1; t < o.threads; t++) {
      const init: WorkerInit = {
        backend: rt.backend,
        shape: net.shape,
        scalars: o.scalars,
        blocks: o.blocks.map((b) => ({ ...b })),
        dim: o.dim,
        lossFactor: o.lossFactor,
        learnSigma: o.learnSigma,
        theta,
        x: new SharedArrayBuffer(cap * o.dim * 4),
        eps: new SharedArrayBuffer(cap * net.shape.embedding * 4),
        mask: new SharedArrayBuffer(Math.max(1, cap * net.shape.scalars) * 4),
        out: new SharedArrayBuffer((net.theta.length + 3) * 4),
        ctl: new SharedArrayBuffer(5 * 4),
        clip: new SharedArrayBuffer(8),
      };
      const worker = new Worker(url, { workerData: init });
      handles.push({
        worker,
        x: new Float32Array(init.x),
        eps: new Float32Array(init.eps),
        mask: new Float32Array(init.mask),
        out: new Float32Array(init.out),
        ctl: new Int32Array(init.ctl),
        clip: new Float64Array(init.clip),
        cap,
      });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', (m: { ready?: boolean; error?: string }) =>
          m.ready ? resolve() : reject(new Error(m.error)),
        );
        worker.once('error', reject);
      });
    }
  } catch (e) {
    await Promise.all(handles.map((h) => h.worker.terminate()));
    return fail((e as Error).message);
  }
  return new ParallelRunner(rt, net, c, handles, theta);
}
