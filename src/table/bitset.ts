/**
 * A fixed-size bitset over 32-bit words. Used for validity masks (bit set = value present)
 * and for row filters, so a filter is n/8 bytes rather than a copy of the rows.
 */
export class BitSet {
  readonly size: number;
  readonly words: Uint32Array;

  constructor(size: number, words?: Uint32Array) {
    this.size = size;
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  /** A bitset with every bit in [0, size) set. */
  static full(size: number): BitSet {
    const b = new BitSet(size);
    b.words.fill(0xffffffff);
    const tail = size & 31;
    // Keep bits past `size` clear so count() and not() stay exact.
    if (tail) b.words[b.words.length - 1] = (2 ** tail - 1) >>> 0;
    return b;
  }

  get(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  clear(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
  }

  /** Number of set bits. */
  count(): number {
    let c = 0;
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w]!;
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      c += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    return c;
  }

  /** Indices of set bits, ascending. */
  indices(): Uint32Array {
    const out = new Uint32Array(this.count());
    let k = 0;
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w]!;
      while (v !== 0) {
        const t = v & -v;
        out[k++] = (w << 5) + (31 - Math.clz32(t));
        v ^= t;
      }
    }
    return out;
  }

  and(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    for (let w = 0; w < this.words.length; w++) out.words[w] = this.words[w]! & other.words[w]!;
    return out;
  }

  not(): BitSet {
    const out = BitSet.full(this.size);
    for (let w = 0; w < this.words.length; w++) out.words[w] = out.words[w]! & ~this.words[w]!;
    return out;
  }

  /** Bits at `rows` gathered into a new bitset of length rows.length. */
  take(rows: ArrayLike<number>): BitSet {
    const out = new BitSet(rows.length);
    for (let i = 0; i < rows.length; i++) if (this.get(rows[i]!)) out.set(i);
    return out;
  }
}
