/**
 * Exact k-nearest-neighbour search in a {@link DistanceSpace}: blocks the reference rows by a few key
 * categorical columns (a lower bound per block), orders columns so partial sums exceed the bound early,
 * and spreads query blocks over worker threads (plus the main thread) through a shared counter.
 * Memory is O(reference + queries × k); no distance matrix is ever built.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Rng } from '../rng.js';
import { type EncodedRows, sharedFloat64, sharedInt32 } from './distance.js';
import { inThreadKernels, type KernelData, NN_WORKER_SOURCE, type VerticalKernelData } from './nn-kernel.js';

export interface NeighborOptions {
  /** Neighbours per query (capped at the reference size). */
  k: number;
  /** Break distance ties uniformly at random with this stream; without it only distances are meaningful. */
  tieBreak?: Rng;
  /** Threads in all, main thread included. Default: the machine's available parallelism (≤ 8). */
  threads?: number;
  /** Called with the fraction of queries done. */
  onProgress?: (fraction: number) => void;
  /** Upper bound on the number of blocks (default: min(512, reference rows / 16)). */
  maxGroups?: number;
  /**
   * `blocked` (default) suits queries near the reference data (synthetic or real rows); `vertical`
   * suits queries far from every reference row (random rows), where blocks prune nothing.
   */
  strategy?: 'blocked' | 'vertical';
}

/** Row-major results: `dist[q*k + i]` is the i-th smallest distance (column units) of query q. */
export interface NeighborResult {
  readonly n: number;
  readonly k: number;
  readonly dist: Float64Array;
  readonly idx: Int32Array;
}

/** Below this many query × reference pairs, workers cost more than they save. */
const WORKER_MIN_PAIRS = 4_000_000;
const CHUNK = 64;

function mismatchProbability(codes: Int32Array, stride: number, col: number, n: number): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = codes[i * stride + col]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let s = 0;
  for (const v of counts.values()) s += (v / n) ** 2;
  return 1 - s;
}

function numericSpread(values: Float64Array, stride: number, col: number, n: number): number {
  let m = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i * stride + col]!;
    if (!Number.isNaN(x)) {
      m += x;
      c++;
    }
  }
  if (c === 0) return 1;
  m /= c;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i * stride + col]!;
    if (!Number.isNaN(x)) v += (x - m) ** 2;
  }
  return Math.sqrt(v / c) + (n - c) / n;
}

/** Pick key columns greedily by mismatch probability while the number of blocks stays ≤ maxGroups. */
function chooseKeys(ref: EncodedRows, maxGroups: number): number[] {
  const n = ref.n;
  const order = Array.from({ length: ref.nCat }, (_, j) => ({
    j,
    p: mismatchProbability(ref.cat, ref.nCat, j, n),
  }))
    .filter((c) => c.p > 0)
    .sort((a, b) => b.p - a.p || a.j - b.j);
  const keys: number[] = [];
  let groupOf = new Float64Array(n);
  for (const { j } of order) {
    if (keys.length >= 6) break;
    const next = new Float64Array(n);
    const ids = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = `${groupOf[i]}|${ref.cat[i * ref.nCat + j]}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      next[i] = id;
    }
    if (ids.size > maxGroups) continue;
    keys.push(j);
    groupOf = next;
  }
  return keys;
}

interface Layout {
  data: Omit<KernelData, 'qNum' | 'qCat' | 'qKey' | 'outDist' | 'outIdx'>;
  keys: number[];
  catRest: number[];
  numOrder: number[];
}

function buildLayout(ref: EncodedRows, k: number, maxGroups: number, tieBreak?: Rng): Layout {
  const n = ref.n;
  const keys = chooseKeys(ref, maxGroups);
  const keySet = new Set(keys);
  const catRest = Array.from({ length: ref.nCat }, (_, j) => j)
    .filter((j) => !keySet.has(j))
    .map((j) => ({ j, p: mismatchProbability(ref.cat, ref.nCat, j, n) }))
    .sort((a, b) => b.p - a.p || a.j - b.j)
    .map((c) => c.j);
  const numOrder = Array.from({ length: ref.nNum }, (_, j) => ({
    j,
    s: numericSpread(ref.num, ref.nNum, j, n),
  }))
    .sort((a, b) => b.s - a.s || a.j - b.j)
    .map((c) => c.j);

  // Block id per row, blocks numbered in order of first appearance.
  const nKey = keys.length;
  const ids = new Map<string, number>();
  const groupOf = new Int32Array(n);
  const groupKeys: number[][] = [];
  for (let i = 0; i < n; i++) {
    const vals = keys.map((j) => ref.cat[i * ref.nCat + j]!);
    const key = vals.join('|');
    let g = ids.get(key);
    if (g === undefined) {
      g = ids.size;
      ids.set(key, g);
      groupKeys.push(vals);
    }
    groupOf[i] = g;
  }
  const nGroups = Math.max(1, ids.size);
  const gStart = sharedInt32(nGroups + 1);
  for (let i = 0; i < n; i++) gStart[groupOf[i]! + 1]!++;
  for (let g = 1; g <= nGroups; g++) gStart[g]! += gStart[g - 1]!;
  const fill = Int32Array.from(gStart.subarray(0, nGroups));
  // Within a block rows keep their original order, or a random one when ties are broken at random.
  const visit = tieBreak ? tieBreak.permutation(n) : null;
  const prioOf = new Float64Array(n);
  if (visit) for (let i = 0; i < n; i++) prioOf[visit[i]!] = i;
  const nCat = catRest.length;
  const nNum = numOrder.length;
  const rNum = sharedFloat64(n * nNum);
  const rCat = sharedInt32(n * nCat);
  const rId = sharedInt32(n);
  const rPrio = tieBreak ? sharedFloat64(n) : null;
  for (let t = 0; t < n; t++) {
    const i = visit ? visit[t]! : t;
    const pos = fill[groupOf[i]!]!++;
    rId[pos] = i;
    if (rPrio) rPrio[pos] = prioOf[i]!;
    for (let c = 0; c < nCat; c++) rCat[pos * nCat + c] = ref.cat[i * ref.nCat + catRest[c]!]!;
    for (let c = 0; c < nNum; c++) rNum[pos * nNum + c] = ref.num[i * ref.nNum + numOrder[c]!]!;
  }
  const gKey = sharedInt32(nGroups * nKey);
  groupKeys.forEach((vals, g) => {
    vals.forEach((v, j) => {
      gKey[g * nKey + j] = v;
    });
  });
  return {
    data: {
      k,
      nNum,
      nCat,
      nKey,
      nGroups: ids.size,
      tie: tieBreak ? 1 : 0,
      rNum,
      rCat,
      rId,
      rPrio,
      gStart,
      gKey,
    },
    keys,
    catRest,
    numOrder,
  };
}

function layoutQueries(q: EncodedRows, layout: Layout): Pick<KernelData, 'qNum' | 'qCat' | 'qKey'> {
  const n = q.n;
  const { keys, catRest, numOrder } = layout;
  const qKey = sharedInt32(n * keys.length);
  const qCat = sharedInt32(n * catRest.length);
  const qNum = sharedFloat64(n * numOrder.length);
  for (let i = 0; i < n; i++) {
    keys.forEach((j, c) => {
      qKey[i * keys.length + c] = q.cat[i * q.nCat + j]!;
    });
    catRest.forEach((j, c) => {
      qCat[i * catRest.length + c] = q.cat[i * q.nCat + j]!;
    });
    numOrder.forEach((j, c) => {
      qNum[i * numOrder.length + c] = q.num[i * q.nNum + j]!;
    });
  }
  return { qNum, qCat, qKey };
}

/** Categorical columns whose values get a bitset each in the vertical layout. */
const VERTICAL_MAX_CARD = 128;

function buildVertical(
  ref: EncodedRows,
  query: EncodedRows,
  k: number,
  tieBreak?: Rng,
): Omit<VerticalKernelData, 'outDist' | 'outIdx'> {
  const n = ref.n;
  const nWords = (n + 31) >>> 5;
  const cards = Array.from({ length: ref.nCat }, (_, j) => {
    let max = -1;
    for (let i = 0; i < n; i++) max = Math.max(max, ref.cat[i * ref.nCat + j]!);
    return max + 2;
  });
  const vertical = cards
    .map((c, j) => ({ c, j }))
    .filter((x) => x.c <= VERTICAL_MAX_CARD)
    .map((x) => x.j);
  const vSet = new Set(vertical);
  const rest = Array.from({ length: ref.nCat }, (_, j) => j)
    .filter((j) => !vSet.has(j))
    .map((j) => ({ j, p: mismatchProbability(ref.cat, ref.nCat, j, n) }))
    .sort((a, b) => b.p - a.p || a.j - b.j)
    .map((x) => x.j);
  const numOrder = Array.from({ length: ref.nNum }, (_, j) => ({
    j,
    s: numericSpread(ref.num, ref.nNum, j, n),
  }))
    .sort((a, b) => b.s - a.s || a.j - b.j)
    .map((x) => x.j);
  const nV = vertical.length;
  const vOffset = sharedInt32(nV);
  const vCard = sharedInt32(nV);
  let words = 0;
  vertical.forEach((j, c) => {
    vOffset[c] = words;
    vCard[c] = cards[j]!;
    words += cards[j]! * nWords;
  });
  const bits = sharedInt32(words);
  const vSlot = sharedInt32(nV);
  let slots = 0;
  vertical.forEach((j, c) => {
    vSlot[c] = slots;
    slots += cards[j]!;
  });
  const listStart = sharedInt32(slots + 1);
  const listRows = sharedInt32(n * nV);
  vertical.forEach((j, c) => {
    for (let i = 0; i < n; i++) {
      const slot = ref.cat[i * ref.nCat + j]! + 1;
      bits[vOffset[c]! + slot * nWords + (i >>> 5)]! |= 1 << (i & 31);
      listStart[vSlot[c]! + slot + 1]!++;
    }
  });
  for (let s = 1; s <= slots; s++) listStart[s]! += listStart[s - 1]!;
  const fill = listStart.slice(0, slots);
  vertical.forEach((j, c) => {
    for (let i = 0; i < n; i++) listRows[fill[vSlot[c]! + ref.cat[i * ref.nCat + j]! + 1]!++] = i;
  });
  const nCat = rest.length;
  const nNum = numOrder.length;
  const rCat = sharedInt32(n * nCat);
  const rNum = sharedFloat64(n * nNum);
  for (let i = 0; i < n; i++) {
    rest.forEach((j, c) => {
      rCat[i * nCat + c] = ref.cat[i * ref.nCat + j]!;
    });
    numOrder.forEach((j, c) => {
      rNum[i * nNum + c] = ref.num[i * ref.nNum + j]!;
    });
  }
  let rPrio: Float64Array | null = null;
  if (tieBreak) {
    const perm = tieBreak.permutation(n);
    rPrio = sharedFloat64(n);
    for (let t = 0; t < n; t++) rPrio[perm[t]!] = t;
  }
  const m = query.n;
  const qV = sharedInt32(m * nV);
  const qCat = sharedInt32(m * nCat);
  const qNum = sharedFloat64(m * nNum);
  for (let i = 0; i < m; i++) {
    vertical.forEach((j, c) => {
      qV[i * nV + c] = query.cat[i * query.nCat + j]! + 1;
    });
    rest.forEach((j, c) => {
      qCat[i * nCat + c] = query.cat[i * query.nCat + j]!;
    });
    numOrder.forEach((j, c) => {
      qNum[i * nNum + c] = query.num[i * query.nNum + j]!;
    });
  }
  let nPlanes = 1;
  while (1 << nPlanes <= nV) nPlanes++;
  return {
    k,
    tie: tieBreak ? 1 : 0,
    nRef: n,
    nV,
    nPlanes,
    nWords,
    vOffset,
    vCard,
    bits,
    vSlot,
    listStart,
    listRows,
    nCat,
    nNum,
    rCat,
    rNum,
    rPrio,
    qV,
    qCat,
    qNum,
  };
}

/** Worker threads to add to the main thread for a search of this size. */
function workerCount(pairs: number, threads?: number): number {
  const total = threads ?? Math.min(8, availableParallelism());
  if (total <= 1 || pairs < WORKER_MIN_PAIRS) return 0;
  return total - 1;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The k nearest reference rows of every query row, exactly.
 *
 * @example
 * const nn = await nearestNeighbors(encodeRows(space, train), encodeRows(space, synthetic), { k: 1 });
 * nn.dist[0] / space.columnCount; // DCR of the first synthetic row
 */
export async function nearestNeighbors(
  ref: EncodedRows,
  query: EncodedRows,
  opts: NeighborOptions,
): Promise<NeighborResult> {
  if (ref.nNum !== query.nNum || ref.nCat !== query.nCat)
    throw new Error('reference and query rows come from different distance spaces');
  const k = Math.max(1, Math.min(opts.k, ref.n));
  const n = query.n;
  const outDist = sharedFloat64(n * k);
  const outIdx = sharedInt32(n * k);
  if (ref.n === 0 || n === 0) {
    outDist.fill(Number.POSITIVE_INFINITY);
    outIdx.fill(-1);
    return { n, k, dist: outDist, idx: outIdx };
  }
  const vertical = opts.strategy === 'vertical';
  let data: KernelData | VerticalKernelData;
  if (vertical) data = { ...buildVertical(ref, query, k, opts.tieBreak), outDist, outIdx };
  else {
    const maxGroups = opts.maxGroups ?? Math.max(1, Math.min(512, Math.floor(ref.n / 16)));
    const layout = buildLayout(ref, k, maxGroups, opts.tieBreak);
    data = { ...layout.data, ...layoutQueries(query, layout), outDist, outIdx };
  }
  const counter = new Int32Array(new SharedArrayBuffer(8));
  // One flag per query block, set when its results are written: blocks a failed worker claimed but
  // never finished are recomputed here, so a worker failure costs time, never results.
  const chunkDone = new Uint8Array(new SharedArrayBuffer(Math.max(1, Math.ceil(n / CHUNK))));
  const nWorkers = workerCount(ref.n * n, opts.threads);
  const workers: Promise<void>[] = [];
  for (let w = 0; w < nWorkers; w++) {
    workers.push(
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(NN_WORKER_SOURCE, {
          eval: true,
          workerData: { data, counter, chunkDone, chunk: CHUNK, total: n, vertical },
        });
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`nearest-neighbour worker exited with code ${code}`)),
        );
      }),
    );
  }
  const kernels = inThreadKernels();
  const kernel = (vertical ? kernels.vertical : kernels.blocked) as (
    d: typeof data,
    s: number,
    e: number,
  ) => void;
  let lastYield = Date.now();
  for (;;) {
    const s = Atomics.add(counter, 0, CHUNK);
    if (s >= n) break;
    const e = Math.min(n, s + CHUNK);
    kernel(data, s, e);
    Atomics.store(chunkDone, s / CHUNK, 1);
    Atomics.add(counter, 1, e - s);
    if (Date.now() - lastYield > 100) {
      opts.onProgress?.(Atomics.load(counter, 1) / n);
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  await Promise.allSettled(workers);
  for (let c = 0; c * CHUNK < n; c++) {
    if (Atomics.load(chunkDone, c) === 1) continue;
    kernel(data, c * CHUNK, Math.min(n, (c + 1) * CHUNK));
  }
  opts.onProgress?.(1);
  return { n, k, dist: outDist, idx: outIdx };
}
