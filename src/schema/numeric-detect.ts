import type { ColumnValues } from './column-values.js';
import { scanNumber } from './number-text.js';
import type { NumericalColumnSchema } from './types.js';

export type NumericShape = Pick<
  NumericalColumnSchema,
  'representation' | 'min' | 'max' | 'decimals' | 'fixedDecimals'
>;

/**
 * Numerical columns: every non-null value is a numeric text (`scanNumber`: no thousands separators,
 * no `Infinity`/`inf`, nothing that overflows). Two more exclusions keep the output faithful:
 * a value with a leading zero (`007`, `02134`) marks a code such as a ZIP code, which numbers would
 * strip; and integers beyond ±2^53 (account or card numbers) cannot be held exactly in a double.
 * `representation` is `integer` when no value shows decimals (`3.0` counts as a decimal, so it is
 * written back as `3.0`); `decimals` is the most places any value shows, and `fixedDecimals` says
 * whether every value shows exactly that many (`2.50`, `3.00`) so the writer pads.
 *
 * @example
 * detectNumeric(values(['3.5', '3.25', '-1'])); // => { representation: 'float', min: -1, max: 3.5, decimals: 2, fixedDecimals: false }
 */
export function detectNumeric(cv: ColumnValues): NumericShape | null {
  if (cv.values.length === 0) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let decimals = 0;
  let minDecimals = Number.POSITIVE_INFINITY;
  for (const s of cv.values) {
    const n = scanNumber(s);
    if (!n || n.leadingZero) return null;
    if (n.value < min) min = n.value;
    if (n.value > max) max = n.value;
    if (n.decimals > decimals) decimals = n.decimals;
    if (n.decimals < minDecimals) minDecimals = n.decimals;
  }
  // `+ 0` below turns -0 (from "-0") into 0.
  if (decimals === 0) {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return null;
    return { representation: 'integer', min: min + 0, max: max + 0, decimals: 0 };
  }
  return {
    representation: 'float',
    min: min + 0,
    max: max + 0,
    decimals,
    fixedDecimals: minDecimals === decimals,
  };
}
