import { parentPort, workerData } from 'node:worker_threads';
import { loadTf } from './backend.js';
import { viewNetwork } from './network.js';
import { DONE, DP, FAILED, MASKED, OK, ROWS, SEQ, type WorkerInit } from './step-runner.js';
import { makeStepConstants, trainStep } from './train-step.js';

/**
 * A TVAE training worker (see `step-runner.ts`): loads TensorFlow.js on the main thread's backend,
 * then loops — wait for a step (SEQ bumped), compute the gradient of its part of the batch from the
 * shared parameters, write it to the shared output, flag DONE. SEQ = −1 ends the loop.
 */
const init = workerData as WorkerInit;
const ctl = new Int32Array(init.ctl);
const clip = new Float64Array(init.clip);
const x = new Float32Array(init.x);
const eps = new Float32Array(init.eps);
const mask = new Float32Array(init.mask);
const out = new Float32Array(init.out);

async function main(): Promise<void> {
  const rt = await loadTf(init.backend);
  if (rt.backend !== init.backend)
    throw new Error(`worker got backend ${rt.backend}, expected ${init.backend}`);
  const net = viewNetwork(init.shape, new Float32Array(init.theta));
  const c = makeStepConstants(init.scalars, init.blocks, init.lossFactor, init.learnSigma);
  parentPort!.postMessage({ ready: true });
  let seq = 0;
  for (;;) {
    Atomics.wait(ctl, SEQ, seq);
    const now = Atomics.load(ctl, SEQ);
    if (now < 0) break;
    seq = now;
    try {
      const rows = Atomics.load(ctl, ROWS);
      const dp = Atomics.load(ctl, DP) === 1;
      const masked = Atomics.load(ctl, MASKED) === 1;
      const d = init.dim;
      const e = init.shape.embedding;
      const sc = init.shape.scalars;
      const batch = {
        x: x.subarray(0, rows * d),
        eps: eps.subarray(0, rows * e),
        ...(masked ? { mask: mask.subarray(0, rows * sc) } : {}),
        rows,
      };
      const r = trainStep(rt.tf, net, c, batch, dp ? clip[0] : undefined);
      out.set(r.grad);
      const p = r.grad.length;
      out[p] = r.reconstruction;
      out[p + 1] = r.kl;
      out[p + 2] = r.clippedShare;
      Atomics.store(ctl, DONE, OK);
    } catch (err) {
      console.error(`tvae training worker: ${(err as Error).message}`);
      Atomics.store(ctl, DONE, FAILED);
    }
    Atomics.notify(ctl, DONE);
  }
}

main().catch((err: Error) => parentPort!.postMessage({ error: err.message }));
