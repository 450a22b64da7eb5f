import { createHash } from 'node:crypto';

/**
 * A deterministic event id for a row that carries none: SHA-256 of the
 * row's defining fields, so the same row imported twice is the same event
 * (and an exact duplicate inside one file is caught as such).
 * Example: deriveEventId(['m_1', 'c-1', 'VIEW', '2024-01-01T00:00:00.000Z']).startsWith('h_') === true
 */
export function deriveEventId(parts: readonly (string | number | null)[]): string {
  return `h_${createHash('sha256')
    .update(parts.map((p) => (p === null ? '\u0000' : String(p))).join('\u001f'))
    .digest('hex')
    .slice(0, 32)}`;
}
