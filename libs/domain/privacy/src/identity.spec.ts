import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdentifierError, keyedIdentifierHash, normaliseEmail, normalisePhone, partnerPseudonym } from './identity';

const KEY = 'test-identity-key-0123456789';

describe('identifier normalisation', () => {
  it('normalises e-mail case and spaces', () => {
    expect(normaliseEmail('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
  });

  it('refuses what is not an e-mail, saying what it got', () => {
    expect(() => normaliseEmail('li.wei at example')).toThrow(IdentifierError);
    expect(() => normaliseEmail('li.wei at example')).toThrow('not an e-mail address: "li.wei at example"');
  });

  it('writes phone numbers as E.164 digits, reading bare 11-digit mobiles as Chinese', () => {
    expect(normalisePhone('+86 138-0013-8000')).toBe('8613800138000');
    expect(normalisePhone('13800138000')).toBe('8613800138000');
    expect(normalisePhone('0044 20 7946 0958')).toBe('442079460958');
    expect(() => normalisePhone('12')).toThrow('not a phone number: "12"');
  });
});

describe('keyed hashes', () => {
  it('is HMAC-SHA256 over kind and value, so one person hashes the same on both sides', () => {
    const expected = createHmac('sha256', KEY).update('email:a@b.cn').digest('hex');
    expect(keyedIdentifierHash(KEY, 'email', normaliseEmail(' A@B.cn'))).toBe(expected);
    expect(keyedIdentifierHash(KEY, 'email', 'a@b.cn')).toHaveLength(64);
  });

  it('differs by kind and by key', () => {
    expect(keyedIdentifierHash(KEY, 'email', 'x')).not.toBe(keyedIdentifierHash(KEY, 'phone', 'x'));
    expect(keyedIdentifierHash(KEY, 'email', 'x')).not.toBe(keyedIdentifierHash(`${KEY}!`, 'email', 'x'));
  });

  it('refuses a short key', () => {
    expect(() => keyedIdentifierHash('short', 'email', 'x')).toThrow('at least 16 characters');
  });
});

describe('partner pseudonyms', () => {
  it('gives each partner its own id for the same member, stable across calls', () => {
    const a = partnerPseudonym(KEY, 'partner-a', 'm_0123456789ab');
    expect(a).toMatch(/^px_[0-9a-f]{24}$/);
    expect(partnerPseudonym(KEY, 'partner-a', 'm_0123456789ab')).toBe(a);
    expect(partnerPseudonym(KEY, 'partner-b', 'm_0123456789ab')).not.toBe(a);
    expect(a).not.toContain('0123456789ab');
  });
});
