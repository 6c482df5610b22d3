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
/**
 * What both kernels share, as source text placed before them: `nnBelow`, `nnRowDistance` (one
 * reference row's distance with early exit) and `nnInsert` (the sorted top-k insertion).
 */
export const NN_SHARED_SOURCE = `
// Largest double strictly below x (x >= 0 or +Infinity): "s >= x" is "s > nnBelow(x)".
const nnBelow = (function () {
  const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
  const lo = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
  const hi = 1 - lo;
  return function (x) {
    if (x === Infinity) return Number.MAX_VALUE;
    if (x <= 0) return -Number.MIN_VALUE;
    f64[0] = x;
    if (u32[lo] === 0) { u32[lo] = 0xffffffff; u32[hi] = u32[hi] - 1; } else u32[lo] = u32[lo] - 1;
    return f64[0];
  };
})();
// Distance of reference row r to the query (categorical offset qc, numeric offset qn), starting from
// s (mismatches already counted), or -1 as soon as it exceeds lim.
function nnRowDistance(rCat, qCat, rNum, qNum, nCat, nNum, r, qc, qn, s, lim) {
  const rc = r * nCat;
  for (let j = 0; j < nCat; j++) {
    if (rCat[rc + j] !== qCat[qc + j]) {
      s += 1;
      if (s > lim) return -1;
    }
  }
  const rn = r * nNum;
  for (let j = 0; j < nNum; j++) {
    const a = qNum[qn + j], b = rNum[rn + j];
    let t = a - b;
    if (t < 0) t = -t;
    else if (t !== t) t = (a !== a && b !== b) ? 0 : 1;
    if (t > 1) t = 1;
    s += t;
    if (s > lim) return -1;
  }
  return s;
}
// Insert (s, p, id) into the k best, kept sorted by (distance, priority); the last entry drops out.
function nnInsert(bestD, bestP, bestI, k, s, p, id) {
  let i = k - 1;
  while (i > 0 && (bestD[i - 1] > s || (bestD[i - 1] === s && bestP[i - 1] > p))) {
    bestD[i] = bestD[i - 1]; bestP[i] = bestP[i - 1]; bestI[i] = bestI[i - 1];
    i--;
  }
  bestD[i] = s; bestP[i] = p; bestI[i] = id;
}
`;

export const NN_KERNEL_SOURCE = `
function nnKernel(d, qStart, qEnd) {
  const k = d.k, nNum = d.nNum, nCat = d.nCat, nKey = d.nKey, nGroups = d.nGroups;
  const rNum = d.rNum, rCat = d.rCat, rId = d.rId, rPrio = d.rPrio, tie = d.tie === 1;
  const gStart = d.gStart, gKey = d.gKey, qNum = d.qNum, qCat = d.qCat, qKey = d.qKey;
  const outDist = d.outDist, outIdx = d.outIdx;
  const bestD = new Float64Array(k), bestP = new Float64Array(k), bestI = new Int32Array(k);
  const lbs = new Int32Array(nGroups), order = new Int32Array(nGroups), levelStart = new Int32Array(nKey + 2);
  const below = nnBelow;
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
        const s = nnRowDistance(rCat, qCat, rNum, qNum, nCat, nNum, r, qc, qn, lb, lim);
        if (s < 0) continue;
        const p = tie ? rPrio[r] : 0;
        if (s === thr && p >= thrP) continue;
        nnInsert(bestD, bestP, bestI, k, s, p, rId[r]);
        thr = bestD[k - 1]; thrP = bestP[k - 1];
        lim = tie ? thr : below(thr);
      }
    }
    const o = q * k;
    for (let i = 0; i < k; i++) { outDist[o + i] = bestD[i]; outIdx[o + i] = bestI[i]; }
  }
}
`;

/**
 * The same search, "vertical" variant for queries far from every reference row (e.g. random rows),
 * where blocks prune nothing: per low-cardinality categorical column and value, a bitset of the
 * reference rows holding it; per query, the matching bitsets are added into bit-sliced counters, so
 * every row's categorical mismatch count is known after O(columns × rows / 32) word operations; rows
 * are then visited by increasing mismatch count, the remaining columns added with early exit, and the
 * visit stops once the count exceeds the k-th best distance. Same result, same tie rule.
 */
export const NN_VERTICAL_KERNEL_SOURCE = `
function nnVerticalKernel(d, qStart, qEnd) {
  const k = d.k, nV = d.nV, nPlanes = d.nPlanes, nWords = d.nWords, nRef = d.nRef;
  const nCat = d.nCat, nNum = d.nNum, tie = d.tie === 1;
  const vOffset = d.vOffset, vCard = d.vCard, bits = d.bits, rCat = d.rCat, rNum = d.rNum, rPrio = d.rPrio;
  const vSlot = d.vSlot, listStart = d.listStart, listRows = d.listRows;
  const qV = d.qV, qCat = d.qCat, qNum = d.qNum, outDist = d.outDist, outIdx = d.outIdx;
  const planes = new Int32Array(nPlanes * nWords);
  const bestD = new Float64Array(k), bestP = new Float64Array(k), bestI = new Int32Array(k);
  const below = nnBelow;
  const tailMask = (nRef & 31) === 0 ? -1 : ((1 << (nRef & 31)) - 1);
  for (let q = qStart; q < qEnd; q++) {
    for (let i = 0; i < k; i++) { bestD[i] = Infinity; bestP[i] = Infinity; bestI[i] = -1; }
    let thr = Infinity, thrP = Infinity;
    let lim = tie ? thr : below(thr);
    planes.fill(0);
    for (let c = 0; c < nV; c++) {
      const v = qV[q * nV + c];
      if (v < 0 || v >= vCard[c]) continue;
      const slot = vSlot[c] + v;
      const from = listStart[slot], to = listStart[slot + 1];
      if ((to - from) * 2 < nWords) {
        // Few rows hold this value: add them one by one.
        for (let j = from; j < to; j++) {
          const r = listRows[j];
          const w = r >>> 5;
          let carry = 1 << (r & 31);
          for (let p = 0; p < nPlanes && carry !== 0; p++) {
            const at = p * nWords + w;
            const t = planes[at] & carry;
            planes[at] ^= carry;
            carry = t;
          }
        }
        continue;
      }
      const base = vOffset[c] + v * nWords;
      for (let w = 0; w < nWords; w++) {
        let carry = bits[base + w];
        for (let p = 0; p < nPlanes && carry !== 0; p++) {
          const at = p * nWords + w;
          const t = planes[at] & carry;
          planes[at] ^= carry;
          carry = t;
        }
      }
    }
    const qc = q * nCat, qn = q * nNum;
    for (let level = 0; level <= nV; level++) {
      if (level > lim) break;
      const matches = nV - level;
      for (let w = 0; w < nWords; w++) {
        let m = w === nWords - 1 ? tailMask : -1;
        for (let p = 0; p < nPlanes && m !== 0; p++) {
          const pw = planes[p * nWords + w];
          m &= ((matches >> p) & 1) ? pw : ~pw;
        }
        while (m !== 0) {
          const t = m & -m;
          const r = (w << 5) + (31 - Math.clz32(t));
          m ^= t;
          const s = nnRowDistance(rCat, qCat, rNum, qNum, nCat, nNum, r, qc, qn, level, lim);
          if (s < 0) continue;
          const p = tie ? rPrio[r] : 0;
          if (s === thr && p >= thrP) continue;
          nnInsert(bestD, bestP, bestI, k, s, p, r);
          thr = bestD[k - 1]; thrP = bestP[k - 1];
          lim = tie ? thr : below(thr);
        }
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
${NN_SHARED_SOURCE}
${NN_KERNEL_SOURCE}
${NN_VERTICAL_KERNEL_SOURCE}
const { data, counter, chunkDone, chunk, total, vertical } = workerData;
const kernel = vertical ? nnVerticalKernel : nnKernel;
for (;;) {
  const s = Atomics.add(counter, 0, chunk);
  if (s >= total) break;
  const e = Math.min(total, s + chunk);
  kernel(data, s, e);
  Atomics.store(chunkDone, s / chunk, 1);
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

/** Data of the vertical kernel. */
export interface VerticalKernelData {
  k: number;
  tie: 0 | 1;
  nRef: number;
  nV: number;
  nPlanes: number;
  nWords: number;
  /** Word offset of each vertical column's value bitsets in `bits`. */
  vOffset: Int32Array;
  /** Value slots per vertical column (code + 1; slot 0 = null). */
  vCard: Int32Array;
  bits: Int32Array;
  /** First global slot of each vertical column; rows of global slot s are listRows[listStart[s]..listStart[s+1]). */
  vSlot: Int32Array;
  listStart: Int32Array;
  listRows: Int32Array;
  nCat: number;
  nNum: number;
  rCat: Int32Array;
  rNum: Float64Array;
  rPrio: Float64Array | null;
  qV: Int32Array;
  qCat: Int32Array;
  qNum: Float64Array;
  outDist: Float64Array;
  outIdx: Int32Array;
}

export type Kernel<D> = (d: D, qStart: number, qEnd: number) => void;

let compiled: { blocked: Kernel<KernelData>; vertical: Kernel<VerticalKernelData> } | null = null;

/** The kernels compiled in this thread (once). */
export function inThreadKernels(): { blocked: Kernel<KernelData>; vertical: Kernel<VerticalKernelData> } {
  if (!compiled) {
    compiled = new Function(
      `${NN_SHARED_SOURCE}\n${NN_KERNEL_SOURCE}\n${NN_VERTICAL_KERNEL_SOURCE}\nreturn { blocked: nnKernel, vertical: nnVerticalKernel };`,
    )() as { blocked: Kernel<KernelData>; vertical: Kernel<VerticalKernelData> };
  }
  return compiled;
}
