import { describe, expect, it } from 'vitest';
import { complianceReport } from './compliance-report';
import { parseErasureCsv } from './erasure-batch';
import { keyQuote, planMemberErasure } from './erasure-plan';
import { withoutMembers } from './model-rows';
import { packageRows } from './package-rows';
import { suppressionHash } from './suppression-hash';

const KEY = 'k'.repeat(32);
const bytesOf = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

describe('suppressionHash', () => {
  it('is the same for the same key (trimmed), differs per member and per master key, and is not the key', () => {
    expect(suppressionHash('k'.repeat(16), 'm_1')).toBe(suppressionHash('k'.repeat(16), ' m_1 '));
    expect(suppressionHash(KEY, 'm_1')).not.toBe(suppressionHash(KEY, 'm_2'));
    expect(suppressionHash(KEY, 'm_1')).not.toBe(suppressionHash('x'.repeat(32), 'm_1'));
    expect(suppressionHash(KEY, 'm_1')).toMatch(/^[0-9a-f]{64}$/);
  });
  it('refuses a short master key and an empty member key', () => {
    expect(() => suppressionHash('short', 'm_1')).toThrow('at least 16 characters');
    expect(() => suppressionHash(KEY, '  ')).toThrow('non-empty member key');
  });
});

describe('parseErasureCsv', () => {
  it('reads the memberKey column with row numbers, keeps the first of a repeated key and ignores blank lines', () => {
    const batch = parseErasureCsv('\uFEFFcity,memberKey\r\nX,m_1\n"Y, Z",m_2\n\nW,m_1\n');
    expect(batch).toEqual({
      ok: true,
      keys: [
        { rowNumber: 2, memberKey: 'm_1' },
        { rowNumber: 3, memberKey: 'm_2' },
      ],
    });
  });
  it('names every bad row and the missing column', () => {
    expect(parseErasureCsv('memberKey\nm_1\n""\n' + 'x'.repeat(201))).toEqual({
      ok: false,
      problems: [
        { rowNumber: 3, field: 'memberKey', message: 'empty member key' },
        { rowNumber: 4, field: 'memberKey', message: 'longer than 200 characters' },
      ],
    });
    expect(parseErasureCsv('key\nm_1')).toEqual({
      ok: false,
      problems: [{ rowNumber: 1, field: 'memberKey', message: 'the header must name a memberKey column' }],
    });
    expect(parseErasureCsv('memberKey\n')).toEqual({
      ok: false,
      problems: [{ rowNumber: 1, field: 'memberKey', message: 'the file has no member keys' }],
    });
  });
});

describe('withoutMembers', () => {
  it('drops exactly the erased rows and keeps every other row byte for byte, without mutating the input', () => {
    const model = { factors: 2, memberIds: [1n, 2n, 3n], userFactors: bytesOf([0.5, 1, 0.25, 2, 0.125, 4]) };
    const copy = model.userFactors.slice();
    const result = withoutMembers(model, [2n]);
    expect(result?.memberIds).toEqual([1n, 3n]);
    expect(Array.from(new Float32Array(result!.userFactors.buffer))).toEqual([0.5, 1, 0.125, 4]);
    expect(result?.removed).toBe(1);
    expect(model.userFactors).toEqual(copy);
    expect(model.memberIds).toEqual([1n, 2n, 3n]);
  });
  it('answers null when the member has no row, and refuses bytes that do not fit the ids', () => {
    expect(withoutMembers({ factors: 1, memberIds: [1n], userFactors: bytesOf([1]) }, [9n])).toBeNull();
    expect(() => withoutMembers({ factors: 2, memberIds: [1n], userFactors: bytesOf([1]) }, [1n])).toThrow(
      'requires 1 rows of 2 Float32 factors; got 4 bytes',
    );
  });
});

describe('planMemberErasure', () => {
  it('deletes every per-member table, keeps concluded analyses as stored, strips the models and tombstones the key in logs', () => {
    const plan = planMemberErasure({
      memberKey: 'm_"7"',
      emailHash: 'e1',
      phoneHash: 'p1',
      campaigns: [
        { id: 'c2', status: 'CONCLUDED' },
        { id: 'c1', status: 'RUNNING' },
      ],
      modelIds: ['m2', 'm1'],
    });
    expect(plan).toEqual({
      deleteByMemberId: [
        'interaction',
        'consent_change',
        'segment_membership',
        'campaign_assignment',
        'campaign_event',
        'partner_review',
        'member_profile',
      ],
      partnerCustomerHashes: ['e1', 'p1'],
      campaignsLosingMember: ['c1', 'c2'],
      concludedCampaignsKeepingCounts: ['c2'],
      modelsToStrip: ['m1', 'm2'],
      keyTombstone: '"[erased member]"',
      keyNeedle: '"m_\\"7\\""',
    });
  });

  it('quotes a key as the logs write it (JSON), the same for a request-wide scrub as for a member plan', () => {
    expect(keyQuote('m_1')).toEqual({ needle: '"m_1"', tombstone: '"[erased member]"' });
    expect(keyQuote('m_"7"').needle).toBe(
      planMemberErasure({ memberKey: 'm_"7"', emailHash: null, phoneHash: null, campaigns: [], modelIds: [] }).keyNeedle,
    );
  });
});

describe('packageRows', () => {
  it('writes one row per value: objects as a section, lists with entry numbers, nested values as dotted paths', () => {
    const pack = {
      generatedAt: '2026-05-01T00:00:00.000Z',
      member: { city: 'Hangzhou', consentPartnerSharing: false, profile: null },
      segments: [{ name: 'car fans' }],
      campaigns: [{ name: 'trial', events: [{ type: 'CONVERSION', value: 1 }] }],
      reviews: [],
    };
    expect(packageRows(pack)).toEqual([
      ['generatedAt', null, '', '2026-05-01T00:00:00.000Z'],
      ['member', null, 'city', 'Hangzhou'],
      ['member', null, 'consentPartnerSharing', false],
      ['member', null, 'profile', null],
      ['segments', 1, 'name', 'car fans'],
      ['campaigns', 1, 'name', 'trial'],
      ['campaigns', 1, 'events.1.type', 'CONVERSION'],
      ['campaigns', 1, 'events.1.value', 1],
    ]);
  });
});

describe('complianceReport', () => {
  const file = (partnerId: string, status: string, extra: Partial<Parameters<typeof complianceReport>[1][number]> = {}) => ({
    partnerId,
    partnerName: partnerId === 'p1' ? 'Apex Tuning' : 'Bolt Works',
    status,
    purpose: 'CAMPAIGN_TARGETING',
    kind: 'MEMBER_LIST',
    fields: ['partner_pseudonym'],
    rowCount: 100,
    agreementVersion: 1,
    refusedReason: null,
    ...extra,
  });
  it('sums files and rows per partner, lists fields, purposes and versions, and counts refusals by rule', () => {
    const report = complianceReport(
      { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') },
      [
        file('p2', 'READY', { rowCount: 60, agreementVersion: 2, fields: ['city', 'partner_pseudonym'] }),
        file('p1', 'READY'),
        file('p2', 'EXPIRED', { rowCount: 40, purpose: 'MEASUREMENT' }),
        file('p2', 'REFUSED', { rowCount: null, refusedReason: 'PURPOSE_NOT_ALLOWED: CO_MARKETING is not allowed' }),
        file('p2', 'REFUSED', { rowCount: null, refusedReason: 'PURPOSE_NOT_ALLOWED: x' }),
        file('p1', 'QUEUED', { rowCount: null, requestedByEmail: 'manager@x' }),
      ],
      [
        { flag: 'PARTNER_SHARING', from: true, to: false, source: 'API', changes: 2 },
        { flag: 'PARTNER_SHARING', from: null, to: true, source: 'IMPORT', changes: 5 },
        { flag: 'PARTNER_SHARING', from: true, to: false, source: 'IMPORT', changes: 1 },
        { flag: 'PARTNER_SHARING', from: null, to: false, source: 'IMPORT', changes: 7 },
      ],
      [
        {
          id: 'e1',
          createdAt: new Date('2026-05-02T10:00:00Z'),
          completedAt: new Date('2026-05-02T11:30:00Z'),
          memberCount: 3,
          erased: 2,
          notFound: 1,
          requestedByEmail: 'admin@x',
        },
      ],
      [
        { partnerId: 'p2', partnerName: 'Bolt Works', releases: 2, epsilon: 0.2 },
        { partnerId: 'p3', partnerName: 'Cog Labs', releases: 1, epsilon: 0.1 },
      ],
    );
    expect(report.partners).toEqual([
      {
        partnerId: 'p1',
        partnerName: 'Apex Tuning',
        files: 1,
        rows: 100,
        fields: ['partner_pseudonym'],
        purposes: ['CAMPAIGN_TARGETING'],
        agreementVersions: [1],
        refusalsByRule: {},
        requestedBy: ['manager@x'],
        privacyBudget: null,
      },
      {
        partnerId: 'p2',
        partnerName: 'Bolt Works',
        files: 2,
        rows: 100,
        fields: ['city', 'partner_pseudonym'],
        purposes: ['CAMPAIGN_TARGETING', 'MEASUREMENT'],
        agreementVersions: [1, 2],
        refusalsByRule: { PURPOSE_NOT_ALLOWED: 2 },
        requestedBy: [],
        privacyBudget: { releases: 2, epsilon: 0.2 },
      },
      // Only noisy counts in the period: listed for its budget, with no files.
      {
        partnerId: 'p3',
        partnerName: 'Cog Labs',
        files: 0,
        rows: 0,
        fields: [],
        purposes: [],
        agreementVersions: [],
        refusalsByRule: {},
        requestedBy: [],
        privacyBudget: { releases: 1, epsilon: 0.1 },
      },
    ]);
    expect(report.consent).toEqual([
      { flag: 'PARTNER_SHARING', source: 'API', granted: 0, withdrawn: 2 },
      { flag: 'PARTNER_SHARING', source: 'IMPORT', granted: 5, withdrawn: 1 },
    ]);
    expect(report.erasures).toEqual([
      {
        id: 'e1',
        requestedBy: 'admin@x',
        requestedAt: '2026-05-02T10:00:00.000Z',
        completedAt: '2026-05-02T11:30:00.000Z',
        hoursToComplete: 1.5,
        memberCount: 3,
        erased: 2,
        notFound: 1,
      },
    ]);
  });
  it('refuses a period that ends before it starts', () => {
    expect(() => complianceReport({ from: new Date('2026-06-01'), to: new Date('2026-05-01') }, [], [], [])).toThrow(
      'from to be before to',
    );
  });
});
