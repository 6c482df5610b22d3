import { base, en, Faker } from '@faker-js/faker';
import type { Rng } from '../rng.js';
import { shapeOf } from '../schema/id-detect.js';
import type { IdColumnSchema, PiiKind } from '../schema/types.js';

/**
 * Values for columns that must never be copied from the real data: keys (`id`), direct
 * identifiers (`pii`) and free text. Generators keep no real values of these columns; they keep at
 * most a *shape* (e.g. `(000) 000-0000` for phones) learned from the data, and fill it at random.
 *
 * Name-like values come from faker's word lists (seeded from our Rng, so output is reproducible),
 * drawn into pools once per call and combined with our Rng — faker per value costs ~4 µs, too slow
 * for million-row samples.
 */

/** The most common shape among values (weighted by counts), used for format-preserving fakes. */
export function dominantShape(values: readonly string[], counts?: readonly number[]): string | null {
  const tally = new Map<string, number>();
  values.forEach((v, i) => {
    const s = shapeOf(v);
    tally.set(s, (tally.get(s) ?? 0) + (counts ? counts[i]! : 1));
  });
  let best: string | null = null;
  let bestN = -1;
  for (const [s, n] of tally)
    if (n > bestN || (n === bestN && best !== null && s < best)) [best, bestN] = [s, n];
  return best;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Fill a shape: '0' → random digit, 'A' → random upper-case letter, others kept. */
export function fillShape(shape: string, rng: Rng): string {
  let out = '';
  for (const ch of shape) {
    if (ch === '0') out += String.fromCharCode(48 + rng.int(10));
    else if (ch === 'A') out += UPPER[rng.int(26)];
    else out += ch;
  }
  return out;
}

function uuid4(rng: Rng): string {
  const h = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(16)];
    return s;
  };
  return `${h(8)}-${h(4)}-4${h(3)}-${'89ab'[rng.int(4)]}${h(3)}-${h(12)}`;
}

/**
 * n unique key values. `integer`: 1..n (keys carry no information; uniqueness is what matters);
 * `uuid`: random v4 UUIDs; otherwise a shape like `AA-0000`, filled at random and de-duplicated.
 */
export function generateIds(col: IdColumnSchema, n: number, rng: Rng): string[] {
  const out: string[] = new Array(n);
  if (col.pattern === 'integer') {
    for (let i = 0; i < n; i++) out[i] = String(i + 1);
    return out;
  }
  const seen = new Set<string>();
  const make = col.pattern === 'uuid' ? () => uuid4(rng) : () => fillShape(col.pattern, rng);
  let attempts = 0;
  for (let i = 0; i < n; i++) {
    let v = make();
    while (seen.has(v)) {
      if (++attempts > n * 20 + 1000)
        throw new Error(
          `id pattern "${col.pattern}" cannot produce ${n} unique values; widen the pattern in the schema`,
        );
      v = make();
    }
    seen.add(v);
    out[i] = v;
  }
  return out;
}

interface Pools {
  first: string[];
  last: string[];
  domains: string[];
  streets: string[];
  words: string[];
}

function makePools(rng: Rng): Pools {
  const f = new Faker({ locale: [en, base] });
  f.seed(rng.nextUint32());
  const pool = (k: number, fn: () => string) => Array.from({ length: k }, fn);
  return {
    first: pool(3000, () => f.person.firstName()),
    last: pool(3000, () => f.person.lastName()),
    domains: ['example.com', 'example.org', 'example.net', 'mail.test', 'inbox.test'],
    streets: pool(2000, () => f.location.street()),
    words: pool(3000, () => f.lorem.word()),
  };
}

const pick = <T>(a: readonly T[], rng: Rng): T => a[rng.int(a.length)]!;

function luhnComplete(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

/**
 * n fake direct-identifier values of a kind. `shape` (learned from the data) keeps phone and SSN
 * formats; emails, names and addresses use faker's word lists. Reserved test ranges are used where
 * they exist (example.* domains, 555 numbers are not guaranteed so shapes are random, 10.x IPs).
 */
export function generatePii(kind: PiiKind, n: number, rng: Rng, shape?: string | null): string[] {
  const p = makePools(rng.fork('pools'));
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    switch (kind) {
      case 'email': {
        const a = pick(p.first, rng)
          .toLowerCase()
          .replace(/[^a-z]/g, '');
        const b = pick(p.last, rng)
          .toLowerCase()
          .replace(/[^a-z]/g, '');
        out[i] = `${a}.${b}${rng.int(100)}@${pick(p.domains, rng)}`;
        break;
      }
      case 'person_name':
        out[i] = `${pick(p.first, rng)} ${pick(p.last, rng)}`;
        break;
      case 'first_name':
        out[i] = pick(p.first, rng);
        break;
      case 'last_name':
        out[i] = pick(p.last, rng);
        break;
      case 'phone':
        out[i] = fillShape(shape ?? '(000) 000-0000', rng);
        break;
      case 'ssn': {
        // Area 900–999 is never issued, so a fake can never be a real SSN.
        const s = fillShape(shape ?? '000-00-0000', rng);
        out[i] = `9${s.slice(1)}`;
        break;
      }
      case 'credit_card': {
        const body = `4${fillShape('00000000000000', rng)}`;
        out[i] = luhnComplete(body)
          .replace(/(\d{4})(?=\d)/g, '$1 ')
          .trim();
        if (shape && !shape.includes(' ')) out[i] = out[i]!.replace(/ /g, shape.includes('-') ? '-' : '');
        break;
      }
      case 'ip_address':
        out[i] = `10.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`;
        break;
      case 'iban':
        out[i] = `XX${fillShape('00', rng)}${fillShape('0000000000000000', rng)}`;
        break;
      case 'url':
        out[i] = `https://${pick(p.words, rng)}.${pick(p.domains, rng)}/${pick(p.words, rng)}`;
        break;
      case 'street_address':
        out[i] = `${1 + rng.int(9999)} ${pick(p.streets, rng)}`;
        break;
    }
  }
  return out;
}

/** Free text stand-ins: lorem words with the real texts' word-count distribution (a few quantiles). */
export function generateText(n: number, rng: Rng, wordCountQuantiles: readonly number[]): string[] {
  const p = makePools(rng.fork('pools'));
  const q = wordCountQuantiles.length ? wordCountQuantiles : [5];
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const words = Math.max(1, Math.round(q[rng.int(q.length)]!));
    const w: string[] = [];
    for (let k = 0; k < words; k++) w.push(pick(p.words, rng));
    const s = w.join(' ');
    out[i] = `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  }
  return out;
}
