import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/infer.js';
import type { ColumnSchema } from '../../src/schema/types.js';
import { rawTable } from './helpers.js';

/** Infer one column named `name` holding `values`. */
function infer(name: string, values: ReadonlyArray<string | null>, naTokens?: string[]): ColumnSchema {
  return inferSchema(rawTable({ [name]: values }), naTokens ? { naTokens } : {}).columns[0]!;
}

describe('inferSchema document', () => {
  it('is version 1, keeps source column order and records the NA tokens in force', () => {
    const raw = rawTable({ b: ['1', '2'], a: ['x', 'y'] }, { naTokens: ['', '?'] });
    const s = inferSchema(raw);
    expect(s.synthgateSchema).toBe(1);
    expect(s.na).toEqual(['', '?']);
    expect(s.columns.map((c) => c.name)).toEqual(['b', 'a']);
    expect(inferSchema(raw, { naTokens: ['-'] }).na).toEqual(['-']);
  });

  it('treats extra NA tokens given to inference as nulls and records the commonest as nullToken', () => {
    const col = infer('score', ['1', '-', '3', '-', 'n/a'], ['-', 'n/a']);
    expect(col).toEqual({
      name: 'score',
      sdtype: 'numerical',
      representation: 'integer',
      min: 1,
      max: 3,
      decimals: 0,
      role: 'none',
      nullToken: '-',
    });
  });
});

describe('numerical', () => {
  it('integers: min, max, decimals 0; 0/1 stays numerical integer', () => {
    expect(infer('n', ['3', '-12', '+7', '1e3'])).toMatchObject({
      representation: 'integer',
      min: -12,
      max: 1000,
      decimals: 0,
    });
    expect(infer('flag', ['0', '1', '1', '0'])).toMatchObject({
      sdtype: 'numerical',
      representation: 'integer',
      min: 0,
      max: 1,
    });
  });

  it('floats: decimals = max places in the source text, fixedDecimals when every value shows them', () => {
    expect(infer('x', ['3.5', '3.25', '4', '.5'])).toMatchObject({
      representation: 'float',
      min: 0.5,
      max: 4,
      decimals: 2,
      fixedDecimals: false,
    });
    expect(infer('x', ['3.50', '2.00', '-1.25'])).toMatchObject({
      representation: 'float',
      decimals: 2,
      fixedDecimals: true,
    });
    expect(infer('x', ['3.0', '4.0'])).toMatchObject({
      representation: 'float',
      decimals: 1,
      min: 3,
      max: 4,
    });
    expect(infer('x', ['1.5e-3', '2'])).toMatchObject({ representation: 'float', decimals: 4 });
  });

  it('constant column is numerical with min = max', () => {
    expect(infer('k', ['5', '5', '5'])).toMatchObject({ sdtype: 'numerical', min: 5, max: 5 });
  });

  it('is not numerical with thousands separators, Infinity/inf, overflow, leading zeros or unsafe integers', () => {
    expect(infer('x', ['1,000', '2'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('x', ['1', 'Infinity'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('x', ['1', 'inf'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('x', ['1', '1e400'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('zip', ['02134', '10001', '02134'])).toMatchObject({
      sdtype: 'categorical',
      role: 'quasi-identifier',
    });
    expect(infer('x', ['12345678901234567890', '1', '1'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('x', [' 5', '6'])).toMatchObject({ sdtype: 'categorical' });
  });

  it('a key-like header with repeated numbers is categorical', () => {
    expect(infer('store_id', ['1', '2', '1', '3'])).toMatchObject({ sdtype: 'categorical', role: 'none' });
  });
});

describe('boolean', () => {
  it.each([
    [['true', 'false', 'true'], 'true', 'false'],
    [['TRUE', 'FALSE'], 'TRUE', 'FALSE'],
    [['True', 'False', 'False'], 'True', 'False'],
    [['no', 'yes'], 'yes', 'no'],
    [['Y', 'N', 'Y'], 'Y', 'N'],
    [['f', 't'], 't', 'f'],
  ])('%j → %s/%s', (values, trueToken, falseToken) => {
    expect(infer('b', values)).toEqual({ name: 'b', sdtype: 'boolean', trueToken, falseToken, role: 'none' });
  });

  it('allows nulls but not a third value or an unknown pair', () => {
    expect(infer('b', ['yes', '', 'no'])).toMatchObject({ sdtype: 'boolean' });
    expect(infer('b', ['yes', 'no', 'maybe'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('b', ['yes', 'false'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('b', ['yes', 'yes'])).toMatchObject({ sdtype: 'categorical' });
  });
});

describe('datetime', () => {
  it.each([
    ['YYYY-MM-DD', ['1998-06-12', '2001-12-31'], '1998-06-12', '2001-12-31'],
    [
      'YYYY-MM-DDTHH:mm:ss',
      ['2020-01-02T03:04:05', '2019-12-31T23:59:59'],
      '2019-12-31T23:59:59',
      '2020-01-02T03:04:05',
    ],
    ['YYYY-MM-DDTHH:mm:ss.SSS', ['2020-01-02T03:04:05.123', '2020-01-02T03:04:05.120'], undefined, undefined],
    ['YYYY-MM-DDTHH:mm:ssZ', ['2020-01-02T03:04:05Z', '2020-02-02T03:04:05Z'], undefined, undefined],
    ['YYYY-MM-DDTHH:mm:ss.SSSZ', ['2020-01-02T03:04:05.001Z'], undefined, undefined],
    [
      'YYYY-MM-DDTHH:mm:ssXXX',
      ['2020-01-02T03:04:05+00:00', '2020-01-02T03:04:05+00:00'],
      undefined,
      undefined,
    ],
    ['YYYY-MM-DD HH:mm:ss', ['2020-01-02 03:04:05', '2020-01-03 00:00:00'], undefined, undefined],
    ['YYYY-MM-DD HH:mm', ['2020-01-02 03:04'], undefined, undefined],
    ['MMM D YYYY', ['Jun 12 1998', 'Jan 1 2000'], 'Jun 12 1998', 'Jan 1 2000'],
    ['MMM D, YYYY', ['Jun 12, 1998', 'Jan 1, 2000'], undefined, undefined],
    ['MMMM D, YYYY', ['June 12, 1998', 'January 1, 2000'], undefined, undefined],
    ['DD MMM YYYY', ['12 Jun 1998', '01 Jan 2000'], undefined, undefined],
    ['D MMM YYYY', ['12 Jun 1998', '1 Jan 2000'], undefined, undefined],
    ['MM/DD/YYYY', ['06/12/1998', '01/02/2000'], undefined, undefined],
    ['MM/DD/YYYY', ['06/13/1998', '01/02/2000'], undefined, undefined],
    ['DD/MM/YYYY', ['13/06/1998', '01/02/2000'], '13/06/1998', '01/02/2000'],
    ['M/D/YYYY', ['6/12/1998', '1/2/2000', '12/31/1999'], undefined, undefined],
    ['D/M/YYYY', ['13/6/1998', '1/2/2000'], undefined, undefined],
    ['YYYY/MM/DD', ['1998/06/12', '2000/01/02'], undefined, undefined],
    ['DD.MM.YYYY', ['12.06.1998', '01.02.2000'], undefined, undefined],
    ['DD-MM-YYYY', ['13-06-1998'], undefined, undefined],
  ])('%s', (format, values, min, max) => {
    const col = infer('when', values);
    expect(col).toMatchObject({ sdtype: 'datetime', format });
    if (min !== undefined) expect(col).toMatchObject({ min, max });
  });

  it('writes offsets as UTC in min/max', () => {
    expect(infer('ts', ['2020-01-02T03:04:05+02:00', '2020-01-02T01:04:05-01:00'])).toMatchObject({
      format: 'YYYY-MM-DDTHH:mm:ssXXX',
      min: '2020-01-02T01:04:05+00:00',
      max: '2020-01-02T02:04:05+00:00',
    });
  });

  it('YYYYMMDD only under a date-like header', () => {
    expect(infer('birth_date', ['19980612', '20000101'])).toMatchObject({
      sdtype: 'datetime',
      format: 'YYYYMMDD',
    });
    expect(infer('code', ['19980612', '20000101'])).toMatchObject({ sdtype: 'numerical' });
  });

  it('is not datetime when one value fails the format or formats are mixed', () => {
    expect(infer('d', ['1998-06-12', '1998-02-30'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('d', ['1998-06-12', '06/12/1998'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('d', ['6/12/1998', '06/12/1998'])).toMatchObject({ sdtype: 'categorical' });
  });
});

describe('pii', () => {
  it.each([
    ['contact', ['jane.doe@example.com', 'bob@mail.co.uk', 'x_y+z@sub.example.org'], 'email'],
    ['col', ['+14155552671', '+442079460958'], 'phone'],
    ['col', ['(415) 555-2671', '415-555-2672', '415.555.2673'], 'phone'],
    ['col', ['+44 20 7946 0958', '020 7946 0958', '01632 960001'], 'phone'],
    ['phone', ['4155552671', '4155552672'], 'phone'],
    ['col', ['123-45-6789', '987-65-4321'], 'ssn'],
    ['ssn', ['123456789', '987654321'], 'ssn'],
    [
      'col',
      [
        '4111 1111 1111 1111',
        '5500-0000-0000-0004',
        '340000000000009',
        '4012888888881881',
        '6011111111111117',
      ],
      'credit_card',
    ],
    ['card_number', ['4111111111111111', '5500000000000004'], 'credit_card'],
    ['col', ['192.168.0.1', '10.0.0.255', '8.8.8.8'], 'ip_address'],
    ['col', ['2001:db8::1', '::1', 'fe80::1ff:fe23:4567:890a', '::ffff:192.0.2.128'], 'ip_address'],
    ['col', ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000'], 'iban'],
    ['col', ['https://example.com/a?b=1', 'http://www.test.org', 'www.site.net/page'], 'url'],
    ['name', ['Jane Doe', "Seán O'Brien", 'Ana-Maria Lopez'], 'person_name'],
    ['customer_name', ['Jane Doe', 'John Smith'], 'person_name'],
    ['first_name', ['Jane', 'John', 'Jane'], 'first_name'],
    ['FirstName', ['Jane', 'John'], 'first_name'],
    ['surname', ['Doe', 'Smith', 'Doe'], 'last_name'],
    ['last_name', ['Doe', 'Smith'], 'last_name'],
    ['address', ['12 Main Street', '4 Rue de la Paix'], 'street_address'],
    ['street_address', ['12 Main Street', '99 Elm Road, Apt 4'], 'street_address'],
  ])('%s %j → %s', (name, values, pii) => {
    expect(infer(name, values)).toMatchObject({ sdtype: 'pii', pii, role: 'direct-identifier' });
  });

  it('tolerates a few malformed entries (90% rule)', () => {
    const values = Array.from({ length: 19 }, (_, i) => `user${i}@example.com`);
    expect(infer('x', [...values, 'not-an-email'])).toMatchObject({ pii: 'email' });
    expect(infer('x', [...values.slice(0, 8), 'a', 'b'])).toMatchObject({ sdtype: 'categorical' });
  });

  it('needs a person header for names and name-like values', () => {
    expect(infer('city', ['Paris', 'London', 'Paris'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('product_name', ['Widget', 'Gadget', 'Widget'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('name', ['Widget 3000', 'Gadget 12', 'Widget 3000'])).toMatchObject({
      sdtype: 'categorical',
    });
  });

  it('does not take plain numbers, dates or failing checksums for identifiers', () => {
    expect(infer('amount', ['4155552671', '4155552672', '4155552672'])).toMatchObject({
      sdtype: 'numerical',
    });
    expect(infer('x', ['4111 1111 1111 1112', '4111 1111 1111 1113'])).toMatchObject({
      sdtype: 'categorical',
    });
    // Luhn-valid by chance: too few values to call them cards without a card header.
    expect(infer('amount', ['4932162319423714', '4111111111111111', '4111111111111111']).sdtype).toBe(
      'numerical',
    );
    expect(infer('x', ['GB82 WEST 1234 5698 7654 33', 'GB82 WEST 1234 5698 7654 33']).sdtype).not.toBe('pii');
    expect(infer('x', ['256.1.1.1', '1.2.3'])).toMatchObject({ sdtype: 'categorical' });
  });
});

describe('id', () => {
  it('key header with unique integers → pattern integer, role key', () => {
    expect(infer('customer_id', ['17', '3', '99'])).toEqual({
      name: 'customer_id',
      sdtype: 'id',
      pattern: 'integer',
      role: 'key',
    });
    expect(infer('customerID', ['17', '3'])).toMatchObject({ sdtype: 'id', pattern: 'integer' });
  });

  it('a row number without a key header is an id; another integer run is data', () => {
    expect(infer('row', ['3', '1', '2', '4'])).toMatchObject({ sdtype: 'id', pattern: 'integer' });
    expect(infer('n', ['0', '1', '2'])).toMatchObject({ sdtype: 'id', pattern: 'integer' });
    expect(infer('year', ['2001', '2002', '2003'])).toMatchObject({ sdtype: 'numerical' });
  });

  it('uuids without a key header', () => {
    expect(
      infer('ref', ['123e4567-e89b-12d3-a456-426614174000', 'C56A4180-65AA-42EC-A945-5FD21DEC0538']),
    ).toMatchObject({ sdtype: 'id', pattern: 'uuid', role: 'key' });
  });

  it('shape pattern: A letter, 0 digit, others literal; commonest shape wins', () => {
    expect(infer('order_key', ['ORD-0001', 'ORD-0002', 'XY-0003'])).toMatchObject({
      sdtype: 'id',
      pattern: 'AAA-0000',
    });
    expect(infer('id', ['0001', '0002'])).toMatchObject({ pattern: '0000' });
  });

  it('is not an id with a null, a repeat, a single row or without a key header', () => {
    expect(infer('id', ['a1', 'a1', 'b2'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('id', ['a1', '', 'b2'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('id', ['a1'])).toMatchObject({ sdtype: 'categorical' });
    expect(infer('code', ['AB-1', 'AB-2', 'AB-3'])).toMatchObject({ sdtype: 'categorical' });
  });
});

describe('text and categorical', () => {
  it('long or wordy mostly-distinct values are text', () => {
    const reviews = [
      'The parcel arrived two days late and the box was damaged',
      'Friendly staff and a quick refund, would order again',
      'Okay product, nothing special about it really',
    ];
    expect(infer('comment', reviews)).toEqual({ name: 'comment', sdtype: 'text', role: 'none' });
  });

  it('short repeated strings and high-cardinality codes are categorical', () => {
    expect(infer('color', ['red', 'blue', 'red'])).toEqual({
      name: 'color',
      sdtype: 'categorical',
      role: 'none',
    });
    const codes = Array.from({ length: 1000 }, (_, i) => `C${i % 700}`);
    expect(infer('code', codes)).toMatchObject({ sdtype: 'categorical' });
  });

  it('all-null column → categorical with nullToken; constant strings → categorical', () => {
    expect(infer('empty', ['NA', 'NA', ''])).toEqual({
      name: 'empty',
      sdtype: 'categorical',
      role: 'none',
      nullToken: 'NA',
    });
    expect(infer('k', ['x', 'x'])).toEqual({ name: 'k', sdtype: 'categorical', role: 'none' });
  });
});

describe('roles', () => {
  it.each([
    ['age', 'quasi-identifier'],
    ['Sex', 'quasi-identifier'],
    ['gender', 'quasi-identifier'],
    ['race', 'quasi-identifier'],
    ['zip_code', 'quasi-identifier'],
    ['postcode', 'quasi-identifier'],
    ['dateOfBirth', 'quasi-identifier'],
    ['marital-status', 'quasi-identifier'],
    ['native-country', 'quasi-identifier'],
    ['education-num', 'quasi-identifier'],
    ['occupation', 'quasi-identifier'],
    ['income', 'sensitive'],
    ['annual_salary', 'sensitive'],
    ['diagnosis', 'sensitive'],
    ['religion', 'sensitive'],
    ['medication', 'sensitive'],
    ['page', 'none'],
    ['mileage', 'none'],
    ['hours-per-week', 'none'],
  ])('%s → %s', (name, role) => {
    expect(infer(name, ['a', 'b', 'a']).role).toBe(role);
  });
});

describe('speed', () => {
  it('a 100k-category column of 1M rows infers from its dictionary, not its cells', () => {
    const n = 1_000_000;
    const values = new Array<string>(n);
    for (let i = 0; i < n; i++) values[i] = `cat-${(i * 7919) % 100_000}`;
    const raw = rawTable({ category: values });
    const col = inferSchema(raw).columns[0]!;
    expect(col.sdtype).toBe('categorical');
  });
});
