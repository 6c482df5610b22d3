import { describe, expect, it } from 'vitest';
import {
  isCreditCard,
  isEmail,
  isIban,
  isIpv4,
  isIpv6,
  isPersonName,
  isPhone,
  isSsn,
  isUrl,
  luhnValid,
} from '../../src/schema/pii-patterns.js';

describe('pii value patterns', () => {
  it('email', () => {
    expect(isEmail("o'brien+tag@mail.example.co.uk")).toBe(true);
    for (const s of ['a@b', 'a b@c.com', '@c.com', 'a@@c.com', 'a@c.c']) expect(isEmail(s), s).toBe(false);
  });

  it('phone: grouped or E.164, not bare digits, dates or decimals', () => {
    for (const s of [
      '+14155552671',
      '+33 (0)1 23 45 67 89',
      '(415) 555-2671',
      '1-415-555-2671',
      '020 7946 0958',
    ])
      expect(isPhone(s), s).toBe(true);
    for (const s of ['4155552671', '2020-01-01', '3.14159265', '+123', '415-555.2671'])
      expect(isPhone(s), s).toBe(false);
  });

  it('ssn', () => {
    expect(isSsn('078-05-1120')).toBe(true);
    expect(isSsn('078051120')).toBe(false);
  });

  it('Luhn and card numbers', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(isCreditCard('4111111111111111')).toBe(true);
    expect(isCreditCard('4111-1111-1111-1111')).toBe(true);
    expect(isCreditCard('0000000000000000')).toBe(false); // Luhn-valid, but no issuer starts with 0
    expect(isCreditCard('4111 1111 1111 1112')).toBe(false);
  });

  it('IPv4 and IPv6', () => {
    expect(isIpv4('255.255.255.255')).toBe(true);
    for (const s of ['256.0.0.1', '1.2.3', '01.2.3.4', '1.2.3.4.5']) expect(isIpv4(s), s).toBe(false);
    for (const s of ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::', '2001:db8::', '::ffff:10.0.0.1'])
      expect(isIpv6(s), s).toBe(true);
    for (const s of ['2001:db8::1::2', '1:2:3:4:5:6:7', '12345::', 'g::1', '10:30'])
      expect(isIpv6(s), s).toBe(false);
  });

  it('IBAN mod-97', () => {
    expect(isIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isIban('FR1420041010050500013M02606')).toBe(true);
    expect(isIban('DE88370400440532013000')).toBe(false);
  });

  it('URL', () => {
    expect(isUrl('HTTPS://Example.com')).toBe(true);
    expect(isUrl('ftp://files.example.org/a.txt')).toBe(true);
    expect(isUrl('example.com')).toBe(false);
    expect(isUrl('http://localhost')).toBe(false);
  });

  it('person names', () => {
    for (const s of ['Zoë', 'Jean-Luc Picard', "D'Angelo Russell", 'J. R. R. Tolkien'])
      expect(isPersonName(s), s).toBe(true);
    for (const s of ['R2-D2', 'Acme Inc. 2000', '', 'a  b']) expect(isPersonName(s), s).toBe(false);
  });
});
