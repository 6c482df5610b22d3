import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { resolveAuditColumns } from '../../src/privacy/roles.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

const t = new Table([
  categoricalFromStrings('id', ['1', '2']),
  categoricalFromStrings('email', ['a@x', 'b@y']),
  numericColumn('age', Float64Array.of(30, 40)),
  categoricalFromStrings('zip code', ['1000', '2000']),
  categoricalFromStrings('sex', ['F', 'M']),
  categoricalFromStrings('diagnosis', ['x', 'y']),
]);
const tables = { train: t, synthetic: t, holdout: t };

const schema: SchemaDocument = {
  synthgateSchema: 1,
  columns: [
    { name: 'id', sdtype: 'id', pattern: 'integer', role: 'key' },
    { name: 'email', sdtype: 'pii', pii: 'email', role: 'direct-identifier' },
    {
      name: 'age',
      sdtype: 'numerical',
      representation: 'integer',
      min: 0,
      max: 99,
      decimals: 0,
      role: 'quasi-identifier',
    },
    { name: 'zip code', sdtype: 'categorical', role: 'quasi-identifier' },
    { name: 'sex', sdtype: 'categorical', role: 'quasi-identifier' },
    { name: 'diagnosis', sdtype: 'categorical', role: 'sensitive' },
  ],
};

describe('resolveAuditColumns', () => {
  it('takes quasi-identifiers, sensitive columns and identifiers from the schema roles', () => {
    const c = resolveAuditColumns(tables, schema);
    expect(c.audited).toEqual(['age', 'zip code', 'sex', 'diagnosis']);
    expect(c.directIdentifiers).toEqual(['email']);
    expect(c.quasiIdentifiers).toEqual(['age', 'zip code', 'sex']);
    expect(c.sensitive).toEqual(['diagnosis']);
    expect(c.linkabilityAux).toEqual([['age', 'zip code'], ['sex']]);
    expect(c.inference).toEqual([{ secret: 'diagnosis', aux: ['age', 'zip code', 'sex'] }]);
  });

  it('falls back to every column, Anonymeter-style, without roles', () => {
    const c = resolveAuditColumns(tables, undefined);
    expect(c.audited).toHaveLength(6);
    expect(c.quasiIdentifiers).toHaveLength(6);
    expect(c.inference).toHaveLength(6);
    expect(c.inference[0]!.aux).toHaveLength(5);
    expect(c.notes.join(' ')).toMatch(/no roles declared/);
  });

  it('lets explicit lists override the roles and rejects unknown names', () => {
    const c = resolveAuditColumns(tables, schema, { quasi: ['sex'], sensitive: ['age'] });
    expect(c.quasiIdentifiers).toEqual(['sex']);
    expect(c.inference).toEqual([{ secret: 'age', aux: ['sex'] }]);
    expect(() => resolveAuditColumns(tables, schema, { quasi: ['email'] })).toThrow(UsageError);
  });
});
