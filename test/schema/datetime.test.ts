import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  compileDatetimeFormat,
  datetimeFormatProblem,
  daysFromCivil,
  formatDatetime,
  parseDatetime,
} from '../../src/schema/datetime.js';
import { DATETIME_CANDIDATES } from '../../src/schema/datetime-detect.js';

const DAY = 86_400_000;
/** Epoch ms of 0000-01-01 and 9999-12-31T23:59:59.999 (the span a YYYY format can write). */
const MIN_MS = daysFromCivil(0, 1, 1) * DAY;
const MAX_MS = (daysFromCivil(9999, 12, 31) + 1) * DAY - 1;

/** The resolution of a format in ms: what it can express exactly. */
function resolution(format: string): number {
  if (format.includes('SSS')) return 1;
  if (format.includes('ss')) return 1000;
  if (format.includes('mm')) return 60_000;
  if (format.includes('HH')) return 3_600_000;
  return DAY;
}

describe('parseDatetime / formatDatetime', () => {
  it('agrees with Date.UTC on known values', () => {
    expect(parseDatetime('1998-06-12', 'YYYY-MM-DD')).toBe(Date.UTC(1998, 5, 12));
    expect(parseDatetime('1970-01-01T00:00:00.000Z', 'YYYY-MM-DDTHH:mm:ss.SSSZ')).toBe(0);
    expect(parseDatetime('1969-12-31 23:59:59', 'YYYY-MM-DD HH:mm:ss')).toBe(-1000);
    expect(parseDatetime('Jun 12 1998', 'MMM D YYYY')).toBe(Date.UTC(1998, 5, 12));
    expect(parseDatetime('June 2, 1998', 'MMMM D, YYYY')).toBe(Date.UTC(1998, 5, 2));
    expect(parseDatetime('2000-02-29', 'YYYY-MM-DD')).toBe(Date.UTC(2000, 1, 29));
    expect(parseDatetime('0001-01-01', 'YYYY-MM-DD')).toBe(-62135596800000);
    expect(formatDatetime(-62135596800000, 'YYYY-MM-DD')).toBe('0001-01-01');
    expect(formatDatetime(Date.UTC(1998, 5, 12, 8, 5), 'YYYY-MM-DDTHH:mm:ssZ')).toBe('1998-06-12T08:05:00Z');
  });

  it('converts offsets to UTC and writes +00:00', () => {
    const t = parseDatetime('2020-01-01T10:00:00+02:00', 'YYYY-MM-DDTHH:mm:ssXXX');
    expect(t).toBe(Date.UTC(2020, 0, 1, 8));
    expect(parseDatetime('2020-01-01T10:00:00-0130', 'YYYY-MM-DDTHH:mm:ssXX')).toBe(
      Date.UTC(2020, 0, 1, 11, 30),
    );
    expect(formatDatetime(t!, 'YYYY-MM-DDTHH:mm:ssXXX')).toBe('2020-01-01T08:00:00+00:00');
  });

  it('is strict: impossible dates, wrong widths, leading zeros under D/M, trailing text', () => {
    expect(parseDatetime('1998-02-29', 'YYYY-MM-DD')).toBeNull();
    expect(parseDatetime('1900-02-29', 'YYYY-MM-DD')).toBeNull();
    expect(parseDatetime('1998-13-01', 'YYYY-MM-DD')).toBeNull();
    expect(parseDatetime('1998-6-12', 'YYYY-MM-DD')).toBeNull();
    expect(parseDatetime('06/12/1998', 'M/D/YYYY')).toBeNull();
    expect(parseDatetime('1998-06-12 ', 'YYYY-MM-DD')).toBeNull();
    expect(parseDatetime('2020-01-01 24:00:00', 'YYYY-MM-DD HH:mm:ss')).toBeNull();
    expect(parseDatetime('2020-01-01 23:59:60', 'YYYY-MM-DD HH:mm:ss')).toBeNull();
    expect(parseDatetime('jun 12 1998', 'MMM D YYYY')).toBeNull();
    expect(parseDatetime('98-06-12', 'YYYY-MM-DD')).toBeNull();
  });

  it('truncates instants finer than the format', () => {
    expect(formatDatetime(Date.UTC(1998, 5, 12, 23, 59), 'YYYY-MM-DD')).toBe('1998-06-12');
    expect(formatDatetime(Date.UTC(1998, 5, 12) - 1, 'YYYY-MM-DD')).toBe('1998-06-11');
  });

  it('civilFromDays inverts daysFromCivil over the whole 0000–9999 range', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(0, 1, 1), max: daysFromCivil(9999, 12, 31) }), (days) => {
        const [y, m, d] = civilFromDays(days);
        expect(daysFromCivil(y, m, d)).toBe(days);
        if (y >= 1)
          expect(new Date(days * DAY).toISOString().slice(0, 10)).toBe(
            `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
          );
      }),
      { numRuns: 2000 },
    );
  });

  it.each([...DATETIME_CANDIDATES, 'YYYYMMDD'])('round trip under %s', (format) => {
    const step = resolution(format);
    fc.assert(
      fc.property(fc.integer({ min: Math.ceil(MIN_MS / step), max: Math.floor(MAX_MS / step) }), (k) => {
        const ms = k * step;
        const text = formatDatetime(ms, format);
        expect(parseDatetime(text, format)).toBe(ms);
        expect(formatDatetime(parseDatetime(text, format)!, format)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('format checks', () => {
  it('accepts every candidate and rejects unusable formats with a reason', () => {
    for (const f of DATETIME_CANDIDATES) expect(datetimeFormatProblem(f)).toBeNull();
    expect(datetimeFormatProblem('YY-MM-DD')).toMatch(/unknown token "YY"/);
    expect(datetimeFormatProblem('YYYY-MM-DD hh:mm')).toMatch(/unknown token "hh"/);
    expect(datetimeFormatProblem('YYYY-MM')).toMatch(/day is missing/);
    expect(datetimeFormatProblem('YYYY-MM-DD-DD')).toMatch(/day appears twice/);
    expect(datetimeFormatProblem('YYYY-MM-DD mm')).toMatch(/minute needs the hour/);
    expect(datetimeFormatProblem('YYYYMD')).toMatch(/variable-width token M/);
    expect(datetimeFormatProblem('YYYY-MM-DDZ')).toMatch(/zone needs the hour/);
    expect(compileDatetimeFormat('YYYY-MM-DD').parts).toHaveLength(5);
  });
});
