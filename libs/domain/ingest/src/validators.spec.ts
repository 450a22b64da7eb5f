import { describe, expect, it } from 'vitest';
import { checkHeader } from './header-check';
import { IMPORT_COLUMNS } from './import-kinds';
import { parseIsoDate } from './field-readers';
import { validateMemberRow } from './member-row';
import { validateItemRow } from './item-row';
import { validateInteractionRow } from './interaction-row';
import { validateReviewRow } from './review-row';
import { validateMarketSignalRow } from './market-signal-row';
import { validateCustomerListRow } from './customer-list-row';
import { deriveEventId } from './derived-event-id';
import { sniffFormat } from './sniff-format';
import { keyedIdentifierHash, normaliseEmail, normalisePhone } from '@crosslane/domain-privacy';

const KEY = 'a-test-key-of-sufficient-length';
const hasher = {
  hashEmail: (raw: string) => keyedIdentifierHash(KEY, 'email', normaliseEmail(raw)),
  hashPhone: (raw: string) => keyedIdentifierHash(KEY, 'phone', normalisePhone(raw)),
  hashCustomerNumber: (raw: string) => keyedIdentifierHash(KEY, 'customer', `p1:${raw.trim()}`),
};

describe('checkHeader', () => {
  it('names the missing column and the expected list (doc example)', () => {
    expect(checkHeader(['memberKey'], { required: ['memberKey', 'joinedAt'], optional: [] })).toBe(
      'missing column joinedAt; expected memberKey,joinedAt',
    );
  });
  it('refuses unexpected columns and accepts a complete header in any order', () => {
    expect(checkHeader(['itemKey', 'memberKey', 'type', 'occurredAt', 'colour'], IMPORT_COLUMNS.interactions)).toMatch(
      /^unexpected column colour; expected memberKey,itemKey,type,occurredAt,eventId/,
    );
    expect(checkHeader(['occurredAt', 'type', 'itemKey', 'memberKey'], IMPORT_COLUMNS.interactions)).toBeNull();
  });
});

describe('parseIsoDate', () => {
  it('reads a zone-less date-time as UTC (doc example) and refuses impossible dates', () => {
    expect(parseIsoDate('2024-03-01 08:26:00')?.toISOString()).toBe('2024-03-01T08:26:00.000Z');
    expect(parseIsoDate('2024-02-30')).toBeNull();
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-01-01T25:00:00Z')).toBeNull();
    expect(parseIsoDate('01/02/2024')).toBeNull();
    expect(parseIsoDate('2024-01-01T10:00:00+08:00')?.toISOString()).toBe('2024-01-01T02:00:00.000Z');
  });
});

describe('validateMemberRow', () => {
  it('hashes e-mail and phone and keeps no raw identifier (doc example)', () => {
    const result = validateMemberRow(
      { memberKey: 'm_1', joinedAt: '2024-01-01', email: ' Li.Wei@Example.COM', phone: '+86 138-0013-8000' },
      hasher,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row.emailHash).toBe(keyedIdentifierHash(KEY, 'email', 'li.wei@example.com'));
    expect(result.row.phoneHash).toBe(keyedIdentifierHash(KEY, 'phone', '8613800138000'));
    expect(JSON.stringify(result.row)).not.toMatch(/example|138/i);
    expect(result.row.consentPersonalisation).toBe(true);
    expect(result.row.consentPartnerSharing).toBe(false);
  });
  it('names each bad field, and does not echo a bad e-mail', () => {
    const result = validateMemberRow(
      { memberKey: '', joinedAt: 'yesterday', email: 'not-an-email', consentPartnerSharing: 'maybe' },
      hasher,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['memberKey', 'joinedAt', 'consentPartnerSharing', 'email']);
    expect(result.problems.find((p) => p.field === 'email')?.value).toBeNull();
  });
});

describe('validateItemRow', () => {
  it('reads tags split by | and rounds the price (doc example)', () => {
    const result = validateItemRow({ externalKey: 'c-1', kind: 'course', title: 'T', category: 'ev', price: '9.9', tags: 'ev| battery ' });
    expect(result).toEqual({
      ok: true,
      row: { externalKey: 'c-1', kind: 'course', title: 'T', category: 'ev', tags: ['ev', 'battery'], price: 9.9 },
    });
  });
  it('refuses a negative price and a non-numeric one', () => {
    expect(validateItemRow({ externalKey: 'c', kind: 'k', title: 't', category: 'c', price: '-1' })).toMatchObject({
      ok: false,
      problems: [{ field: 'price', reason: 'must be at least 0' }],
    });
    expect(validateItemRow({ externalKey: 'c', kind: 'k', title: 't', category: 'c', price: '1,5' })).toMatchObject({
      ok: false,
      problems: [{ field: 'price', reason: 'must be a number' }],
    });
  });
});

describe('validateInteractionRow', () => {
  it('derives a stable eventId and the default weight (doc example)', () => {
    const a = validateInteractionRow({ memberKey: 'm_1', itemKey: 'c-1', type: 'view', occurredAt: '2024-01-01' });
    const b = validateInteractionRow({ memberKey: 'm_1', itemKey: 'c-1', type: 'VIEW', occurredAt: '2024-01-01T00:00:00Z' });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.row.eventId).toBe(b.row.eventId);
    expect(a.row.eventId).toMatch(/^h_[0-9a-f]{32}$/);
    expect(a.row.weight).toBe(1);
    expect(a.row.type).toBe('VIEW');
  });
  it('names a bad date, an unknown type and a negative amount', () => {
    const result = validateInteractionRow({ memberKey: 'm', itemKey: 'i', type: 'LIKE', occurredAt: '2024-13-01', amount: '-3' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.reason])).toEqual([
      ['type', 'must be one of VIEW, FAVOURITE, ENROL, PURCHASE, RATING, CAMPAIGN_CLICK'],
      ['occurredAt', 'must be a real calendar date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in the years 1 to 9999'],
      ['amount', 'must be at least 0'],
    ]);
  });
  it('requires stars from 1 to 5 for a rating', () => {
    expect(validateInteractionRow({ memberKey: 'm', itemKey: 'i', type: 'RATING', occurredAt: '2024-01-01' }).ok).toBe(false);
    expect(validateInteractionRow({ memberKey: 'm', itemKey: 'i', type: 'RATING', occurredAt: '2024-01-01', weight: 4 }).ok).toBe(true);
  });
});

describe('other kinds', () => {
  it('reviews: a whole-star rating from 1 to 5 (doc example)', () => {
    expect(validateReviewRow({ externalId: 'r1', rating: '5', reviewedAt: '2024-05-01' }).ok).toBe(true);
    expect(validateReviewRow({ externalId: 'r1', rating: '4.5', reviewedAt: '2024-05-01' })).toMatchObject({
      ok: false,
      problems: [{ field: 'rating', reason: 'must be a whole number' }],
    });
  });
  it('market signals: a month period is its first day (doc example)', () => {
    const result = validateMarketSignalRow({ category: 'coilovers', period: '2024-03', index: '71.5', source: 'search' });
    expect(result).toEqual({
      ok: true,
      row: { category: 'coilovers', period: new Date('2024-03-01T00:00:00Z'), index: 71.5, source: 'search' },
    });
    expect(validateMarketSignalRow({ category: 'c', period: '2024-03-01T10:00', index: '1', source: 's' }).ok).toBe(false);
  });
  it('customer lists: at least one identifier, the e-mail hash first (doc example)', () => {
    const result = validateCustomerListRow({ email: 'A@B.cn', phone: '13800138000' }, hasher);
    expect(result).toEqual({
      ok: true,
      row: {
        matchHash: keyedIdentifierHash(KEY, 'email', 'a@b.cn'),
        emailHash: keyedIdentifierHash(KEY, 'email', 'a@b.cn'),
        phoneHash: keyedIdentifierHash(KEY, 'phone', '8613800138000'),
      },
    });
    expect(validateCustomerListRow({}, hasher)).toEqual({
      ok: false,
      problems: [{ field: null, reason: 'needs at least one of email, phone, customerNumber' }],
    });
  });
  it('deriveEventId depends on every part (doc example)', () => {
    expect(deriveEventId(['m_1', 'c-1', 'VIEW', '2024-01-01T00:00:00.000Z']).startsWith('h_')).toBe(true);
    expect(deriveEventId(['a', 'b'])).not.toBe(deriveEventId(['ab', '']));
  });
  it('sniffFormat reads the extension when no format is given (doc example)', () => {
    expect(sniffFormat(undefined, 'members.JSON')).toBe('json');
    expect(sniffFormat(undefined, 'x.csv')).toBe('csv');
    expect(sniffFormat(undefined, 'x.xlsx')).toBeNull();
    expect(sniffFormat('xml', 'x.csv')).toBeNull();
  });
});
