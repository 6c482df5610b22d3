import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/infer.js';
import { maskValue } from '../../src/schema/mask.js';
import { summarizeColumns } from '../../src/schema/summary.js';
import { rawTable } from './helpers.js';

describe('maskValue', () => {
  it.each([
    ['jane.doe@example.com', 'j***@e***.com'],
    ['bob@mail.co.uk', 'b***@m***.uk'],
    ['+1 (415) 555-2671', '+* (4***) 5***-2***'],
    ['Jane Doe', 'J*** D***'],
    ['123e4567-e89b-12d3-a456-426614174000', '1***-e***-1***-a***-4***'],
    ['Émile', 'É***'],
  ])('%s → %s', (s, masked) => {
    expect(maskValue(s)).toBe(masked);
  });

  it('cuts long values to 40 characters', () => {
    const m = maskValue('the quick brown fox jumps over the lazy dog again and again');
    expect(m.length).toBe(40);
    expect(m.endsWith('…')).toBe(true);
  });
});

describe('summarizeColumns', () => {
  it('one line per column with detail, null %, distinct, example and role', () => {
    const raw = rawTable(
      {
        age: ['39', '50', '39', '?'],
        email: ['jane@example.com', 'bob@example.org', 'jane@example.com', 'x@y.com'],
        score: ['0.5', '1.25', '', '2'],
        visit: ['2020-01-01', '2020-01-02', '2020-01-02', '2020-01-03'],
        empty: ['', '', '', ''],
        ok: ['yes', 'no', 'no', 'no'],
        customer_id: ['A-1', 'A-2', 'A-3', 'A-4'],
      },
      { naTokens: ['', '?'] },
    );
    const rows = summarizeColumns(raw, inferSchema(raw));
    expect(rows).toEqual([
      {
        column: 'age',
        sdtype: 'numerical',
        detail: 'integer [39, 50]',
        nullPct: 25,
        distinct: 2,
        example: '39',
        role: 'quasi-identifier',
      },
      {
        column: 'email',
        sdtype: 'pii',
        detail: 'pii:email',
        nullPct: 0,
        distinct: 3,
        example: 'j***@e***.com',
        role: 'direct-identifier',
      },
      {
        column: 'score',
        sdtype: 'numerical',
        detail: 'float [0.5, 2] 2 dp',
        nullPct: 25,
        distinct: 3,
        example: '0.5',
        role: 'none',
      },
      {
        column: 'visit',
        sdtype: 'datetime',
        detail: 'datetime YYYY-MM-DD',
        nullPct: 0,
        distinct: 3,
        example: '2020-01-02',
        role: 'none',
      },
      {
        column: 'empty',
        sdtype: 'categorical',
        detail: 'all null',
        nullPct: 100,
        distinct: 0,
        example: '',
        role: 'none',
      },
      {
        column: 'ok',
        sdtype: 'boolean',
        detail: 'true=yes false=no',
        nullPct: 0,
        distinct: 2,
        example: 'no',
        role: 'none',
      },
      {
        column: 'customer_id',
        sdtype: 'id',
        detail: 'id A-0',
        nullPct: 0,
        distinct: 4,
        example: '*-*',
        role: 'key',
      },
    ]);
  });
});
