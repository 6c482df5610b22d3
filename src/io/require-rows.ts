import { InputError } from '../errors.js';
import type { RawTable } from '../table/raw-table.js';

/**
 * Throws E_NO_ROWS when `raw` has fewer than `minRows` data rows. Readers accept a header-only file
 * (0 rows); the steps that need data (fitting, auditing) call this with what they need it for.
 *
 * @example
 * requireRows(headerOnly, 1, 'fitting a generator');
 * // throws error[E_NO_ROWS] fitting a generator needs at least 1 data row, found 0 (file x.csv)
 */
export function requireRows(raw: RawTable, minRows: number, purpose: string): void {
  if (raw.numRows >= minRows) return;
  throw new InputError(
    'E_NO_ROWS',
    `${purpose} needs at least ${minRows} data row${minRows === 1 ? '' : 's'}, found ${raw.numRows}`,
    { location: { file: raw.source.path }, hint: 'give a file with data rows below the header' },
  );
}
