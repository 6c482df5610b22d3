import type { RawColumn } from '../table/raw-table.js';

/**
 * Dictionary-encodes one column while rows stream in: each distinct string gets a code on first sight,
 * codes go into a growable Int32Array, NA tokens become -1 and are counted per token so the column can
 * remember its most frequent one (`nullToken`). One Map lookup per cell: NA tokens sit in the same Map
 * under negative codes.
 *
 * @example
 * const b = new RawColumnBuilder('sex', ['', 'NA']);
 * b.add('M'); b.add('NA'); b.add('F'); b.add('M');
 * b.finish(); // => { name: 'sex', codes: [0, -1, 1, 0], dictionary: ['M', 'F'], counts: [2, 1], nullCount: 1, nullToken: 'NA' }
 */
export class RawColumnBuilder {
  readonly name: string;
  private readonly naTokens: readonly string[];
  /** value → code (≥ 0), or NA token → -(index in naTokens) - 1. */
  private readonly lookup = new Map<string, number>();
  private readonly dictionary: string[] = [];
  private readonly counts: number[] = [];
  private readonly naCounts: number[];
  /** Nulls that came as real nulls (SQL NULL), not as NA tokens. */
  private missing = 0;
  private codes: Int32Array;
  private length = 0;

  constructor(name: string, naTokens: readonly string[], initialCapacity = 1024) {
    this.name = name;
    this.naTokens = naTokens;
    this.naCounts = naTokens.map(() => 0);
    naTokens.forEach((t, i) => {
      if (!this.lookup.has(t)) this.lookup.set(t, -i - 1);
    });
    this.codes = new Int32Array(Math.max(16, initialCapacity));
  }

  get numRows(): number {
    return this.length;
  }

  /** Appends one cell given as text; NA tokens become null. */
  add(value: string): void {
    let code = this.lookup.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.counts.push(1);
      this.lookup.set(value, code);
    } else if (code >= 0) {
      this.counts[code]!++;
    } else {
      this.naCounts[-code - 1]!++;
      code = -1;
    }
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length++] = code;
  }

  /** Appends a real null (SQL NULL), which has no token of its own. */
  addNull(): void {
    this.missing++;
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length++] = -1;
  }

  /** The finished column; codes have exactly one entry per row. The builder must not be used afterwards. */
  finish(sourceType?: string): RawColumn {
    let nullCount = this.missing;
    let best = -1;
    for (let i = 0; i < this.naCounts.length; i++) {
      const n = this.naCounts[i]!;
      nullCount += n;
      if (n > 0 && (best < 0 || n > this.naCounts[best]!)) best = i;
    }
    // A view when little capacity is unused: copying would briefly hold the column twice (on a 1 GB CSV,
    // every column at once before GC), which costs more memory than the slack it frees.
    const slack = this.codes.length - this.length;
    const codes =
      slack <= this.codes.length / 8 ? this.codes.subarray(0, this.length) : this.codes.slice(0, this.length);
    return {
      name: this.name,
      codes,
      dictionary: this.dictionary,
      counts: this.counts,
      nullCount,
      nullToken: best < 0 ? null : this.naTokens[best]!,
      ...(sourceType === undefined ? {} : { sourceType }),
    };
  }

  /** Grows by 1.5× (not 2×) so a column of n rows peaks near 2.5n codes in memory, not 3n. */
  private grow(): void {
    const next = new Int32Array(Math.ceil(this.codes.length * 1.5) + 16);
    next.set(this.codes);
    this.codes = next;
  }
}
