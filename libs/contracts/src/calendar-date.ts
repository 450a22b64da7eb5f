// The one rule for a date that crosses the wire, in a request body, a list
// filter, a segment rule or an import row: strict ISO 8601, a day that
// exists in its month (2024-02-30 is refused, never rolled to 1 March), and a
// year from 1 to 9999, so PostgreSQL can always store and compare it.

/** What every caller says when a date is refused; `field` is prefixed by the caller. */
export const CALENDAR_DATE_RULE = 'must be a real calendar date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in the years 1 to 9999';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a date or date-time strictly; a date-time without a zone is UTC.
 * Date's own parser rolls 2024-02-30 over to 1 March and maps the years 0
 * to 99 to 1900 to 1999; this refuses the first and keeps the second.
 * Example: parseCalendarDate('2024-03-01 08:26:00')?.toISOString() === '2024-03-01T08:26:00.000Z',
 * parseCalendarDate('2024-02-30') === null
 */
export function parseCalendarDate(raw: string): Date | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const m = ISO.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(frac.padEnd(3, '0').slice(0, 3)));
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const zoneHours = Number(digits.slice(0, 2)),
      zoneMinutes = Number(digits.slice(2));
    if (zoneHours > 14 || zoneMinutes > 59) return null;
    const sign = zone.startsWith('-') ? -1 : 1;
    date.setTime(date.getTime() - sign * (zoneHours * 60 + zoneMinutes) * 60_000);
  }
  return date;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
