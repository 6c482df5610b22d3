import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, Utf8Scanner } from '../../src/io/utf8-scanner.js';

/** True when a fatal TextDecoder decodes all of `bytes` (complete, valid UTF-8). */
function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function scan(bytes: Uint8Array, cuts: number[]): number {
  const s = new Utf8Scanner();
  let start = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)]
    .sort((a, b) => a - b)
    .concat(bytes.length)) {
    if (cut < start) continue;
    const bad = s.push(Buffer.from(bytes.subarray(start, cut)));
    if (bad >= 0) return bad;
    start = cut;
  }
  return s.end();
}

describe('Utf8Scanner', () => {
  it('accepts valid text split anywhere, including inside multi-byte characters', () => {
    const text = Buffer.from('aé😀€z', 'utf8');
    for (let cut = 0; cut <= text.length; cut++) expect(scan(text, [cut])).toBe(-1);
  });

  it('holds back a cut sequence until the next chunk, but flags a byte that can never start one at once', () => {
    const s = new Utf8Scanner();
    expect(s.push(Buffer.from([0x61, 0xc3]))).toBe(-1);
    expect(s.push(Buffer.from([0xa9, 0xff]))).toBe(3);
  });

  it('gives the absolute offset of the first bad byte', () => {
    expect(scan(Buffer.from([0x61, 0x62, 0xff, 0x63]), [1])).toBe(2);
    expect(scan(Buffer.from([0x61, 0xc3, 0xa9, 0xc3, 0x28]), [2, 4])).toBe(3);
    // Overlong encoding of '/' and a UTF-16 surrogate are invalid UTF-8.
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });

  it('flags a multi-byte sequence left unfinished at the end', () => {
    expect(scan(Buffer.from([0x61, 0xf0, 0x9f, 0x98]), [2])).toBe(1);
  });

  it('agrees with a fatal TextDecoder on arbitrary bytes cut into arbitrary chunks', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          // Mostly valid text with at most one byte changed: errors late in the input, after multi-byte characters.
          fc
            .tuple(
              fc.string({ unit: 'binary', maxLength: 24 }),
              fc.nat(),
              fc.integer({ min: 0, max: 255 }),
              fc.boolean(),
            )
            .map(([text, at, byte, change]) => {
              const b = Buffer.from(text, 'utf8');
              if (change && b.length > 0) b[at % b.length] = byte;
              return new Uint8Array(b);
            }),
        ),
        fc.array(fc.nat(96), { maxLength: 4 }),
        (bytes, cuts) => {
          const bad = scan(bytes, cuts);
          if (bad < 0) expect(decodes(bytes)).toBe(true);
          else {
            // Everything before the offset is valid; the sequence starting there is not.
            expect(decodes(bytes.subarray(0, bad))).toBe(true);
            expect(decodes(bytes.subarray(bad, bad + 4))).toBe(false);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
