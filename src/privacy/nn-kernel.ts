/**
 * The exact k-nearest-neighbour kernel behind DCR, NNDR, membership inference, linkability and
 * inference, as plain JavaScript text: worker threads evaluate it (`new Worker(src, { eval: true })`
 * cannot load TypeScript), and the main thread compiles the same text, so both run identical code.
 *
 * Input layout (built by `nn-search.ts`): reference rows sorted into groups that share the values of a
 * few "key" categorical columns; per query, each group's key mismatches are a lower bound on the
 * distance of all its rows. Groups are visited by increasing bound and skipped once the bound exceeds
 * the current k-th best distance; within a row the partial sum stops as soon as it exceeds it.
 * Both prunings discard only rows that cannot enter the top k, so the result is exact.
 *
 * Distances are sums of per-column terms (categorical mismatch 1; numeric |a − b| on range-scaled
 * values, capped at 1; null vs null 0, null vs value 1).
 *
 * Ties: with `tie = 1`, candidates compare by (distance, priority) where priority is a random
 * permutation rank per reference row, so a tie is broken uniformly at random; with `tie = 0`, the first
 * row found is kept and only the distances are meaningful.
 */
export const NN_KERNEL_SOURCE = String.raw`
function nnKernel(d, qStart, qEnd) {
  const k = d.k, nNum = d.nNum, nCat = d.nCat, nKey = d.nKey, nGroups = d.nGroups;
  const rNum = d.rNum, rCat = d.rCat, rId = d.rId, rPrio = d.rPrio, tie = d.tie === 1;
  const gStart = d.gStart, gKey = d.gKey, qNum = d.qNum, qCat = d.qCat, qKey = d.qKey;
  const outDist = d.outDist, outIdx = d.outIdx;
  const bestD = new Float64Array(k), bestP = new Float64Array(k), bestI = new Int32Array(k);
  const lbs = new Int32Array(nGroups), order = new Int32Array(nGroups), levelStart = new Int32Array(nKey + 2);
  const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
  const lo = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
  const hi = 1 - lo;
  // Largest double strictly below x (x >= 0 or +Infinity): "s >= x" is "s > below(x)".
  const below = function (x) {
    if (x === Infinity) return Number.MAX_VALUE;
    if (x <= 0) return -Number.MIN_VALUE;
    f64[0] = x;
    if (u32[lo] === 0) { u32[lo] = 0xffffffff; u32[hi] = u32[hi] - 1; } else u32[lo] = u32[lo] - 1;
    return f64[0];
  };
  for (let q = qStart; q < qEnd; q++) {
    for (let i = 0; i < k; i++) { bestD[i] = Infinity; bestP[i] = Infinity; bestI[i] = -1; }
    let thr = Infinity, thrP = Infinity;
    let lim = tie ? thr : below(thr);
    levelStart.fill(0);
    const qk = q * nKey;
    for (let g = 0; g < nGroups; g++) {
      let m = 0;
      const gk = g * nKey;
      for (let j = 0; j < nKey; j++) if (gKey[gk + j] !== qKey[qk + j]) m++;
      lbs[g] = m;
      levelStart[m + 1]++;
    }
    for (let l = 1; l <= nKey + 1; l++) levelStart[l] += levelStart[l - 1];
    for (let g = 0; g < nGroups; g++) order[levelStart[lbs[g]]++] = g;
    const qc = q * nCat, qn = q * nNum;
    for (let oi = 0; oi < nGroups; oi++) {
      const g = order[oi];
      const lb = lbs[g];
      if (lb > lim) break;
      const end = gStart[g + 1];
      for (let r = gStart[g]; r < end; r++) {
        let s = lb;
        let pruned = false;
        const rc = r * nCat;
        for (let j = 0; j < nCat; j++) {
          if (rCat[rc + j] !== qCat[qc + j]) {
            s += 1;
            if (s > lim) { pruned = true; break; }
          }
        }
        if (pruned) continue;
        const rn = r * nNum;
        for (let j = 0; j < nNum; j++) {
          const a = qNum[qn + j], b = rNum[rn + j];
          let t = a - b;
          if (t < 0) t = -t;
          else if (t !== t) t = (a !== a && b !== b) ? 0 : 1;
          if (t > 1) t = 1;
          s += t;
          if (s > lim) { pruned = true; break; }
        }
        if (pruned) continue;
        const p = tie ? rPrio[r] : 0;
        if (s === thr && p >= thrP) continue;
        let i = k - 1;
        while (i > 0 && (bestD[i - 1] > s || (bestD[i - 1] === s && bestP[i - 1] > p))) {
          bestD[i] = bestD[i - 1]; bestP[i] = bestP[i - 1]; bestI[i] = bestI[i - 1];
          i--;
        }
        bestD[i] = s; bestP[i] = p; bestI[i] = rId[r];
        thr = bestD[k - 1]; thrP = bestP[k - 1];
        lim = tie ? thr : below(thr);
      }
    }
    const o = q * k;
    for (let i = 0; i < k; i++) { outDist[o + i] = bestD[i]; outIdx[o + i] = bestI[i]; }
  }
}
`;

/** Worker body: grabs query blocks from a shared counter until none are left. */
export const NN_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
${NN_KERNEL_SOURCE}
const { data, counter, chunk, total } = workerData;
for (;;) {
  const s = Atomics.add(counter, 0, chunk);
  if (s >= total) break;
  const e = Math.min(total, s + chunk);
  nnKernel(data, s, e);
  Atomics.add(counter, 1, e - s);
}
parentPort.postMessage('done');
`;

/** The data a kernel call reads and writes; every array may live on a SharedArrayBuffer. */
export interface KernelData {
  k: number;
  nNum: number;
  nCat: number;
  nKey: number;
  nGroups: number;
  tie: 0 | 1;
  rNum: Float64Array;
  rCat: Int32Array;
  rId: Int32Array;
  rPrio: Float64Array | null;
  gStart: Int32Array;
  gKey: Int32Array;
  qNum: Float64Array;
  qCat: Int32Array;
  qKey: Int32Array;
  outDist: Float64Array;
  outIdx: Int32Array;
}

export type Kernel = (d: KernelData, qStart: number, qEnd: number) => void;

let compiled: Kernel | null = null;

/** The kernel compiled in this thread (once). */
export function inThreadKernel(): Kernel {
  if (!compiled) compiled = new Function(`${NN_KERNEL_SOURCE}\nreturn nnKernel;`)() as Kernel;
  return compiled;
}
