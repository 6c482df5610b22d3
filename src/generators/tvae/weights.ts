/**
 * Float32 arrays ↔ base64 text for the model file: little-endian IEEE-754 bytes (explicitly, via
 * DataView, so a file written on one machine reads the same on any other), with the shape stored
 * beside the data and checked on load.
 *
 * @example
 * const t = encodeFloat32(Float32Array.of(1, 2, 3, 4), [2, 2]);
 * decodeFloat32(t); // => Float32Array [1, 2, 3, 4]
 */
export interface EncodedTensor {
  shape: number[];
  /** Base64 of the little-endian float32 values, row-major. */
  data: string;
}

export function encodeFloat32(values: Float32Array, shape: number[]): EncodedTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length)
    throw new Error(`tensor of ${values.length} values does not have shape [${shape.join(', ')}]`);
  const buf = new ArrayBuffer(values.length * 4);
  const dv = new DataView(buf);
  for (let i = 0; i < values.length; i++) dv.setFloat32(i * 4, values[i]!, true);
  return { shape: [...shape], data: Buffer.from(buf).toString('base64') };
}

export function decodeFloat32(t: EncodedTensor): Float32Array {
  if (!t || !Array.isArray(t.shape) || typeof t.data !== 'string')
    throw new Error('encoded tensor lacks shape or data');
  const size = t.shape.reduce((a, b) => a * b, 1);
  const bytes = Buffer.from(t.data, 'base64');
  if (bytes.length !== size * 4)
    throw new Error(
      `encoded tensor has ${bytes.length} bytes, shape [${t.shape.join(', ')}] needs ${size * 4}`,
    );
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = dv.getFloat32(i * 4, true);
  return out;
}
