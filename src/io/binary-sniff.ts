import { InputError } from '../errors.js';

/** Magic numbers of files people pass by mistake instead of CSV, with what to do instead. */
const SIGNATURES: readonly { magic: readonly number[]; what: string; hint: string }[] = [
  { magic: [0x1f, 0x8b], what: 'a gzip-compressed file', hint: 'decompress it first (gunzip)' },
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (or an Excel .xlsx workbook)',
    hint: 'unzip it, or export the sheet as CSV',
  },
  { magic: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file', hint: 'give it a .parquet extension' },
];

/**
 * Refuses, from the first bytes of a file read as text, inputs that are not UTF-8 text: UTF-16 (by its
 * byte-order mark: E_UNSUPPORTED_ENCODING), known binary formats and anything with a NUL byte (E_BINARY_FILE).
 *
 * @example
 * sniffBinary(Buffer.from('a,b\n1,2\n'), 'x.csv'); // => undefined (text)
 * sniffBinary(Buffer.from([0x1f, 0x8b, 8, 0]), 'x.csv'); // throws E_BINARY_FILE "x.csv is a gzip-compressed file"
 */
export function sniffBinary(head: Buffer, path: string): void {
  const location = { file: path };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    throw new InputError('E_UNSUPPORTED_ENCODING', `${path} is UTF-16 encoded; only UTF-8 is read`, {
      location,
      hint: 'save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 in.csv > out.csv)',
    });
  for (const sig of SIGNATURES) {
    if (sig.magic.every((b, i) => head[i] === b))
      throw new InputError('E_BINARY_FILE', `${path} is ${sig.what}, not text`, { location, hint: sig.hint });
  }
  const nul = head.indexOf(0);
  if (nul >= 0) throw binaryFileError(path, nul);
}

/** The error for a NUL byte at `offset`: text files never contain one. */
export function binaryFileError(path: string, offset: number): InputError {
  return new InputError(
    'E_BINARY_FILE',
    `${path} contains a NUL byte at byte ${offset}: it is not a text file`,
    {
      location: { file: path },
      hint: 'give a CSV/TSV text file (UTF-8), a .parquet or a .json file',
    },
  );
}
