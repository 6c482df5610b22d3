import { isUtf8 } from 'node:buffer';

/**
 * Validates UTF-8 across stream chunks without decoding: each chunk is checked with Node's native
 * `isUtf8`, holding back a multi-byte sequence cut at the chunk's end for the next one. Only when a
 * chunk fails does a byte-level scan find the exact offset of the first bad byte.
 *
 * @example
 * const s = new Utf8Scanner();
 * s.push(Buffer.from([0x61, 0xc3])); // => -1 (0xc3 held back: its continuation may come next)
 * s.push(Buffer.from([0xa9, 0xff])); // => 3 (absolute offset of 0xff)
 */
export class Utf8Scanner {
  private carry: Buffer | null = null;
  /** Absolute offset of the first byte of `carry` (or of the next chunk when there is none). */
  private offset = 0;

  /** Feeds the next chunk; returns the absolute offset of the first invalid byte, or -1. */
  push(chunk: Buffer): number {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const start = this.offset;
    const cut = incompleteTailStart(buf);
    const body = cut === buf.length ? buf : buf.subarray(0, cut);
    this.carry = cut === buf.length ? null : Buffer.from(buf.subarray(cut));
    this.offset = start + cut;
    if (isUtf8(body)) return -1;
    return start + firstInvalidUtf8(body);
  }

  /** At end of input: a held-back sequence that never completed is invalid. Returns its offset or -1. */
  end(): number {
    return this.carry ? this.offset : -1;
  }
}

/** Index where a trailing, possibly incomplete multi-byte sequence starts (buf.length when none). */
function incompleteTailStart(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      // Bytes that never start a sequence are not held back: validation flags them now.
      if (b < 0xc2 || b > 0xf4) return n;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/** Byte index of the first invalid UTF-8 sequence in `buf` (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const second = buf[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = buf[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return n;
}
