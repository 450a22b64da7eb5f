import { describe, expect, it } from 'vitest';
import { CALENDAR_DATE_RULE, parseCalendarDate } from './calendar-date';

describe('parseCalendarDate', () => {
  it('reads dates and date-times, a missing zone as UTC', () => {
    expect(parseCalendarDate('2024-03-01 08:26:00')?.toISOString()).toBe('2024-03-01T08:26:00.000Z');
    expect(parseCalendarDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseCalendarDate('2024-01-01T10:00:00+08:00')?.toISOString()).toBe('2024-01-01T02:00:00.000Z');
    expect(parseCalendarDate('2024-01-01T10:00:00.123456Z')?.toISOString()).toBe('2024-01-01T10:00:00.123Z');
  });

  it('refuses days that do not exist instead of rolling them into the next month', () => {
    expect(parseCalendarDate('2024-02-30')).toBeNull();
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('1900-02-29')).toBeNull();
    expect(parseCalendarDate('2024-04-31')).toBeNull();
    expect(parseCalendarDate('2024-01-01T25:00:00Z')).toBeNull();
    expect(parseCalendarDate('2024-01-01T10:00:00+99:00')).toBeNull();
  });

  it('keeps to the years PostgreSQL stores: 1 to 9999, and years below 100 are not read as 19xx', () => {
    expect(parseCalendarDate('0000-01-01')).toBeNull();
    expect(parseCalendarDate('-271821-04-20')).toBeNull();
    expect(parseCalendarDate('+275760-09-13')).toBeNull();
    expect(parseCalendarDate('0050-06-01')?.getUTCFullYear()).toBe(50);
    expect(parseCalendarDate('9999-12-31T23:59:59Z')?.getUTCFullYear()).toBe(9999);
  });

  it('refuses what is not ISO 8601', () => {
    for (const bad of ['01/02/2024', '2024-1-1', 'tomorrow', '', '2024-01-01T10:00:00Zjunk', '2024-01-01\u0000'])
      expect(parseCalendarDate(bad)).toBeNull();
    expect(parseCalendarDate(12 as unknown as string)).toBeNull();
    expect(CALENDAR_DATE_RULE).toMatch(/real calendar date/);
  });
});
