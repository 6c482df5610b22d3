import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256File, sha256String } from '../../src/io/sha256.js';
import { tempDir, writeFixture } from './helpers.js';

const dir = tempDir();

describe('sha256', () => {
  it('hashes a string as UTF-8 (FIPS 180-2 test vector for "abc")', () => {
    expect(sha256String('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256String('Zürich')).toBe(
      createHash('sha256').update(Buffer.from('Zürich', 'utf8')).digest('hex'),
    );
  });

  it('hashes a multi-chunk file like node:crypto over its bytes, reporting progress', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 0);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    const path = writeFixture(dir, 'blob.bin', bytes);
    const seen: number[] = [];
    expect(await sha256File(path, (n) => seen.push(n))).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
    expect(seen).toEqual([1, 2, 3, 3].map((k, i) => (i < 3 ? k * 1024 * 1024 : bytes.length)));
  });
});
