import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * SHA-256 (hex) of a file, read as a stream so memory stays constant whatever the file size.
 * `onProgress` gets the bytes hashed so far after each chunk.
 *
 * @example
 * await sha256File('fixtures/adult.csv'); // => 'f2c62076f19504d99a38b22badf445a7f42530ade6b827acf78dd143fbce38bb'
 */
export async function sha256File(path: string, onProgress?: (bytesRead: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    read += (chunk as Buffer).length;
    onProgress?.(read);
  }
  return hash.digest('hex');
}

/**
 * SHA-256 (hex) of a string's UTF-8 bytes.
 *
 * @example
 * sha256String('abc'); // => 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256String(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
