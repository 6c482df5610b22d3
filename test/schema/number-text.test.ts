import { describe, expect, it } from 'vitest';
import { parseNumberText, scanNumber } from '../../src/schema/number-text.js';

describe('scanNumber', () => {
  it.each([
    ['12', 12, 0, false],
    ['-3.250', -3.25, 3, false],
    ['+.5', 0.5, 1, false],
    ['5.', 5, 0, false],
    ['1.5e-3', 0.0015, 4, false],
    ['2.5E2', 250, 0, false],
    ['007', 7, 0, true],
    ['0.07', 0.07, 2, false],
    ['1e-30', 1e-30, 20, false],
  ])('%s → %d, %i decimals', (s, value, decimals, leadingZero) => {
    expect(scanNumber(s)).toEqual({ value, decimals, leadingZero });
  });

  it.each(['', '-', '.', '1,000', '1 000', ' 1', 'Infinity', '-inf', 'NaN', '0x1F', '1e', '1e400', '1_000'])(
    'rejects %j',
    (s) => {
      expect(scanNumber(s)).toBeNull();
      expect(parseNumberText(s)).toBeNaN();
    },
  );
});
