import { FieldProblem, RawRecord, shown } from './row-result';

/**
 * Reads one field of a raw record into a typed value, or records a problem
 * naming the field. A reader returns undefined after recording a problem,
 * so a validator can check every field and report them all at once.
 * Example: readNumber({ price: '12.5' }, 'price', problems) === 12.5
 */
export class FieldReader {
  readonly problems: FieldProblem[] = [];

  constructor(private readonly record: RawRecord) {}

  private present(field: string): unknown {
    const value = this.record[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.trim() === '') return undefined;
    return value;
  }

  private fail(field: string, reason: string, value: unknown): undefined {
    this.problems.push({ field, reason, value: shown(value) });
    return undefined;
  }

  text(field: string, options: { required: true; max?: number }): string | undefined;
  text(field: string, options?: { required?: boolean; max?: number }): string | null | undefined;
  text(field: string, options: { required?: boolean; max?: number } = {}): string | null | undefined {
    const value = this.present(field);
    if (value === undefined) return options.required ? this.fail(field, 'is required', this.record[field]) : null;
    if (typeof value !== 'string' && typeof value !== 'number') return this.fail(field, 'must be text', value);
    const text = String(value).trim();
    const max = options.max ?? 500;
    if (text.length > max) return this.fail(field, `must be at most ${max} characters`, value);
    return text;
  }

  number(field: string, options: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}): number | null | undefined {
    const value = this.present(field);
    if (value === undefined) return options.required ? this.fail(field, 'is required', this.record[field]) : null;
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(number)) return this.fail(field, 'must be a number', value);
    if (options.integer && !Number.isInteger(number)) return this.fail(field, 'must be a whole number', value);
    if (options.min !== undefined && number < options.min) return this.fail(field, `must be at least ${options.min}`, value);
    if (options.max !== undefined && number > options.max) return this.fail(field, `must be at most ${options.max}`, value);
    return number;
  }

  boolean(field: string, fallback: boolean): boolean | undefined {
    const value = this.present(field);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', '1', 'yes', 'y'].includes(text)) return true;
    if (['false', '0', 'no', 'n'].includes(text)) return false;
    return this.fail(field, 'must be true or false', value);
  }

  /** ISO 8601 date or date-time (a date-time without zone is read as UTC). */
  date(field: string, options: { required: true }): Date | undefined;
  date(field: string, options?: { required?: boolean }): Date | null | undefined;
  date(field: string, options: { required?: boolean } = {}): Date | null | undefined {
    const value = this.present(field);
    if (value === undefined) return options.required ? this.fail(field, 'is required', this.record[field]) : null;
    const date = parseIsoDate(String(value));
    if (!date) return this.fail(field, 'must be an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)', value);
    return date;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.present(field);
    if (value === undefined) return fallback ?? this.fail(field, `is required (one of ${allowed.join(', ')})`, this.record[field]);
    const text = String(value).trim();
    const match = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
    return match ?? this.fail(field, `must be one of ${allowed.join(', ')}`, value);
  }

  /** A problem that is not about one field's format (e.g. "at least one of email, phone"). */
  problem(field: string | null, reason: string, value?: unknown): undefined {
    this.problems.push({ field, reason, value: shown(value) });
    return undefined;
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Strict ISO 8601 reading: refuses 2024-02-30 and 25:00 rather than rolling
 * them over as Date does. A date-time without a zone is UTC.
 * Example: parseIsoDate('2024-03-01 08:26:00')?.toISOString() === '2024-03-01T08:26:00.000Z'
 */
export function parseIsoDate(raw: string): Date | null {
  const m = ISO.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0').slice(0, 3)));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(ms);
}
