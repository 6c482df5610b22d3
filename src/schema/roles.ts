import type { HeaderWords } from './header-words.js';
import type { Role, Sdtype } from './types.js';

/**
 * Privacy roles from sdtype and header words (whole words, see `headerWords`):
 *
 * - `pii` → `direct-identifier`; `id` → `key`.
 * - sensitive: income, salary, wage(s), earnings, pay, diagnosis, disease, condition, health,
 *   medication, medical, drug, treatment, hiv, disability, religion, sexual orientation, political,
 *   criminal, conviction, debt. Religion is put here, not among quasi-identifiers: it is a GDPR
 *   Art. 9 special category (what an attacker wants to learn), and one column has one role.
 * - quasi-identifier: age, sex, gender, race, ethnicity, zip/zipcode/postcode/postal, birth/dob,
 *   marital, nationality, native country, country, city, county, education, occupation, job,
 *   profession — the attributes linkage attacks join on (Sweeney 2002, "k-anonymity").
 * - otherwise `none`. A header matching both lists is sensitive.
 */
const SENSITIVE_WORDS = [
  'income',
  'salary',
  'wage',
  'wages',
  'earnings',
  'diagnosis',
  'diagnoses',
  'disease',
  'condition',
  'health',
  'medication',
  'medications',
  'medical',
  'drug',
  'drugs',
  'treatment',
  'hiv',
  'disability',
  'religion',
  'religious',
  'political',
  'criminal',
  'conviction',
  'debt',
];
const QUASI_WORDS = [
  'age',
  'sex',
  'gender',
  'race',
  'ethnicity',
  'ethnic',
  'zip',
  'zipcode',
  'postcode',
  'postal',
  'birth',
  'dob',
  'birthdate',
  'birthday',
  'marital',
  'nationality',
  'country',
  'city',
  'county',
  'education',
  'occupation',
  'job',
  'profession',
];

/**
 * @example
 * inferRole(headerWords('native-country'), 'categorical'); // => 'quasi-identifier'
 * inferRole(headerWords('income'), 'categorical'); // => 'sensitive'
 */
export function inferRole(h: HeaderWords, sdtype: Sdtype): Role {
  if (sdtype === 'pii') return 'direct-identifier';
  if (sdtype === 'id') return 'key';
  if (h.hasAny(SENSITIVE_WORDS) || (h.has('sexual') && h.has('orientation'))) return 'sensitive';
  if (
    h.hasAny(QUASI_WORDS) ||
    h.joined.includes('birth') ||
    h.joined.includes('zipcode') ||
    h.joined.includes('postcode')
  )
    return 'quasi-identifier';
  return 'none';
}
