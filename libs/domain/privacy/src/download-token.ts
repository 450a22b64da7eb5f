import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived download links: the token is `<expiry ms>.<HMAC-SHA256 over
 * "export:<id>:<expiry>">` (RFC 2104), base64url. Nothing is stored: any API
 * process with the same key verifies it, and the id is bound into the
 * signature so a token for one export opens no other.
 */

export const DOWNLOAD_LINK_TTL_MS = 10 * 60_000;

export type TokenCheck = 'valid' | 'expired' | 'invalid';

function signature(key: string, exportId: string, expiresAtMs: number): string {
  return createHmac('sha256', key).update(`export:${exportId}:${expiresAtMs}`).digest('base64url');
}

/**
 * signDownloadToken: the token for one export, valid until expiresAt.
 * Example: signDownloadToken('k'.repeat(32), 'e1', new Date(1000)).startsWith('1000.') === true
 */
export function signDownloadToken(key: string, exportId: string, expiresAt: Date): string {
  if (key.length < 16) throw new Error('signDownloadToken requires a key of at least 16 characters');
  const ms = expiresAt.getTime();
  return `${ms}.${signature(key, exportId, ms)}`;
}

/**
 * verifyDownloadToken: 'invalid' for a token not signed for this export with
 * this key (checked first, so a forged expiry earns nothing), then 'expired'
 * once now passes its expiry.
 * Example: verifyDownloadToken(k, 'e1', signDownloadToken(k, 'e1', new Date(1000)), new Date(2000)) === 'expired'
 */
export function verifyDownloadToken(key: string, exportId: string, token: string, now: Date): TokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return 'invalid';
  const ms = Number(match[1]);
  const expected = Buffer.from(signature(key, exportId, ms));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  return now.getTime() > ms ? 'expired' : 'valid';
}
