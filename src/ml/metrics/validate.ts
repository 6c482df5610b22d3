import { InputError } from '../../errors.js';

/** Throws unless both arrays have the same, non-zero length. */
export function checkSameLength(name: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length)
    throw new InputError('E_ML_LENGTH', `${name}: ${a.length} labels but ${b.length} predictions`, {
      hint: 'pass one prediction per labelled row',
    });
  if (a.length === 0)
    throw new InputError('E_ML_NO_ROWS', `${name}: no rows to score`, { hint: 'score at least one row' });
}

/** Throws unless every label is 0 or 1 (positive class = 1). */
export function checkBinaryLabels(name: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++)
    if (y[i] !== 0 && y[i] !== 1)
      throw new InputError('E_ML_TARGET', `${name}: label ${y[i]} at row ${i + 1} is not 0 or 1`, {
        location: { row: i + 1 },
        hint: 'encode the positive class as 1 and the other as 0',
      });
}

/** Throws unless every value is a number (not NaN). */
export function checkNoNaN(name: string, what: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++)
    if (Number.isNaN(x[i]))
      throw new InputError('E_ML_NAN', `${name}: ${what} at row ${i + 1} is NaN`, {
        location: { row: i + 1 },
        hint: 'impute or drop rows with missing values before scoring',
      });
}
