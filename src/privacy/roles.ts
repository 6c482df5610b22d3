/**
 * Which columns each audit metric uses, from the schema's privacy roles ("declare once, audit
 * everywhere") or explicit lists, with documented fallbacks:
 *
 * - Audited ("statistical") columns: present in train, synthetic and holdout; not sdtype id/pii/text
 *   (regenerated or faked, so distances on them are meaningless) and not role direct-identifier/key.
 * - Direct identifiers: role direct-identifier or sdtype pii; checked for replayed values only.
 * - Quasi-identifiers: `quasi` if given, else role quasi-identifier; if none is declared, every audited
 *   column that is not sensitive (Anonymeter's stance: the attacker may know anything).
 * - Sensitive: `sensitive` if given, else role sensitive; if none is declared, every audited column
 *   that is not a quasi-identifier; if that is empty too (no roles at all), every audited column in
 *   turn, inferred from all the others.
 * - Linkability: the quasi-identifiers split into two halves (first ⌈n/2⌉ / rest, in table order),
 *   unless two groups are given.
 * - Inference: each sensitive column from the quasi-identifiers (minus itself).
 */
import { UsageError } from '../errors.js';
import type { SchemaDocument } from '../schema/types.js';
import type { AuditTables } from './types.js';

export interface AuditColumns {
  audited: string[];
  directIdentifiers: string[];
  quasiIdentifiers: string[];
  sensitive: string[];
  linkabilityAux: [string[], string[]] | null;
  /** Per secret, the auxiliary columns of its inference attack. */
  inference: { secret: string; aux: string[] }[];
  /** Which fallbacks were used, in words. */
  notes: string[];
}

export interface RoleOverrides {
  quasi?: readonly string[];
  sensitive?: readonly string[];
  linkabilityAux?: readonly [readonly string[], readonly string[]];
}

function checkKnown(names: readonly string[], audited: readonly string[], flag: string): void {
  for (const n of names)
    if (!audited.includes(n))
      throw new UsageError('E_AUDIT_UNKNOWN_COLUMN', `${flag} names "${n}", which is not an audited column`, {
        hint: `audited columns (in all three tables, not id/pii/text): ${audited.join(', ')}`,
      });
}

/**
 * Resolve the audit's columns.
 *
 * @example
 * resolveAuditColumns(tables, schema).quasiIdentifiers; // from the schema's "quasi-identifier" roles
 */
export function resolveAuditColumns(
  tables: AuditTables,
  schema: SchemaDocument | undefined,
  overrides: RoleOverrides = {},
): AuditColumns {
  const notes: string[] = [];
  const bySchema = new Map((schema?.columns ?? []).map((c) => [c.name, c]));
  const inAll = tables.synthetic.names.filter((n) => tables.train.has(n) && tables.holdout.has(n));
  const audited = inAll.filter((n) => {
    const c = bySchema.get(n);
    if (!c) return true;
    if (c.sdtype === 'id' || c.sdtype === 'pii' || c.sdtype === 'text') return false;
    return c.role !== 'direct-identifier' && c.role !== 'key';
  });
  const directIdentifiers = tables.synthetic.names.filter((n) => {
    const c = bySchema.get(n);
    return tables.train.has(n) && !!c && (c.role === 'direct-identifier' || c.sdtype === 'pii');
  });
  const withRole = (role: string) => audited.filter((n) => bySchema.get(n)?.role === role);

  let quasi = overrides.quasi ? [...overrides.quasi] : withRole('quasi-identifier');
  let sensitive = overrides.sensitive ? [...overrides.sensitive] : withRole('sensitive');
  if (overrides.quasi) checkKnown(quasi, audited, '--quasi');
  if (overrides.sensitive) checkKnown(sensitive, audited, '--sensitive');
  let allInTurn = false;
  if (quasi.length === 0) {
    quasi = audited.filter((n) => !sensitive.includes(n));
    notes.push(
      'no quasi-identifiers declared: every audited non-sensitive column is treated as known to the attacker',
    );
  }
  if (sensitive.length === 0) {
    sensitive = audited.filter((n) => !quasi.includes(n));
    if (sensitive.length > 0)
      notes.push(
        'no sensitive columns declared: every audited column that is not a quasi-identifier is a secret',
      );
    else {
      sensitive = [...audited];
      allInTurn = true;
      notes.push(
        'no roles declared: each audited column in turn is the secret, inferred from all the others',
      );
    }
  }
  let linkabilityAux: [string[], string[]] | null = null;
  if (overrides.linkabilityAux) {
    for (const g of overrides.linkabilityAux) checkKnown(g, audited, 'linkability auxiliary columns');
    linkabilityAux = [[...overrides.linkabilityAux[0]], [...overrides.linkabilityAux[1]]];
  } else {
    const pool = quasi.length >= 2 ? quasi : audited;
    if (pool.length >= 2) {
      const half = Math.ceil(pool.length / 2);
      linkabilityAux = [pool.slice(0, half), pool.slice(half)];
      notes.push(
        `linkability: auxiliary columns split in two halves of the ${quasi.length >= 2 ? 'quasi-identifiers' : 'audited columns'}`,
      );
    } else
      notes.push('linkability skipped: fewer than two columns to split between the two attacker datasets');
  }
  const inference = sensitive
    .map((secret) => ({ secret, aux: (allInTurn ? audited : quasi).filter((c) => c !== secret) }))
    .filter((x) => x.aux.length > 0);
  return { audited, directIdentifiers, quasiIdentifiers: quasi, sensitive, linkabilityAux, inference, notes };
}
