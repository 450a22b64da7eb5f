import { beforeAll, describe, expect, it } from 'vitest';
import { auth, useTestApp } from '../support/suite';

const draft = (name: string) => ({
  name,
  objective: 'Convert car-interested learners',
  primaryMetric: 'CONVERSION',
  guardrailMetrics: [],
  variants: [
    { key: 'control', name: 'Holdout', isControl: true, weight: 0.5 },
    { key: 'course', name: 'Co-branded course', weight: 0.5, offerType: 'NONE' },
  ],
});

const COSTS = { fixedCost: 500, costPerTreated: 0.2, costPerConversion: 1, partnerCostShare: 0.25, valuePerConversion: 40 };

describe('decisions: segment effects, ROI, next campaign, and the refusals that name their reason', () => {
  const suite = useTestApp({ label: 'decisions', accounts: ['MANAGER', 'ANALYST'], database: true });
  let campaignId: string;
  const segmentIds: Record<string, string> = {};

  beforeAll(async () => {
    await suite.db.query(
      `INSERT INTO member ("memberKey", "joinedAt") SELECT 'dm_' || g, $1::timestamptz FROM generate_series(1, 4000) g`,
      [suite.app.now()],
    );
    await suite.db.query(
      `INSERT INTO partner (id, slug, name, industry, "updatedAt") VALUES (gen_random_uuid(), 'tuner', 'Tuner Parts', 'automotive', $1)`,
      [suite.app.now()],
    );
    await suite.db.query(
      `INSERT INTO item ("externalKey", domain, "partnerId", kind, title, category, tags, price)
       SELECT 'tuner-kit', 'PARTNER', id, 'kit', 'Coilover kit', 'suspension', '{}', 499 FROM partner WHERE slug = 'tuner'`,
    );
    // Two halves of the members, and a segment far below the default k of 50.
    for (const [name, from, to] of [
      ['Sim racers', 1, 2000],
      ['Weekend wrenchers', 2001, 4000],
      ['Tiny club', 1, 10],
    ] as const) {
      const { rows } = await suite.db.query(
        `INSERT INTO segment (id, name, kind, size, "updatedAt") VALUES (gen_random_uuid(), $1, 'RULE', $2, $3) RETURNING id`,
        [name, to - from + 1, suite.app.now()],
      );
      segmentIds[name] = rows[0].id;
      await suite.db.query(
        `INSERT INTO segment_membership ("segmentId", "memberId")
         SELECT $1::uuid, id FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM member WHERE "memberKey" LIKE 'dm_%') m
         WHERE r BETWEEN $2 AND $3`,
        [rows[0].id, from, to],
      );
    }
    // The partner's data is involved, so segment cells below its k (the default 50, no agreement) are withheld.
    const partner = await suite.db.query(`SELECT id FROM partner WHERE slug = 'tuner'`);
    const created = await suite.app.http
      .post('/api/campaigns')
      .set(auth(suite.manager))
      .send({ ...draft('Decisions campaign'), partnerIds: [partner.rows[0].id] });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    // Alternate arms by member rank; control converts at 10 % everywhere, the course at 25 % among
    // Sim racers (ranks 1-2000) and at 10 % among Weekend wrenchers: an effect planted in one segment.
    await suite.db.query(
      `INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt")
       SELECT $1::uuid, id, CASE WHEN r % 2 = 0 THEN 'control' ELSE 'course' END, $2
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM member WHERE "memberKey" LIKE 'dm_%') m`,
      [campaignId, suite.app.now()],
    );
    await suite.db.query(
      `INSERT INTO campaign_event ("eventId", "campaignId", "memberId", type, "occurredAt")
       SELECT 'c' || id, $1::uuid, id, 'CONVERSION', $2
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM member WHERE "memberKey" LIKE 'dm_%') m
       WHERE (r % 2 = 0 AND (r / 2) % 10 = 0)
          OR (r % 2 = 1 AND r <= 2000 AND ((r - 1) / 2) % 4 = 0)
          OR (r % 2 = 1 AND r > 2000 AND ((r - 1) / 2) % 10 = 0)`,
      [campaignId, suite.app.now()],
    );
  });

  it('refuses decisions on a campaign that is not concluded, saying so', async () => {
    const res = await suite.app.http.get(`/api/campaigns/${campaignId}/decisions`).set(auth(suite.analyst));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/concluded campaign; this one is DRAFT/);
  });

  it('refuses negative costs naming each field, refuses analysts, and audits a change', async () => {
    const bad = await suite.app.http
      .put(`/api/campaigns/${campaignId}/economics`)
      .set(auth(suite.manager))
      .send({ ...COSTS, fixedCost: -1, costPerConversion: -2 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['costPerConversion', 'fixedCost']);
    expect((await suite.app.http.put(`/api/campaigns/${campaignId}/economics`).set(auth(suite.analyst)).send(COSTS)).status).toBe(403);
    const ok = await suite.app.http.put(`/api/campaigns/${campaignId}/economics`).set(auth(suite.manager)).send(COSTS);
    expect(ok.status).toBe(200);
    const audit = await suite.app.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'campaign.economics' }) })
      .set(auth(suite.admin));
    expect(audit.body[0]).toMatchObject({ entityId: campaignId, detail: { from: null, to: { fixedCost: 500 } } });
  });

  it('finds the effect planted in one segment through the interaction test, and reports ROI from the A/B effect', async () => {
    await suite.db.query(`UPDATE campaign SET status = 'CONCLUDED' WHERE id = $1`, [campaignId]);
    const res = await suite.app.http.get(`/api/campaigns/${campaignId}/decisions`).set(auth(suite.analyst));
    expect(res.status).toBe(200);
    const het = res.body.segments.heterogeneity.find((h: { dimension: string }) => h.dimension === 'segment');
    expect(het.significant).toBe(true);
    const winners = res.body.segments.cells.filter((c: { winner: boolean }) => c.winner).map((c: { band: string }) => c.band);
    expect(winners).toEqual(['Sim racers']);
    // The tiny segment is below the default k: withheld, not estimated.
    const tiny = res.body.segments.cells.filter((c: { band: string }) => c.band === 'Tiny club');
    expect(tiny).toEqual([expect.objectContaining({ suppressed: true, difference: null, lower: null, upper: null })]);
    // Hand count: course 2000 members, 250 + 100 conversions; control 2000, 200 conversions.
    const roi = res.body.roi[0].report;
    expect(roi.incrementalConversions.estimate).toBeCloseTo(2000 * (350 / 2000 - 200 / 2000), 9);
    expect(roi.cost).toBeCloseTo(0.75 * (500 + 0.2 * 2000 + 1 * 350), 9);
    expect(roi.roi.lower).toBeLessThan(roi.roi.estimate);
    expect(roi.probabilityRoiPositive).toBeGreaterThan(0.5);
  });

  it('refuses a campaign without a control arm', async () => {
    const other = await suite.app.http.post('/api/campaigns').set(auth(suite.manager)).send(draft('No control'));
    await suite.db.query(`UPDATE campaign SET status = 'CONCLUDED' WHERE id = $1`, [other.body.id]);
    await suite.db.query(`UPDATE campaign_variant SET "isControl" = false WHERE "campaignId" = $1`, [other.body.id]);
    const res = await suite.app.http.get(`/api/campaigns/${other.body.id}/decisions`).set(auth(suite.analyst));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/control arm/);
  });

  it('trains an uplift model as a job that ranks the segment with the planted effect first', async () => {
    expect(
      (await suite.app.http.post('/api/decisions/uplift-models').set(auth(suite.analyst)).send({ campaignId, learner: 'T_LEARNER' }))
        .status,
    ).toBe(403);
    const queued = await suite.app.http
      .post('/api/decisions/uplift-models')
      .set(auth(suite.manager))
      .send({ campaignId, learner: 'T_LEARNER' });
    expect(queued.status).toBe(202);
    const job = await suite.app.waitForJob(suite.admin.token, queued.body.jobId);
    expect(job.status).toBe('COMPLETED');
    const res = await suite.app.http.get(`/api/campaigns/${campaignId}/decisions`).set(auth(suite.analyst));
    const model = res.body.upliftModels[0];
    expect(model).toMatchObject({ learner: 'T_LEARNER', status: 'READY' });
    expect(model.evaluation.qiniCurve.x.length).toBeGreaterThan(2);
    // Costs were set: held-out ROI as run beside "only the top 30 % by uplift", which sits in the responsive segment.
    expect(model.evaluation.roi.top30.incrementalConversions.estimate / model.evaluation.roi.top30.treatedUnits).toBeGreaterThan(
      model.evaluation.roi.all.incrementalConversions.estimate / model.evaluation.roi.all.treatedUnits,
    );
    const scores = (await suite.db.query(`SELECT "segmentScores" FROM uplift_model WHERE id = $1`, [queued.body.id])).rows[0].segmentScores;
    expect(scores['Sim racers'].meanUplift).toBeGreaterThan(scores['Weekend wrenchers'].meanUplift);
  });

  it('ranks the segment with the planted effect first, shows refused candidates with the reason, and drafts in one click', async () => {
    const list = await suite.app.http.get('/api/decisions/next-campaign').set(auth(suite.analyst));
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ segmentName: 'Sim racers', refused: false, expectedFrom: 'uplift-model' });
    expect(list.body[0].mde).toBeGreaterThan(0);
    const tiny = list.body.find(
      (c: { segmentName: string; offerType: string }) => c.segmentName === 'Tiny club' && c.offerType === 'MOD_KIT_TRIAL',
    );
    // No recommender is active in this world: that offer is listed, refused, with its reason.
    expect(list.body.find((c: { offerType: string }) => c.offerType === 'RECOMMENDATIONS').reason).toMatch(/No active recommender model/);
    expect(tiny).toMatchObject({ refused: true, shareableCount: 0 });
    expect(tiny.reason).toMatch(/below Tuner Parts's minimum group size k = 50/);

    const refused = await suite.app.http
      .post('/api/decisions/next-campaign/drafts')
      .set(auth(suite.manager))
      .send({ segmentId: tiny.segmentId, partnerId: tiny.partnerId, offerType: tiny.offerType });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/minimum group size/);
    expect(
      (
        await suite.app.http
          .post('/api/decisions/next-campaign/drafts')
          .set(auth(suite.analyst))
          .send({ segmentId: list.body[0].segmentId, partnerId: list.body[0].partnerId })
      ).status,
    ).toBe(403);
    const created = await suite.app.http
      .post('/api/decisions/next-campaign/drafts')
      .set(auth(suite.manager))
      .send({ segmentId: list.body[0].segmentId, partnerId: list.body[0].partnerId, offerType: list.body[0].offerType });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'DRAFT', targetSegmentId: segmentIds['Sim racers'], minimumEffect: list.body[0].mde });
  });
});
