import { createHmac, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAR_KNOWLEDGE_CATEGORIES, KNOWLEDGE_CATEGORIES } from '@crosslane/domain-catalogue';
import { signDownloadToken } from '@crosslane/domain-privacy';
import { downloadExport } from '../support/downloads';
import { auth, useTestApp } from '../support/suite';

const DAY = 24 * 3600_000;
const CONSENTED_SHANGHAI = 60;
const CONSENTED_CHENGDU = 20;
const NOT_CONSENTED = 30;
const MATCHED = 70;

/**
 * Governed sharing end to end: partners and their scorecard, versioned
 * agreements, exports refused by each rule (and audited), an allowed export
 * that carries only per-partner pseudonyms, short-lived download links, and
 * the suppressed audience overlap. Partner customers, segments and members
 * are written straight into the database, as the imports and segment
 * features would leave them.
 */
describe('governed sharing', () => {
  const suite = useTestApp({ label: 'sharing', accounts: ['MANAGER', 'ANALYST'] });
  let partnerA: string;
  let partnerB: string;
  let partnerExpired: string;
  let partnerFresh: string;
  let bigSegment: string;
  let smallSegment: string;
  const members: { memberKey: string; emailHash: string; phoneHash: string; id: bigint; consent: boolean }[] = [];

  const post = (token: string, url: string, body: object) => suite.app.http.post(url).set(auth(token)).send(body);
  const waitExport = async (exportId: string) => {
    const first = (await suite.app.http.get(`/api/exports/${exportId}`).set(auth(suite.manager.token))).body;
    await suite.app.waitForJob(suite.manager.token, first.jobId);
    return (await suite.app.http.get(`/api/exports/${exportId}`).set(auth(suite.manager.token))).body;
  };
  const download = (exportId: string) => downloadExport(suite.app, suite.manager.token, exportId);
  const agreementBody = (partnerId: string, extra: object = {}) => ({
    partnerId,
    fieldsAllowed: ['partner_pseudonym', 'city', 'member_count'],
    purposesAllowed: ['CAMPAIGN_TARGETING', 'MEASUREMENT'],
    segmentsAllowed: [bigSegment, smallSegment],
    minGroupSize: 50,
    validFrom: new Date(suite.app.now().getTime() - DAY).toISOString(),
    validTo: new Date(suite.app.now().getTime() + 30 * DAY).toISOString(),
    ...extra,
  });

  beforeAll(async () => {
    const create = async (name: string) =>
      (await post(suite.manager.token, '/api/partners', { name, industry: 'car-modification', status: 'ACTIVE' })).body.id as string;
    partnerA = await create('Apex Tuning');
    partnerB = await create('Bolt Wheels');
    partnerExpired = await create('Old Lamps');
    partnerFresh = await create('Fresh Filters');

    const specs = [
      ...Array.from({ length: CONSENTED_SHANGHAI }, () => ({ consent: true, city: 'Shanghai' })),
      ...Array.from({ length: CONSENTED_CHENGDU }, () => ({ consent: true, city: 'Chengdu' })),
      ...Array.from({ length: NOT_CONSENTED }, () => ({ consent: false, city: 'Shanghai' })),
    ];
    for (const spec of specs) {
      const row = await suite.prisma.member.create({
        data: {
          memberKey: `m_${randomBytes(6).toString('hex')}`,
          consentPartnerSharing: spec.consent,
          city: spec.city,
          joinedAt: new Date('2025-01-01'),
          emailHash: randomBytes(32).toString('hex'),
          phoneHash: randomBytes(32).toString('hex'),
        },
      });
      members.push({ memberKey: row.memberKey, emailHash: row.emailHash!, phoneHash: row.phoneHash!, id: row.id, consent: spec.consent });
    }
    const big = await suite.prisma.segment.create({ data: { name: `everyone-${randomBytes(3).toString('hex')}`, kind: 'RULE' } });
    const small = await suite.prisma.segment.create({ data: { name: `chengdu-${randomBytes(3).toString('hex')}`, kind: 'RULE' } });
    bigSegment = big.id;
    smallSegment = small.id;
    await suite.prisma.segmentMembership.createMany({ data: members.map((m) => ({ segmentId: big.id, memberId: m.id })) });
    await suite.prisma.segmentMembership.createMany({
      data: members.slice(CONSENTED_SHANGHAI, CONSENTED_SHANGHAI + CONSENTED_CHENGDU).map((m) => ({ segmentId: small.id, memberId: m.id })),
    });

    // Both partners' customer lists match the same 70 members (and hold 10 unmatched customers each).
    for (const partnerId of [partnerA, partnerB]) {
      await suite.prisma.partnerCustomer.createMany({
        data: [
          ...members.slice(0, MATCHED).map((m) => ({ partnerId, matchHash: m.emailHash, memberId: m.id })),
          ...Array.from({ length: 10 }, () => ({ partnerId, matchHash: randomBytes(32).toString('hex') })),
        ],
      });
    }
    // Car interest: the first 55 matched members learn on car categories, the other 15 elsewhere.
    // Which categories are car topics is the interest taxonomy's to say.
    await suite.prisma.interestTopic.create({
      data: { slug: 'cars', name: 'Cars', knowledgeCategories: [CAR_KNOWLEDGE_CATEGORIES[0]], knowledgeTags: [], partnerCategories: [] },
    });
    const carItem = await suite.prisma.item.create({
      data: {
        externalKey: 'k-car',
        domain: 'KNOWLEDGE',
        kind: 'course',
        title: 'Coilovers 101',
        category: CAR_KNOWLEDGE_CATEGORIES[0],
        tags: [],
        price: 9,
      },
    });
    const otherItem = await suite.prisma.item.create({
      data: {
        externalKey: 'k-other',
        domain: 'KNOWLEDGE',
        kind: 'course',
        title: 'Stoicism',
        category: KNOWLEDGE_CATEGORIES.find((c) => !c.car)!.slug,
        tags: [],
        price: 9,
      },
    });
    await suite.prisma.interaction.createMany({
      data: members.slice(0, MATCHED).flatMap((m, i) =>
        [0, 1, 2].map((n) => ({
          memberId: m.id,
          itemId: i < 55 ? carItem.id : otherItem.id,
          type: 'VIEW' as const,
          occurredAt: new Date(Date.UTC(2025, 5, 1 + n)),
          source: 'test',
        })),
      ),
    });
    await suite.prisma.partnerReview.createMany({
      data: [4, 5, 3].map((rating, i) => ({ externalId: `r${i}`, partnerId: partnerA, rating, reviewedAt: new Date('2025-06-01') })),
    });
  });

  describe('partners', () => {
    it('lets a manager create, edit and archive a partner, auditing each changed field; never deletes', async () => {
      const created = await post(suite.manager.token, '/api/partners', {
        name: 'Carbon Hoods Ltd',
        industry: 'car-modification',
        contactEmail: 'lin@carbon.example',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ slug: 'carbon-hoods-ltd', status: 'PROSPECT', scorecard: null, scorecardTotal: null });
      const edited = await suite.app.http
        .put(`/api/partners/${created.body.id}`)
        .set(auth(suite.manager.token))
        .send({ contactName: 'Lin', industry: 'body-kits' });
      expect(edited.body).toMatchObject({ contactName: 'Lin', industry: 'body-kits' });
      const archived = await suite.app.http.delete(`/api/partners/${created.body.id}`).set(auth(suite.manager.token));
      expect(archived.body.status).toBe('ARCHIVED');
      expect((await suite.app.http.get(`/api/partners/${created.body.id}`).set(auth(suite.analyst.token))).body.status).toBe('ARCHIVED');

      const audit = await suite.auditFor(created.body.id);
      expect(audit.map((a) => a.action).sort()).toEqual(['partner.archive', 'partner.create', 'partner.update']);
      expect(audit.find((a) => a.action === 'partner.update')!.detail.changes).toEqual({
        contactName: { from: null, to: 'Lin' },
        industry: { from: 'car-modification', to: 'body-kits' },
      });
    });

    it('names the bad field and refuses analysts', async () => {
      const bad = await post(suite.manager.token, '/api/partners', { name: 'X', industry: 'tuning', contactEmail: 'not-mail' });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['contactEmail']);
      // Edits validate the contact fields the same way.
      const badEdit = await suite.app.http
        .put(`/api/partners/${partnerA}`)
        .set(auth(suite.manager.token))
        .send({ website: 'carbon.example' });
      expect(badEdit.status).toBe(400);
      expect(badEdit.body.fields.map((f: { field: string }) => f.field)).toEqual(['website']);
      expect((await post(suite.analyst.token, '/api/partners', { name: 'Y', industry: 'tuning' })).status).toBe(403);
      expect((await suite.app.http.get('/api/partners').set(auth(suite.analyst.token))).status).toBe(200);
    });

    it('stores a weighted scorecard and answers its total; refuses a score out of range', async () => {
      const card = {
        brandFit: { score: 5, weight: 3 },
        marketComplementarity: { score: 4, weight: 1 },
        technicalSynergy: { score: 3, weight: 0 },
        marketInfluence: { score: 2, weight: 0 },
        uxConsistency: { score: 1, weight: 0 },
      };
      const saved = await suite.app.http.put(`/api/partners/${partnerA}/scorecard`).set(auth(suite.manager.token)).send(card);
      expect(saved.status).toBe(200);
      expect(saved.body.scorecardTotal).toBe(4.75); // (5*3 + 4*1) / 4
      expect(saved.body.scorecard.brandFit).toEqual({ score: 5, weight: 3 });
      const bad = await suite.app.http
        .put(`/api/partners/${partnerA}/scorecard`)
        .set(auth(suite.manager.token))
        .send({ ...card, technicalSynergy: { score: 7, weight: 1 } });
      expect(bad.status).toBe(400);
      expect(bad.body.fields[0].field).toBe('technicalSynergy.score');
      expect((await suite.app.http.put(`/api/partners/${partnerA}/scorecard`).set(auth(suite.analyst.token)).send(card)).status).toBe(403);
      expect((await suite.auditFor(partnerA)).some((a) => a.action === 'partner.scorecard')).toBe(true);
    });
  });

  describe('agreements', () => {
    it('refuses analysts and managers; an admin creates version 1 and a change writes version 2, keeping the history', async () => {
      expect((await post(suite.analyst.token, '/api/agreements', agreementBody(partnerA))).status).toBe(403);
      expect((await post(suite.manager.token, '/api/agreements', agreementBody(partnerA))).status).toBe(403);
      const v1 = await post(suite.admin.token, '/api/agreements', agreementBody(partnerA, { purposesAllowed: ['MEASUREMENT'] }));
      expect(v1.status).toBe(201);
      expect(v1.body).toMatchObject({ version: 1, status: 'ACTIVE', minGroupSize: 50, consentRequired: true, inForce: true });
      expect(
        (await suite.app.http.put(`/api/agreements/${v1.body.id}`).set(auth(suite.analyst.token)).send({ minGroupSize: 60 })).status,
      ).toBe(403);

      const v2 = await suite.app.http
        .put(`/api/agreements/${v1.body.id}`)
        .set(auth(suite.admin.token))
        .send({ purposesAllowed: ['CAMPAIGN_TARGETING', 'MEASUREMENT'] });
      expect(v2.status).toBe(200);
      expect(v2.body).toMatchObject({
        version: 2,
        status: 'ACTIVE',
        purposesAllowed: ['CAMPAIGN_TARGETING', 'MEASUREMENT'],
        fieldsAllowed: ['partner_pseudonym', 'city', 'member_count'],
      });
      const history = await suite.app.http
        .get('/api/agreements')
        .query({ filter: JSON.stringify({ partnerId: partnerA }), sort: '["version","DESC"]' })
        .set(auth(suite.analyst.token));
      expect(history.body.map((a: { version: number; status: string }) => `${a.version}:${a.status}`)).toEqual([
        '2:ACTIVE',
        '1:SUPERSEDED',
      ]);
      expect(
        (await suite.app.http.put(`/api/agreements/${v1.body.id}`).set(auth(suite.admin.token)).send({ minGroupSize: 60 })).status,
      ).toBe(409);
      const audit = await suite.auditFor(v2.body.id);
      expect(audit[0]).toMatchObject({ action: 'agreement.change', outcome: 'SUCCESS' });
      expect(audit[0].detail.changes).toHaveProperty('purposesAllowed');
    });

    it('names bad terms: a minimum group size under 10, an unknown field, an end before the start', async () => {
      const bad = await post(suite.admin.token, '/api/agreements', agreementBody(partnerB, { minGroupSize: 5, fieldsAllowed: ['email'] }));
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['fieldsAllowed', 'minGroupSize']);
      const backwards = await post(
        suite.admin.token,
        '/api/agreements',
        agreementBody(partnerB, { validFrom: '2026-05-01T00:00:00Z', validTo: '2026-04-01T00:00:00Z' }),
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.fields[0].field).toBe('validTo');
    });
  });

  describe('exports refused by the agreement, and audited', () => {
    const request = (token: string, body: object) =>
      post(token, '/api/exports', {
        partnerId: partnerA,
        purpose: 'CAMPAIGN_TARGETING',
        kind: 'MEMBER_LIST',
        fields: ['partner_pseudonym', 'city'],
        segmentId: bigSegment,
        ...body,
      });
    const expectRefused = async (response: { status: number; body: { rule: string; exportId: string } }, status: number, rule: string) => {
      expect(response.status).toBe(status);
      expect(response.body.rule).toBe(rule);
      const stored = (await suite.app.http.get(`/api/exports/${response.body.exportId}`).set(auth(suite.manager.token))).body;
      expect(stored).toMatchObject({ status: 'REFUSED', refusedRule: rule });
      expect(stored.refusedReason).toMatch(new RegExp(`^${rule}: `));
      const audit = await suite.auditFor(response.body.exportId);
      expect(audit).toEqual([
        expect.objectContaining({ action: 'export.request', outcome: 'DENIED', detail: expect.objectContaining({ rule }) }),
      ]);
    };

    it('refuses a purpose, a field and a segment outside the agreement with the rule that forbids it', async () => {
      await expectRefused(await request(suite.manager.token, { purpose: 'CO_MARKETING' }), 422, 'PURPOSE_NOT_ALLOWED');
      const field = await request(suite.manager.token, { fields: ['partner_pseudonym', 'top_category'] });
      await expectRefused(field, 422, 'FIELD_NOT_ALLOWED');
      expect(field.body.fields).toEqual([{ field: 'fields', message: expect.stringContaining('top_category') }]);
      await expectRefused(await request(suite.manager.token, { fields: ['partner_pseudonym', 'email'] }), 422, 'UNKNOWN_FIELD');
    });

    it('refuses a request to include members without consent', async () => {
      await expectRefused(await request(suite.manager.token, { includeNonConsented: true }), 422, 'CONSENT_REQUIRED');
    });

    it('refuses a partner without an agreement and one whose agreement expired', async () => {
      await expectRefused(
        await request(suite.manager.token, {
          partnerId: partnerB,
          purpose: 'MEASUREMENT',
          kind: 'AGGREGATE',
          fields: ['city', 'member_count'],
          segmentId: undefined,
        }),
        422,
        'NO_ACTIVE_AGREEMENT',
      );
      const alreadyOver = await post(
        suite.admin.token,
        '/api/agreements',
        agreementBody(partnerExpired, { validFrom: '2024-01-01T00:00:00Z', validTo: '2024-12-31T00:00:00Z' }),
      );
      expect(alreadyOver.status).toBe(400);
      expect(alreadyOver.body.fields).toEqual([{ field: 'validTo', message: 'is already past' }]);
      // One that was in force when made and has since run out, as time would leave it.
      const made = await post(suite.admin.token, '/api/agreements', agreementBody(partnerExpired));
      await suite.prisma.sharingAgreement.update({
        where: { id: made.body.id },
        data: { validFrom: new Date('2024-01-01T00:00:00Z'), validTo: new Date('2024-12-31T00:00:00Z') },
      });
      expect((await suite.app.http.get(`/api/agreements/${made.body.id}`).set(auth(suite.admin.token))).body.inForce).toBe(false);
      await expectRefused(await request(suite.manager.token, { partnerId: partnerExpired }), 422, 'AGREEMENT_EXPIRED');
    });

    it('refuses a member list smaller than the minimum group size when it is built', async () => {
      const response = await request(suite.manager.token, { segmentId: smallSegment });
      expect(response.status).toBe(201);
      const built = await waitExport(response.body.id);
      expect(built).toMatchObject({ status: 'REFUSED', refusedRule: 'GROUP_TOO_SMALL', rowCount: null });
      expect((await suite.auditFor(response.body.id)).map((a) => `${a.action}:${a.outcome}`).sort()).toEqual([
        'export.build:DENIED',
        'export.request:SUCCESS',
      ]);
      expect((await post(suite.manager.token, `/api/exports/${response.body.id}/link`, {})).status).toBe(409);
    });

    it('refuses analysts outright', async () => {
      expect((await request(suite.analyst.token, {})).status).toBe(403);
    });
  });

  describe('allowed exports', () => {
    let fileA: string;
    let exportA: string;

    it('builds a member list of consented members only, with per-partner pseudonyms and no raw identifier', async () => {
      const response = await post(suite.manager.token, '/api/exports', {
        partnerId: partnerA,
        purpose: 'CAMPAIGN_TARGETING',
        kind: 'MEMBER_LIST',
        fields: ['partner_pseudonym', 'city'],
        segmentId: bigSegment,
      });
      expect(response.status).toBe(201);
      exportA = response.body.id;
      const built = await waitExport(exportA);
      expect(built).toMatchObject({ status: 'READY', rowCount: CONSENTED_SHANGHAI + CONSENTED_CHENGDU, agreementVersion: 2 });
      fileA = await download(exportA);
      const lines = fileA.trim().split('\r\n');
      expect(lines[0]).toBe('partner_pseudonym,city');
      expect(lines).toHaveLength(1 + CONSENTED_SHANGHAI + CONSENTED_CHENGDU);
      expect(lines.slice(1).every((l) => /^px_[0-9a-f]{24},(Shanghai|Chengdu)$/.test(l))).toBe(true);
      for (const m of members) {
        expect(fileA).not.toContain(m.memberKey);
        expect(fileA).not.toContain(m.emailHash);
        expect(fileA).not.toContain(m.phoneHash);
      }
    });

    it("gives another partner's export of the same members no id in common", async () => {
      await post(suite.admin.token, '/api/agreements', agreementBody(partnerB));
      const response = await post(suite.manager.token, '/api/exports', {
        partnerId: partnerB,
        purpose: 'CAMPAIGN_TARGETING',
        kind: 'MEMBER_LIST',
        fields: ['partner_pseudonym'],
        segmentId: bigSegment,
      });
      await waitExport(response.body.id);
      const fileB = await download(response.body.id);
      const idsA = new Set(
        fileA
          .trim()
          .split('\r\n')
          .slice(1)
          .map((l) => l.split(',')[0]),
      );
      const idsB = fileB.trim().split('\r\n').slice(1);
      expect(idsB).toHaveLength(CONSENTED_SHANGHAI + CONSENTED_CHENGDU);
      expect(idsB.filter((id) => idsA.has(id))).toEqual([]);
    });

    it('suppresses aggregate rows under the minimum group size, and refuses a file that differs from an earlier one by fewer than k', async () => {
      const response = await post(suite.manager.token, '/api/exports', {
        partnerId: partnerA,
        purpose: 'MEASUREMENT',
        kind: 'AGGREGATE',
        fields: ['city', 'member_count'],
      });
      const built = await waitExport(response.body.id);
      // Partner A already holds the list of all 80 consented members: 60 in Shanghai would tell it that 20 (< 50) of them are elsewhere.
      expect(built).toMatchObject({ status: 'REFUSED', refusedRule: 'DIFFERENCE_CHECK' });
      expect(built.refusedReason).toMatch(/differs from an earlier result of \d{4}-\d{2}-\d{2} by fewer than 50 members/);
      expect((await post(suite.admin.token, '/api/agreements', agreementBody(partnerFresh))).status).toBe(201);
      // A partner that received nothing yet gets the file, with the Chengdu row (20 < 50) suppressed.
      const fresh = await post(suite.manager.token, '/api/exports', {
        partnerId: partnerFresh,
        purpose: 'MEASUREMENT',
        kind: 'AGGREGATE',
        fields: ['city', 'member_count'],
      });
      expect(await waitExport(fresh.body.id)).toMatchObject({ status: 'READY', rowCount: 1, suppressedRows: 1 });
      expect(await download(fresh.body.id)).toBe(`city,member_count\r\nShanghai,${CONSENTED_SHANGHAI}\r\n`);
    });

    it('serves files only through valid, unexpired links, and audits links and downloads', async () => {
      const bad = await suite.app.http.get(`/api/exports/${exportA}/download`).query({ token: 'forged.token' });
      expect(bad.status).toBe(401);
      const key = createHmac('sha256', suite.app.env.CROSSLANE_JWT_SECRET).update('crosslane:export-download-links').digest('hex');
      const stale = signDownloadToken(key, exportA, new Date(suite.app.now().getTime() - 1000));
      expect((await suite.app.http.get(`/api/exports/${exportA}/download`).query({ token: stale })).status).toBe(410);
      const link = await post(suite.manager.token, `/api/exports/${exportA}/link`, {});
      const otherId = (
        await suite.app.http
          .get('/api/exports')
          .query({ filter: JSON.stringify({ status: 'READY', partnerId: partnerB }) })
          .set(auth(suite.manager.token))
      ).body[0].id;
      const token = new URL(link.body.url, 'http://x').searchParams.get('token')!;
      expect((await suite.app.http.get(`/api/exports/${otherId}/download`).query({ token })).status).toBe(401);
      expect(Date.parse(link.body.expiresAt) - suite.app.now().getTime()).toBeLessThanOrEqual(10 * 60_000);
      const audit = await suite.auditFor(exportA);
      const outcomes = audit.map((a) => `${a.action}:${a.outcome}`);
      expect(outcomes).toEqual(
        expect.arrayContaining([
          'export.request:SUCCESS',
          'export.build:SUCCESS',
          'export.link:SUCCESS',
          'export.download:SUCCESS',
          'export.download:DENIED',
        ]),
      );
      expect((await post(suite.analyst.token, `/api/exports/${exportA}/link`, {})).status).toBe(403);
    });

    it('stops sharing once the agreement is revoked', async () => {
      const current = (
        await suite.app.http
          .get('/api/agreements')
          .query({ filter: JSON.stringify({ partnerId: partnerB, status: 'ACTIVE' }) })
          .set(auth(suite.admin.token))
      ).body[0];
      expect((await post(suite.manager.token, `/api/agreements/${current.id}/revoke`, {})).status).toBe(403);
      expect((await post(suite.admin.token, `/api/agreements/${current.id}/revoke`, { reason: 'contract ended' })).body.status).toBe(
        'REVOKED',
      );
      const refused = await post(suite.manager.token, '/api/exports', {
        partnerId: partnerB,
        purpose: 'MEASUREMENT',
        kind: 'AGGREGATE',
        fields: ['city', 'member_count'],
      });
      expect(refused.status).toBe(422);
      expect(refused.body.rule).toBe('NO_ACTIVE_AGREEMENT');
    });
  });

  describe('audience overlap and measures', () => {
    it('counts the overlap with all members, and suppresses it below the minimum without saying who', async () => {
      const all = await post(suite.analyst.token, `/api/partners/${partnerA}/overlap`, {});
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({
        partnerId: partnerA,
        segmentId: null,
        memberSetSize: members.length,
        count: MATCHED,
        suppressed: false,
        threshold: 50,
        disclosure: { status: 'RELEASED', noisy: false },
      });
      const small = await post(suite.analyst.token, `/api/partners/${partnerA}/overlap`, { segmentId: smallSegment });
      expect(small.body).toMatchObject({ count: null, suppressed: true, threshold: 50, memberSetSize: CONSENTED_CHENGDU });
      expect(JSON.stringify(small.body)).not.toMatch(/m_[0-9a-f]{12}/);
    });

    it('measures matched members, the car-interested share among them and reviews', async () => {
      const measures = await suite.app.http.get(`/api/partners/${partnerA}/measures`).set(auth(suite.analyst.token));
      expect(measures.body).toMatchObject({
        customerListSize: MATCHED + 10,
        matchedMembers: { count: MATCHED, suppressed: false, threshold: 50 },
        // 55 of the 70 are car-interested: releasing 55 beside 70 would describe the other 15 (< 50), so it is withheld.
        carInterested: { count: null, suppressed: true, disclosure: { status: 'WITHHELD', rule: 'DIFFERENCE_CHECK' } },
        carInterestedShare: null,
        reviews: { count: 3, averageRating: 4 },
      });
    });
  });

  it('keeps the audit log from managers', async () => {
    expect((await suite.app.http.get('/api/audit-events').set(auth(suite.manager.token))).status).toBe(403);
    expect((await suite.auditLog({ action: 'export.', outcome: 'DENIED' })).body.length).toBeGreaterThanOrEqual(6);
  });
});
