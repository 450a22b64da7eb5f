import type { Test } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, importCsv, TestAccount, useTestApp } from '../support/suite';

/**
 * Member rights end to end (issue 17): an ADMIN erases a member who is in a
 * segment, a running and a concluded campaign, a model and a partner's
 * customer list, with interactions and consent history; afterwards no
 * column of any table holds their key, hashes or id, the concluded
 * analysis reads as stored, serving no longer knows them, and a re-import
 * of their rows is reported as suppressed. MANAGER and ANALYST are refused.
 */
describe('member rights: erasure (ADMIN only, audited, suppressed on re-import) and the access package', () => {
  const suite = useTestApp({ label: 'rights', accounts: ['MANAGER', 'ANALYST'], database: true });
  const ERASED = 'rights_erase_me_7f3q';
  const KEPT = 'rights_keep_me_2k9w';
  const EMAIL = 'erase.me.7f3q@example.cn';
  const PHONE = '13800138077';

  const upload = (kind: string, name: string, csv: string) => importCsv(suite.app, suite.admin, { kind, name, csv });

  /**
   * Twelve new consenting members join the segment (members-<tag>.csv, keys rights_<tag>_0..11), so the next delivery
   * is not within k (10) of the last one, which the disclosure gate would refuse; both partner-delivery cases need it.
   */
  const growSegment = async (tag: string, joinedAt: string) => {
    await upload(
      'members',
      `members-${tag}.csv`,
      [
        'memberKey,joinedAt,email,phone,consentPersonalisation,consentPartnerSharing,city',
        ...Array.from({ length: 12 }, (_, i) => `rights_${tag}_${i},${joinedAt},,,true,true,Suzhou`),
      ].join('\n'),
    );
    await suite.db.query(
      `INSERT INTO segment_membership ("segmentId", "memberId") SELECT $1, id FROM member WHERE "memberKey" LIKE 'rights\\_${tag}\\_%'`,
      [segmentId],
    );
  };

  const one = async <T = Record<string, any>>(sql: string, params: unknown[] = []) => (await suite.db.query(sql, params)).rows[0] as T;

  /** Every column of every table in the public schema that holds the text (text, json, arrays, bytes), as table.column. */
  const columnsHolding = async (needle: string): Promise<string[]> => {
    const columns = await suite.db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns c
       WHERE table_schema = 'public' AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE')`,
    );
    const hits: string[] = [];
    for (const c of columns.rows) {
      const col = `"${c.column_name}"`;
      const test = c.data_type === 'bytea' ? `position(convert_to($1, 'UTF8') in ${col}) > 0` : `strpos(${col}::text, $1) > 0`;
      const { rows } = await suite.db.query(`SELECT 1 FROM "${c.table_name}" WHERE ${test} LIMIT 1`, [needle]);
      if (rows.length) hits.push(`${c.table_name}.${c.column_name}`);
    }
    return hits;
  };

  /** Every member-id column (memberId, memberIds) that holds the id. */
  const memberIdColumnsHolding = async (id: string): Promise<string[]> => {
    const columns = await suite.db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('memberId', 'memberIds')`,
    );
    const hits: string[] = [];
    for (const c of columns.rows) {
      const test = c.data_type === 'ARRAY' ? `$1::bigint = ANY("${c.column_name}")` : `"${c.column_name}" = $1::bigint`;
      const { rows } = await suite.db.query(`SELECT 1 FROM "${c.table_name}" WHERE ${test} LIMIT 1`, [id]);
      if (rows.length) hits.push(`${c.table_name}.${c.column_name}`);
    }
    return hits;
  };

  /** Requests a member list of the segment for the partner and waits until it is built. */
  const buildExport = async (segmentId: string) => {
    const requested = await suite.app.http
      .post('/api/exports')
      .set(auth(suite.admin))
      .send({ partnerId, purpose: 'CAMPAIGN_TARGETING', kind: 'MEMBER_LIST', fields: ['partner_pseudonym'], segmentId });
    expect(requested.status, JSON.stringify(requested.body)).toBeLessThan(300);
    const id = requested.body.id as string;
    await suite.app.waitForJob(suite.admin.token, (await suite.app.http.get(`/api/exports/${id}`).set(auth(suite.admin))).body.jobId);
    expect((await one(`SELECT status FROM partner_export WHERE id = $1`, [id])).status).toBe('READY');
    return id;
  };
  const fileHolds = async (id: string, text: string) =>
    (await one(`SELECT position(convert_to($1, 'UTF8') in content) > 0 AS found FROM partner_export WHERE id = $2`, [text, id]))
      .found as boolean;
  const textOf = (request: Test) =>
    request.buffer(true).parse((res, cb) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => cb(null, text));
    });

  let segmentId: string;
  let erasedId: string;
  let keptId: string;
  let emailHash: string;
  let phoneHash: string;
  let concludedResult: unknown;
  let partnerId: string;
  let exportId: string;
  let pseudonym: string;

  beforeAll(async () => {
    await upload(
      'knowledge-items',
      'items.csv',
      ['externalKey,kind,title,category,price', 'k_1,course,Suspension basics,cars,10', 'k_2,course,Track days,cars,20'].join('\n'),
    );
    await upload(
      'members',
      'members.csv',
      [
        'memberKey,joinedAt,email,phone,consentPersonalisation,consentPartnerSharing,city',
        `${ERASED},2024-01-01,${EMAIL},${PHONE},true,true,Hangzhou`,
        `${KEPT},2024-01-02,,,true,false,Ningbo`,
        ...Array.from({ length: 10 }, (_, i) => `rights_other_${i},2024-01-03,,,true,true,Suzhou`),
      ].join('\n'),
    );
    await upload(
      'interactions',
      'interactions.csv',
      [
        'eventId,memberKey,itemKey,type,occurredAt',
        `ev_e1,${ERASED},k_1,VIEW,2024-02-01`,
        `ev_e2,${ERASED},k_2,ENROL,2024-02-02`,
        `ev_k1,${KEPT},k_1,VIEW,2024-02-03`,
      ].join('\n'),
    );
    const m = await one<{ id: string; emailHash: string; phoneHash: string }>(
      `SELECT id::text, "emailHash", "phoneHash" FROM member WHERE "memberKey" = $1`,
      [ERASED],
    );
    [erasedId, emailHash, phoneHash] = [m.id, m.emailHash, m.phoneHash];
    keptId = (await one<{ id: string }>(`SELECT id::text FROM member WHERE "memberKey" = $1`, [KEPT])).id;

    // Fixtures the jobs would build from a demo world: a segment, a running and a concluded campaign, a model, a partner's customer match.
    const seg = await one<{ id: string }>(
      `INSERT INTO segment (id, name, kind, size, "updatedAt") VALUES (gen_random_uuid(), 'car fans', 'RULE', 12, now()) RETURNING id`,
    );
    await suite.db.query(`INSERT INTO segment_membership ("segmentId", "memberId") SELECT $1, id FROM member`, [seg.id]);
    for (const [name, status] of [
      ['running trial', 'RUNNING'],
      ['concluded trial', 'CONCLUDED'],
    ]) {
      const c = await one<{ id: string }>(
        `INSERT INTO campaign (id, name, objective, status, "partnerIds", "primaryMetric", "guardrailMetrics", salt, "updatedAt") VALUES (gen_random_uuid(), $1, 'o', $2, '{}', 'conversion', '{}', 's', now()) RETURNING id`,
        [name, status],
      );
      await suite.db.query(
        `INSERT INTO campaign_variant (id, "campaignId", key, name, "isControl", weight) VALUES (gen_random_uuid(), $1, 'control', 'Holdout', true, 0.5), (gen_random_uuid(), $1, 'kit', 'Kit', false, 0.5)`,
        [c.id],
      );
      await suite.db.query(
        `INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey") VALUES ($1, $2, 'kit'), ($1, $3, 'control')`,
        [c.id, erasedId, keptId],
      );
      await suite.db.query(
        `INSERT INTO campaign_event ("eventId", "campaignId", "memberId", type, "occurredAt") VALUES ($1, $2, $3, 'CONVERSION', '2024-03-01')`,
        [`ce_${status}`, c.id, erasedId],
      );
      if (status === 'CONCLUDED') {
        await suite.db.query(
          `INSERT INTO campaign_analysis (id, "campaignId", result, summary) VALUES (gen_random_uuid(), $1, $2, 'Kit wins')`,
          [
            c.id,
            JSON.stringify({
              arms: [
                { key: 'kit', n: 1, conversions: 1 },
                { key: 'control', n: 1, conversions: 0 },
              ],
            }),
          ],
        );
      }
    }
    concludedResult = (await one(`SELECT result FROM campaign_analysis`)).result;
    const model = await one<{ id: string }>(
      `INSERT INTO recommender_model (id, name, algorithm, status, params) VALUES (gen_random_uuid(), 'v1', 'implicit-als', 'ACTIVE', '{}') RETURNING id`,
    );
    const userFactors = Buffer.from(new Float32Array([0.5, 1, 0.25, 2]).buffer);
    const itemFactors = Buffer.from(new Float32Array([1, 1, 2, 2]).buffer);
    await suite.db.query(
      `INSERT INTO model_artifact ("modelId", factors, "memberIds", "itemIds", "userFactors", "itemFactors") VALUES ($1, 2, $2::bigint[], '{1,2}', $3, $4)`,
      [model.id, [erasedId, keptId], userFactors, itemFactors],
    );
    // A partner file delivered under agreement v1, holding the member's pseudonym; then the member withdraws sharing consent.
    const partner = await suite.app.http
      .post('/api/partners')
      .set(auth(suite.admin))
      .send({ name: 'Rights Partner', industry: 'car-modification', status: 'ACTIVE' });
    expect(partner.status, JSON.stringify(partner.body)).toBe(201);
    partnerId = partner.body.id;
    await suite.db.query(`INSERT INTO partner_customer ("partnerId", "matchHash", "memberId") VALUES ($1, $2, $3)`, [
      partnerId,
      emailHash,
      erasedId,
    ]);
    const DAY = 86_400_000;
    const agreement = await suite.app.http
      .post('/api/agreements')
      .set(auth(suite.admin))
      .send({
        partnerId,
        fieldsAllowed: ['partner_pseudonym'],
        purposesAllowed: ['CAMPAIGN_TARGETING'],
        segmentsAllowed: [seg.id],
        minGroupSize: 10,
        validFrom: new Date(suite.app.now().getTime() - DAY).toISOString(),
        validTo: new Date(suite.app.now().getTime() + 30 * DAY).toISOString(),
      });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    segmentId = seg.id;
    exportId = await buildExport(seg.id);
    // A consent change through the API: its audit detail quotes the key.
    const consent = await suite.app.http
      .patch(`/api/members/${erasedId}/consent`)
      .set(auth(suite.admin))
      .send({ consentPartnerSharing: false });
    expect(consent.status, JSON.stringify(consent.body)).toBe(200);
  }, 300_000);

  it('the access package lists what is stored about the member, for an ADMIN only, and is audited', async () => {
    for (const who of [suite.manager, suite.analyst])
      expect((await suite.app.http.post('/api/member-rights/access').set(auth(who)).send({ memberKey: ERASED })).status).toBe(403);
    const response = await suite.app.http.post('/api/member-rights/access').set(auth(suite.admin)).send({ memberKey: ERASED });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="member-${erasedId}-data.json"`);
    const pack = response.body;
    expect(pack.member).toMatchObject({
      memberKey: ERASED,
      city: 'Hangzhou',
      consentPartnerSharing: false,
      hasEmailHash: true,
      hasPhoneHash: true,
    });
    expect(pack.interactions.map((x: { itemKey: string; type: string }) => [x.itemKey, x.type])).toEqual([
      ['k_1', 'VIEW'],
      ['k_2', 'ENROL'],
    ]);
    expect(
      pack.consentHistory.map((h: { flag: string; from: boolean | null; to: boolean; source: string }) => [h.flag, h.from, h.to, h.source]),
    ).toEqual(expect.arrayContaining([['PARTNER_SHARING', true, false, 'API']]));
    expect(pack.segments.map((s: { name: string }) => s.name)).toEqual(['car fans']);
    expect(
      pack.campaigns
        .map((c: { name: string; variantKey: string; variantName: string; events: unknown[] }) => [
          c.name,
          c.variantKey,
          c.variantName,
          c.events.length,
        ])
        .sort(),
    ).toEqual([
      ['concluded trial', 'kit', 'Kit', 1],
      ['running trial', 'kit', 'Kit', 1],
    ]);
    // The partner file that held them, checked against the stored file: their pseudonym for that partner is in it.
    expect(pack.partnerExports).toHaveLength(1);
    expect(pack.partnerExports[0]).toMatchObject({
      exportId,
      partnerId,
      partnerName: 'Rights Partner',
      kind: 'MEMBER_LIST',
      fields: ['partner_pseudonym'],
      agreementVersion: 1,
      status: 'READY',
    });
    pseudonym = pack.partnerExports[0].pseudonym;
    expect(await fileHolds(exportId, pseudonym)).toBe(true);
    const keptPack = await suite.app.http.post('/api/member-rights/access').set(auth(suite.admin)).send({ memberKey: KEPT });
    expect(keptPack.body.partnerExports).toEqual([]);
    const audit = await one(
      `SELECT "actorEmail", outcome, detail FROM audit_event WHERE action = 'member-rights.access' AND "entityId" = $1`,
      [erasedId],
    );
    expect(audit).toMatchObject({
      actorEmail: suite.admin.email,
      outcome: 'SUCCESS',
      detail: { interactions: 2, segments: 1, campaigns: 2, partnerFiles: 1 },
    });
    expect((await suite.app.http.post('/api/member-rights/access').set(auth(suite.admin)).send({ memberKey: 'nobody_here' })).status).toBe(
      404,
    );

    const csv = await textOf(
      suite.app.http.post('/api/member-rights/access').set(auth(suite.admin)).send({ memberKey: ERASED, format: 'csv' }),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('section,entry,field,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        `member,,memberKey,${ERASED}`,
        'interactions,2,itemKey,k_2',
        'partnerExports,1,agreementVersion,1',
        'segments,1,name,car fans',
      ]),
    );
  });

  it('the access package through a governed download link: signed, expiring, ADMIN only, the same package, audited', async () => {
    expect((await suite.app.http.post('/api/member-rights/access/link').set(auth(suite.manager)).send({ memberKey: KEPT })).status).toBe(
      403,
    );
    const direct = await suite.app.http.post('/api/member-rights/access').set(auth(suite.admin)).send({ memberKey: KEPT });
    const link = await suite.app.http.post('/api/member-rights/access/link').set(auth(suite.admin)).send({ memberKey: KEPT });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.url).not.toContain(KEPT);
    expect(new Date(link.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    // No login: the token is the credential.
    const fetched = await suite.app.http.get(link.body.url);
    expect(fetched.status, JSON.stringify(fetched.body)).toBe(200);
    expect(fetched.headers['content-disposition']).toBe(`attachment; filename="member-${keptId}-data.json"`);
    expect(fetched.body.partnerExports).toEqual(direct.body.partnerExports);
    expect(fetched.body.member).toEqual(direct.body.member);
    // The link signs the member, the format and who asked: changing one is a 401.
    expect((await suite.app.http.get(link.body.url.replace('format=json', 'format=csv'))).status).toBe(401);
    expect((await suite.app.http.get(link.body.url.replace(`/access/${keptId}/`, `/access/${erasedId}/`))).status).toBe(401);
    const csvLink = await suite.app.http
      .post('/api/member-rights/access/link')
      .set(auth(suite.admin))
      .send({ memberKey: KEPT, format: 'csv' });
    const csv = await textOf(suite.app.http.get(csvLink.body.url));
    expect(csv.status).toBe(200);
    expect((csv.body as string).split('\r\n')[0]).toBe('section,entry,field,value');
    const audited = await suite.db.query(
      `SELECT action, outcome FROM audit_event WHERE action LIKE 'member-rights.access%' AND "entityId" = $1 ORDER BY id`,
      [keptId],
    );
    expect(audited.rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(
      expect.arrayContaining(['member-rights.access.link:SUCCESS', 'member-rights.access:SUCCESS']),
    );
    expect(
      (await one(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'member-rights.access.download' AND outcome = 'DENIED'`)).n,
    ).toBe(2);
  });

  it('a withdrawal reaches the partner: the delivered file is marked, the next file leaves the member out and carries their pseudonym to delete', async () => {
    expect(await one(`SELECT "withdrawnMembers" FROM partner_export WHERE id = $1`, [exportId])).toEqual({ withdrawnMembers: 1 });
    const withdrawal = await one(`SELECT detail FROM audit_event WHERE action = 'consent.change' AND "entityId" = $1`, [erasedId]);
    expect(withdrawal.detail.partnersNotified).toEqual([partnerId]);
    // The disclosure gate refuses a list within k (10) of the delivered one, so no lone pseudonym can be isolated by
    // difference (docs/privacy.md): the segment grows by twelve members before the next delivery, as it would over time.
    await growSegment('late', '2024-03-01');
    const next = await buildExport(segmentId);
    expect(await fileHolds(next, pseudonym)).toBe(false);
    const list = await textOf(suite.app.http.get(`/api/member-rights/exports/${next}/suppressions`).set(auth(suite.manager)));
    expect(list.status).toBe(200);
    expect(list.body).toBe(`pseudonym,reason\r\n${pseudonym},CONSENT_WITHDRAWN\r\n`);
    expect((await suite.app.http.get(`/api/member-rights/exports/${next}/suppressions`).set(auth(suite.analyst))).status).toBe(403);
    // Carried once: the earlier file carries none, and a later one will not carry it again.
    expect((await textOf(suite.app.http.get(`/api/member-rights/exports/${exportId}/suppressions`).set(auth(suite.admin)))).body).toBe(
      'pseudonym,reason\r\n',
    );
  });

  it('MANAGER and ANALYST may not file an erasure (403, nothing stored); bad input is a 400 naming the row', async () => {
    for (const who of [suite.manager, suite.analyst]) {
      const response = await suite.app.http.post('/api/member-rights/erasures').set(auth(who)).send({ memberKey: ERASED });
      expect(response.status).toBe(403);
    }
    const badCsv = await suite.app.http
      .post('/api/member-rights/erasures')
      .set(auth(suite.admin))
      .send({ csv: `memberKey\n${KEPT}\n""\n`, fileName: 'batch.csv' });
    expect(badCsv.status).toBe(400);
    expect(badCsv.body.message).toContain('row 3, memberKey: empty member key');
    const both = await suite.app.http
      .post('/api/member-rights/erasures')
      .set(auth(suite.admin))
      .send({ memberKey: ERASED, csv: 'memberKey\nx' });
    expect(both.status).toBe(400);
    expect(Number((await one('SELECT count(*) FROM erasure_request')).count)).toBe(0);
    expect(Number((await one('SELECT count(*) FROM suppressed_member_key')).count)).toBe(0);
    expect(await memberIdColumnsHolding(erasedId)).not.toEqual([]);
  });

  it('an ADMIN erases the member: no table keeps their key, hashes, id or interactions; stored analyses and everyone else stay; audited', async () => {
    // The search finds what it looks for: before the erasure, the key, the hashes and the id are all over.
    expect(await columnsHolding(ERASED)).toEqual(expect.arrayContaining(['member.memberKey', 'audit_event.detail']));
    expect(await columnsHolding(emailHash)).toEqual(expect.arrayContaining(['member.emailHash', 'partner_customer.matchHash']));
    expect(await memberIdColumnsHolding(erasedId)).toEqual(
      expect.arrayContaining([
        'interaction.memberId',
        'consent_change.memberId',
        'segment_membership.memberId',
        'campaign_assignment.memberId',
        'campaign_event.memberId',
        'partner_customer.memberId',
        'model_artifact.memberIds',
      ]),
    );

    const filed = await suite.app.http
      .post('/api/member-rights/erasures')
      .set(auth(suite.admin))
      .send({ csv: `memberKey\n${ERASED}\nnever_seen_9x\n`, fileName: 'erase.csv', reason: 'ticket 42' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(202);
    expect(filed.body).toMatchObject({ source: 'CSV', memberCount: 2, notFound: 1, status: 'QUEUED' });
    const job = await suite.app.waitForJob(suite.admin.token, filed.body.jobId);
    expect(job.status, JSON.stringify(job)).toBe('COMPLETED');
    expect(job.result).toEqual({ requestId: filed.body.id, erased: 1, notFound: 1, memberCount: 2 });
    const request = await suite.app.http.get(`/api/member-rights/erasures/${filed.body.id}`).set(auth(suite.admin));
    expect(request.body).toMatchObject({ status: 'COMPLETED', erased: 1, notFound: 1 });
    // Filing, each member's checkpoint and the completion all read the app's clock (pinned here), not PostgreSQL's now().
    const at = suite.app.now().toISOString();
    expect(request.body).toMatchObject({ createdAt: at, completedAt: at });
    // Prisma keeps instants as UTC in timestamp(3) columns: printed as ISO text, they compare without the driver's time zone.
    const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const times = await one<{ erased: string[]; suppressed: string[] }>(
      `SELECT array_agg(DISTINCT ${iso('"erasedAt"')}) FILTER (WHERE status = 'ERASED') AS erased,
        (SELECT array_agg(${iso('"suppressedAt"')}) FROM suppressed_member_key WHERE "requestId" = $1) AS suppressed
       FROM erasure_request_member WHERE "requestId" = $1`,
      [filed.body.id],
    );
    expect(times).toEqual({ erased: [at], suppressed: [at, at] });

    for (const needle of [ERASED, emailHash, phoneHash]) expect(await columnsHolding(needle), needle).toEqual([]);
    expect(await memberIdColumnsHolding(erasedId)).toEqual([]);
    expect(Number((await one(`SELECT count(*) FROM interaction WHERE "eventId" LIKE 'ev_e%'`)).count)).toBe(0);

    // Everyone else is as they were; the concluded analysis reads as stored; the model lost one row and waits for retraining.
    expect(await memberIdColumnsHolding(keptId)).toEqual(
      expect.arrayContaining([
        'interaction.memberId',
        'segment_membership.memberId',
        'campaign_assignment.memberId',
        'model_artifact.memberIds',
      ]),
    );
    expect((await one(`SELECT result FROM campaign_analysis`)).result).toEqual(concludedResult);
    expect(await one(`SELECT size FROM segment WHERE name = 'car fans'`)).toEqual({ size: 11 });
    const artifact = await one<{ memberIds: string[]; userFactors: Buffer; flagged: boolean }>(
      `SELECT a."memberIds"::text[] AS "memberIds", a."userFactors", m."containsErasedMembers" AS flagged FROM model_artifact a JOIN recommender_model m ON m.id = a."modelId"`,
    );
    expect(artifact.memberIds).toEqual([keptId]);
    expect(Array.from(new Float32Array(new Uint8Array(artifact.userFactors).buffer))).toEqual([0.25, 2]);
    expect(artifact.flagged).toBe(true);

    // The partner's list now says why: erased; the files are not counted twice.
    expect((await suite.db.query(`SELECT reason FROM partner_suppression WHERE pseudonym = $1`, [pseudonym])).rows).toEqual([
      { reason: 'ERASED' },
    ]);
    expect(await one(`SELECT "withdrawnMembers" FROM partner_export WHERE id = $1`, [exportId])).toEqual({ withdrawnMembers: 1 });

    // Serving no longer knows the member.
    const served = await suite.app.http.get(`/api/recommender/members/${ERASED}/recommendations`).set(auth(suite.admin));
    expect(served.status).toBe(404);

    const events = await suite.db.query(`SELECT action, outcome, "actorEmail", detail FROM audit_event WHERE "entityId" = $1 ORDER BY id`, [
      filed.body.id,
    ]);
    expect(events.rows.map((e) => [e.action, e.outcome, e.actorEmail])).toEqual([
      ['member-rights.erasure.request', 'SUCCESS', suite.admin.email],
      ['member-rights.erasure.complete', 'SUCCESS', suite.admin.email],
    ]);
    expect(events.rows[0].detail).toMatchObject({ source: 'CSV', fileName: 'erase.csv', reason: 'ticket 42', memberCount: 2, notFound: 1 });
    expect(events.rows[1].detail).toMatchObject({ erased: 1, notFound: 1 });
    // The consent change's audit event stays, with the key replaced by a tombstone.
    const consentAudit = await one(`SELECT detail FROM audit_event WHERE action = 'consent.change' AND "entityId" = $1`, [erasedId]);
    expect(consentAudit.detail.memberKey).toBe('[erased member]');
  });

  it("a later import of the erased member's rows, and of the never-seen key, or their live events, reports them as suppressed and writes nothing of them", async () => {
    const members = await upload(
      'members',
      'members-again.csv',
      [
        'memberKey,joinedAt,email,consentPersonalisation,consentPartnerSharing,city',
        `${KEPT},2024-01-02,,true,false,Ningbo`,
        `${ERASED},2024-01-01,${EMAIL},true,true,Hangzhou`,
        `never_seen_9x,2024-01-03,,true,false,Suzhou`,
      ].join('\n'),
    );
    expect(members.result).toMatchObject({ outcome: 'IMPORTED', accepted: 3, inserted: 0, suppressed: 2, notes: 2, unchanged: 1 });
    const notes = await suite.app.http.get(`/api/imports/${members.id}/notes`).set(auth(suite.admin));
    expect(notes.status).toBe(200);
    expect(notes.body.map((n: { rowNumber: number; field: string; note: string }) => [n.rowNumber, n.field, n.note.slice(0, 11)])).toEqual([
      [3, 'memberKey', 'suppressed:'],
      [4, 'memberKey', 'suppressed:'],
    ]);
    const interactions = await upload(
      'interactions',
      'interactions-again.csv',
      ['eventId,memberKey,itemKey,type,occurredAt', `ev_e1,${ERASED},k_1,VIEW,2024-02-01`, `ev_k2,${KEPT},k_2,VIEW,2024-02-04`].join('\n'),
    );
    expect(interactions.result).toMatchObject({ outcome: 'IMPORTED', accepted: 2, inserted: 1, suppressed: 1, rejected: 0 });
    // Events as they happen: the erased member's is left out and reported by index, the rest of the batch is stored.
    const events = await suite.app.http
      .post('/api/events/batch')
      .set(auth(suite.admin))
      .send([
        { eventId: 'ev_live_e', memberKey: ERASED, itemKey: 'k_1', type: 'VIEW', occurredAt: '2024-02-05T10:00:00Z' },
        { eventId: 'ev_live_k', memberKey: KEPT, itemKey: 'k_1', type: 'VIEW', occurredAt: '2024-02-05T10:00:00Z' },
      ]);
    expect(events.status, JSON.stringify(events.body)).toBe(200);
    expect(events.body).toEqual({ received: 2, inserted: 1, duplicates: 0, suppressed: [0] });
    expect((await one(`SELECT count(*)::int AS n FROM interaction WHERE "eventId" = 'ev_live_e'`)).n).toBe(0);
    expect((await one(`SELECT count(*)::int AS n FROM interaction WHERE "eventId" = 'ev_live_k'`)).n).toBe(1);
    for (const needle of [ERASED, emailHash, 'never_seen_9x']) expect(await columnsHolding(needle), needle).toEqual([]);
  });

  it('the compliance report of the period lists the files, the agreement version, the consent moves and the erasure with its duration; ADMIN only', async () => {
    // From the app's pinned day to the machine's: records carry one or the other (the clock for business dates, PostgreSQL's now() for audit times).
    const period = {
      from: new Date(suite.app.now().getTime() - 86_400_000).toISOString(),
      to: new Date(Math.max(Date.now(), suite.app.now().getTime()) + 86_400_000).toISOString(),
    };
    // Every request below asks for this one report, with a query and as an account of its own.
    const complianceReport = (query: Record<string, string>, who: TestAccount) =>
      suite.app.http.get('/api/member-rights/compliance-report').query(query).set(auth(who));
    expect((await complianceReport(period, suite.manager)).status).toBe(403);
    const bad = await complianceReport({ from: 'yesterday', to: period.to }, suite.admin);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('from');
    const response = await complianceReport(period, suite.admin);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const report = response.body;
    expect(report.partners).toEqual([
      {
        partnerId,
        partnerName: 'Rights Partner',
        files: 2,
        rows: expect.any(Number),
        fields: ['partner_pseudonym'],
        purposes: ['CAMPAIGN_TARGETING'],
        agreementVersions: [1],
        refusalsByRule: {},
        requestedBy: [suite.admin.email],
        // The agreement counts by threshold, not noise: no budget spent.
        privacyBudget: null,
      },
    ]);
    // Read after the erasure: the erased member's consent history went with them (their import grant and API withdrawal).
    expect(report.consent, JSON.stringify(report.consent)).toEqual([
      // The first members file granted 10 (sharing) and 11 (personalisation); the twelve late members one more each.
      { flag: 'PARTNER_SHARING', source: 'IMPORT', granted: 22, withdrawn: 0 },
      { flag: 'PERSONALISATION', source: 'IMPORT', granted: 23, withdrawn: 0 },
    ]);
    expect(report.erasures).toHaveLength(1);
    expect(report.erasures[0]).toMatchObject({ requestedBy: suite.admin.email, memberCount: 2, erased: 1, notFound: 1 });
    // Requested and completed on the one clock: the duration is the clock's (0 h when pinned), never negative.
    expect(report.erasures[0]).toMatchObject({
      requestedAt: suite.app.now().toISOString(),
      completedAt: suite.app.now().toISOString(),
      hoursToComplete: 0,
    });
    const csv = await textOf(complianceReport({ ...period, format: 'csv' }, suite.admin));
    expect(csv.status).toBe(200);
    expect((csv.body as string).split('\r\n')).toEqual(
      expect.arrayContaining(['partners,1,partnerName,Rights Partner', 'partners,1,files,2', 'erasures,1,erased,1']),
    );
    // The printable page: an attachment an auditor can open and print to PDF, with the same figures; ADMIN only like the JSON.
    expect((await complianceReport({ ...period, format: 'html' }, suite.manager)).status).toBe(403);
    const html = await textOf(complianceReport({ ...period, format: 'html' }, suite.admin));
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename="compliance-.*\.html"$/);
    expect(html.body).toContain('<td>Rights Partner</td>');
    expect(html.body).toContain('<td>v1</td>');
    expect(html.body).toContain(`<td>${suite.admin.email}</td>`);
  });
  it('a withdrawal that arrives by members import reaches the partners as one on the screen does: files marked, partners listed, the next file carries the pseudonym', async () => {
    const WITHDRAWING = 'rights_other_3';
    const pack = await suite.app.http.post('/api/member-rights/access').set(auth(suite.admin)).send({ memberKey: WITHDRAWING });
    expect(pack.status, JSON.stringify(pack.body)).toBe(200);
    const held = pack.body.partnerExports as { exportId: string; pseudonym: string; status: string }[];
    const ready = held.filter((f) => f.status === 'READY');
    expect(ready.length).toBeGreaterThanOrEqual(2);
    const theirs = held[0].pseudonym;
    const marksBefore = await suite.db.query(
      `SELECT id::text, "withdrawnMembers" FROM partner_export WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ready.map((f) => f.exportId)],
    );

    const imported = await upload(
      'members',
      'withdrawals.csv',
      ['memberKey,joinedAt,consentPersonalisation,consentPartnerSharing,city', `${WITHDRAWING},2024-01-03,true,false,Suzhou`].join('\n'),
    );
    expect(imported.result).toMatchObject({
      outcome: 'IMPORTED',
      updated: 1,
      extra: { withdrawalsCarried: 1, partnersNotified: [partnerId] },
    });
    // Every still-valid file that held them is marked once.
    const marksAfter = await suite.db.query(
      `SELECT id::text, "withdrawnMembers" FROM partner_export WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ready.map((f) => f.exportId)],
    );
    expect(marksAfter.rows).toEqual(marksBefore.rows.map((r) => ({ ...r, withdrawnMembers: r.withdrawnMembers + 1 })));
    expect(
      (await suite.db.query(`SELECT reason, "deliveredInExportId" FROM partner_suppression WHERE pseudonym = $1`, [theirs])).rows,
    ).toEqual([{ reason: 'CONSENT_WITHDRAWN', deliveredInExportId: null }]);
    // Importing the same file again withdraws nothing more and marks nothing twice.
    const again = await upload(
      'members',
      'withdrawals-again.csv',
      ['memberKey,joinedAt,consentPersonalisation,consentPartnerSharing,city', `${WITHDRAWING},2024-01-03,true,false,Suzhou`].join('\n'),
    );
    expect(again.result.extra).toBeUndefined();

    // The partner's next delivery carries the pseudonym and leaves the member out (the segment grows past k first, as in the screen case).
    await growSegment('later', '2024-03-02');
    const next = await buildExport(segmentId);
    expect(await fileHolds(next, theirs)).toBe(false);
    const list = await textOf(suite.app.http.get(`/api/member-rights/exports/${next}/suppressions`).set(auth(suite.admin)));
    expect(list.body).toBe(`pseudonym,reason\r\n${theirs},CONSENT_WITHDRAWN\r\n`);
  });
});
