import { createHmac } from 'node:crypto';

/**
 * The keyed hash under which an erased member's key is remembered
 * (suppressed_member_key, erasure_request_member): HMAC-SHA256 (RFC 2104)
 * of the key with a purpose prefix, so it equals none of the identifier
 * hashes or partner pseudonyms made with the same master key, and reveals
 * nothing without it. An import hashes each row's member key the same way
 * to recognise a suppressed member without ever storing the key.
 * Example: suppressionHash('k'.repeat(16), 'm_1') === suppressionHash('k'.repeat(16), ' m_1 ')
 */
export function suppressionHash(key: string, memberKey: string): string {
  if (key.length < 16) throw new Error('suppressionHash requires a key of at least 16 characters');
  const normalised = memberKey.trim();
  if (!normalised) throw new Error('suppressionHash requires a non-empty member key');
  return createHmac('sha256', key).update(`suppressed-member:${normalised}`).digest('hex');
}
