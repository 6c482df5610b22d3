import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * The one random source of synthgate. Every function that draws randomness takes an `Rng`;
 * nothing in `src/` draws from the platform's unseeded generator, so the same seed gives byte-identical output.
 *
 * Backed by pure-rand's xoroshiro128+ (32-bit outputs, mutated in place for speed).
 * `fork(label)` derives an independent, reproducible stream, so adding draws in one step
 * does not shift the numbers of another (e.g. each column or each metric gets its own stream).
 *
 * @example
 * const rng = new Rng(42);
 * rng.uniform(); // => same value on every run
 * const a = rng.fork('column:age'); // independent of later draws on `rng`
 */
export class Rng {
  readonly seed: number;
  private readonly gen: { next(): number };
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new TypeError(`seed must be a finite number, got ${seed}`);
    this.seed = seed >>> 0;
    this.gen = xoroshiro128plus(this.seed) as unknown as { next(): number };
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    return this.gen.next() >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.gen.next() >>> 5;
    const b = this.gen.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform double in (0, 1): safe for inverse-CDF transforms. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Uniform integer in [0, n). Unbiased (rejection sampling on 32 bits for n ≤ 2^32). */
  int(n: number): number {
    if (n <= 0) throw new RangeError(`int(n) needs n > 0, got ${n}`);
    if (n > 4294967296) return Math.floor(this.uniform() * n);
    const limit = 4294967296 - (4294967296 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Standard normal draw (Marsaglia polar method; caches the second value). */
  normal(): number {
    if (this.spareNormal !== null) {
      const s = this.spareNormal;
      this.spareNormal = null;
      return s;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniform() * 2 - 1;
      v = this.uniform() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return u * m;
  }

  /** An independent stream derived from this generator's seed and a label (not from its position). */
  fork(label: string): Rng {
    return new Rng(hashSeed(this.seed, label));
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** k distinct indices from [0, n), sorted ascending (partial Fisher–Yates). */
  sampleIndices(n: number, k: number): Uint32Array {
    if (k >= n) return this.permutation(n).sort();
    const p = this.permutation(n);
    return p.subarray(0, k).sort();
  }
}

/** FNV-1a over the seed and label, finished with a murmur3 avalanche: a 32-bit derived seed. */
export function hashSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Default seed when the user gives none: fixed, so runs are reproducible unless asked otherwise. */
export const DEFAULT_SEED = 0;
