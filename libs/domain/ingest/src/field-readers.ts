import { CALENDAR_DATE_RULE, parseCalendarDate } from '@crosslane/contracts';
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
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)
          ? Number(value)
          : NaN;
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
    if (!date) return this.fail(field, CALENDAR_DATE_RULE, value);
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

/**
 * Strict ISO 8601 reading: refuses 2024-02-30 and 25:00 rather than rolling
 * them over as Date does. A date-time without a zone is UTC. The rule itself
 * lives in @crosslane/contracts, so imports, request bodies, list filters and
 * segment rules refuse the same dates with the same words.
 * Example: parseIsoDate('2024-03-01 08:26:00')?.toISOString() === '2024-03-01T08:26:00.000Z'
 */
export const parseIsoDate = parseCalendarDate;
