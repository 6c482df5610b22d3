import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/io/delimiter-detect.js';

describe('detectDelimiter', () => {
  it('prefers the candidate with the same non-zero count on every line', () => {
    expect(detectDelimiter('a;b;c\n1;2,5;3\n4;5;6\n', true)).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n', true)).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n', true)).toBe('|');
  });

  it('picks the candidate with more occurrences when two are consistent', () => {
    expect(detectDelimiter('a;b,c;d\n1;2,3;4\n', true)).toBe(';');
  });

  it('ignores delimiters inside quotes, including across quoted newlines', () => {
    expect(detectDelimiter('name;note\n"Smith, J";"a,b,\nc,d"\nAda;x\n', true)).toBe(';');
  });

  it('ignores the last, possibly cut, line unless the sample is the whole file', () => {
    const sample = 'a,b\n1,2\n3,4\n5;6;7;8;9';
    expect(detectDelimiter(sample, false)).toBe(',');
  });

  it('falls back to the header count most rows agree with when no candidate is consistent (a ragged file)', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n', true)).toBe(',');
  });

  it('uses a comma for a single-column file and for an empty sample', () => {
    expect(detectDelimiter('name\nAda\nBob\n', true)).toBe(',');
    expect(detectDelimiter('', true)).toBe(',');
  });

  it('reads CRLF line ends as one break', () => {
    expect(detectDelimiter('a|b\r\n1|2\r\n', true)).toBe('|');
  });
});
