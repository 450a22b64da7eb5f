import { createHmac } from 'node:crypto';

/**
 * Identifiers are normalised the same way on both sides of a match (our
 * members, a partner's customer list) and then hashed with a keyed HMAC
 * (RFC 2104, SHA-256), so equal people give equal hashes while the hashes
 * reveal nothing without the key. Raw identifiers never reach storage.
 */

export type IdentifierKind = 'email' | 'phone' | 'customer';

export class IdentifierError extends Error {
  constructor(
    readonly kind: IdentifierKind,
    message: string,
  ) {
    super(message);
    this.name = 'IdentifierError';
  }
}

/**
 * Lower-cases and trims an e-mail address.
 * Example: normaliseEmail('  Li.Wei@Example.COM ') === 'li.wei@example.com'
 */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new IdentifierError('email', `not an e-mail address: "${raw}"`);
  return email;
}

/**
 * Reduces a phone number to its E.164 digits, without the plus. Numbers
 * written without a country code are read as Chinese mobiles (11 digits
 * starting with 1), the platform's home market.
 * Example: normalisePhone('+86 138-0013-8000') === '8613800138000'
 */
export function normalisePhone(raw: string, defaultCountryCode = '86'): string {
  let digits = raw.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (/^1\d{10}$/.test(digits)) digits = defaultCountryCode + digits;
  if (!/^\d{8,15}$/.test(digits)) throw new IdentifierError('phone', `not a phone number: "${raw}"`);
  return digits;
}

/**
 * Keyed HMAC-SHA256 of a normalised identifier, hex. The kind is part of the
 * message so an e-mail and a phone number can never collide.
 * Example: keyedIdentifierHash('k', 'email', 'a@b.cn').length === 64
 */
export function keyedIdentifierHash(key: string, kind: IdentifierKind, normalised: string): string {
  if (key.length < 16) throw new Error('keyedIdentifierHash requires a key of at least 16 characters');
  return createHmac('sha256', key).update(`${kind}:${normalised}`).digest('hex');
}

/**
 * The id a partner sees for a member: HMAC under a key derived per partner,
 * so two partners' files share no id and cannot be joined, and nobody
 * without the master key can go back to the member.
 * Example: partnerPseudonym('k'.repeat(16), 'p1', 'm_1') !== partnerPseudonym('k'.repeat(16), 'p2', 'm_1')
 */
export function partnerPseudonym(masterKey: string, partnerId: string, memberKey: string): string {
  if (masterKey.length < 16) throw new Error('partnerPseudonym requires a key of at least 16 characters');
  const partnerKey = createHmac('sha256', masterKey).update(`partner:${partnerId}`).digest();
  return `px_${createHmac('sha256', partnerKey).update(memberKey).digest('hex').slice(0, 24)}`;
}
