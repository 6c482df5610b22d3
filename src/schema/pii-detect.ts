import { type ColumnValues, mostlyMatch } from './column-values.js';
import type { HeaderWords } from './header-words.js';
import {
  isCreditCard,
  isEmail,
  isIban,
  isIpAddress,
  isLoosePhone,
  isLooseSsn,
  isPersonName,
  isPhone,
  isSsn,
  isStreetAddress,
  isUrl,
} from './pii-patterns.js';
import type { PiiKind } from './types.js';

/**
 * Which direct identifier a column holds, if any. A column is a kind when at least 90% of its
 * non-null rows match the kind's value pattern (a few malformed entries do not hide an email
 * column). Names and street addresses have no reliable value pattern, so they need a header that
 * says so (`first_name`, `surname`, `customer_name`, `address`, …) and values that look the part;
 * phone and SSN patterns loosen to bare digits under a phone/SSN header; card numbers need a
 * card-like header or at least `CARD_MIN_DISTINCT` distinct Luhn-valid values.
 */
export const PII_VALUE_SHARE = 0.9;

/**
 * One number in ten passes the Luhn check by chance, so a column of a few large integers would
 * read as card numbers; without a card-like header, at least this many distinct values must pass.
 */
export const CARD_MIN_DISTINCT = 5;
const CARD_WORDS = ['card', 'cc', 'pan', 'ccnum', 'ccn'];
const PHONE_WORDS = ['phone', 'telephone', 'tel', 'mobile', 'fax', 'msisdn'];
const FIRST_WORDS = ['first', 'given', 'fore', 'christian'];
const LAST_WORDS = ['last', 'family', 'sur', 'maiden'];
const FIRST_JOINED = ['firstname', 'givenname', 'forename', 'forenames'];
const LAST_JOINED = ['lastname', 'familyname', 'surname', 'maidenname'];
/** Words before `name` that make it a person's name (`product_name` is not one). */
const PERSON_WORDS = [
  'full',
  'middle',
  'person',
  'customer',
  'client',
  'patient',
  'employee',
  'user',
  'contact',
  'member',
  'owner',
  'holder',
  'cardholder',
  'student',
  'applicant',
  'author',
  'beneficiary',
  'recipient',
  'sender',
  'guest',
  'passenger',
  'driver',
  'mother',
  'father',
  'parent',
  'spouse',
  'doctor',
  'physician',
  'teacher',
];
const ADDRESS_WORDS = ['address', 'addr', 'street', 'streetaddress', 'address1', 'address2'];
const NOT_STREET_WORDS = ['email', 'mail', 'ip', 'mac', 'web', 'url', 'wallet', 'server', 'host'];

function nameKindFromHeader(h: HeaderWords): PiiKind | null {
  const hasName = h.has('name');
  if (FIRST_JOINED.includes(h.joined) || (hasName && h.hasAny(FIRST_WORDS))) return 'first_name';
  if (LAST_JOINED.includes(h.joined) || h.has('surname') || (hasName && h.hasAny(LAST_WORDS)))
    return 'last_name';
  if (h.joined === 'name' || h.joined === 'fullname') return 'person_name';
  if (h.last === 'name' && h.words.length >= 2 && PERSON_WORDS.includes(h.words[h.words.length - 2]!))
    return 'person_name';
  return null;
}

function isAddressHeader(h: HeaderWords): boolean {
  return (
    (h.hasAny(ADDRESS_WORDS) || h.joined.endsWith('address')) &&
    !h.hasAny(NOT_STREET_WORDS) &&
    !h.joined.includes('email')
  );
}

/**
 * The PII kind of a column, or null.
 *
 * @example
 * detectPii(headerWords('contact'), columnValues(raw.columns[0], na)); // => 'email' for a column of emails
 */
export function detectPii(h: HeaderWords, cv: ColumnValues): PiiKind | null {
  if (cv.nonNull === 0) return null;
  const share = PII_VALUE_SHARE;
  const phoneHeader = h.hasAny(PHONE_WORDS) || h.joined.includes('phone');
  const ssnHeader = h.has('ssn') || (h.has('social') && h.has('security'));
  if (mostlyMatch(cv, isEmail, share)) return 'email';
  if (mostlyMatch(cv, isUrl, share)) return 'url';
  if (mostlyMatch(cv, isIpAddress, share)) return 'ip_address';
  if (mostlyMatch(cv, isIban, share)) return 'iban';
  const cardHeader = h.hasAny(CARD_WORDS) || h.joined.includes('card');
  if ((cardHeader || cv.values.length >= CARD_MIN_DISTINCT) && mostlyMatch(cv, isCreditCard, share))
    return 'credit_card';
  if (mostlyMatch(cv, ssnHeader ? isLooseSsn : isSsn, share)) return 'ssn';
  if (mostlyMatch(cv, phoneHeader ? isLoosePhone : isPhone, share)) return 'phone';
  const nameKind = nameKindFromHeader(h);
  if (nameKind && mostlyMatch(cv, isPersonName, share)) return nameKind;
  if (isAddressHeader(h) && mostlyMatch(cv, isStreetAddress, share)) return 'street_address';
  return null;
}
