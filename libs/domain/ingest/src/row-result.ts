/**
 * What a row validator answers: a typed row, or every problem it found,
 * each naming the field, so the error report can say "row 12, occurredAt:
 * not a date".
 */
export interface FieldProblem {
  /** The column (CSV) or key (JSON) at fault; null for problems of the whole row. */
  field: string | null;
  reason: string;
  /** The offending value, cut to 200 characters; never a raw identifier (e-mail, phone). */
  value?: string | null;
}

export type RowResult<T> = { ok: true; row: T } | { ok: false; problems: FieldProblem[] };

/** A raw record: CSV cells are strings, JSON values may be anything. */
export type RawRecord = Record<string, unknown>;

/** The keyed hashes of identifiers; the key stays with the caller (IdentityService). */
export interface IdentifierHasher {
  hashEmail(raw: string): string;
  hashPhone(raw: string): string;
  hashCustomerNumber(raw: string): string;
}

/** The value as a rejection report shows it: a NUL byte written as \u0000, since the report itself is stored in PostgreSQL. */
export function shown(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).split('\u0000').join('\\u0000');
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
