import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../support/test-app';
import { auth, useTestApp } from '../support/suite';

/**
 * Profiles and segments end to end, on a small hand-made world:
 * - 20 "Online Retail" customers (c01..c20) with purchases and amounts
 *   before 2026-07-01, whose RFM scores are worked out by hand below;
 * - 60 car learners (k01..k60) active in the last three weeks: two car-course
 *   enrolments each, k01..k40 also bought a partner-A part; partner A has
 *   matched k01..k40 as its customers, partner B k01..k10; k01..k30
 *   consented to partner sharing (their activity is dated back from the pinned now, TEST_NOW). Partner A has an active agreement with a
 *   minimum group size of 25 (consent required); B has none (threshold 50).
 */

const AS_OF_RFM = '2026-07-01T00:00:00Z';
// The learners' activity is dated back from the tests' pinned now (TEST_NOW), so materialised segments (counted back from the app's clock) see it too.
const AS_OF_LATER = `${TEST_NOW.toISOString().slice(0, 10)}T00:00:00.000Z`;

// Customer: recency days, frequency (distinct purchase days), monetary.
const RETAIL: [string, number, number, number][] = [
  ['c01', 1, 1, 120],
  ['c02', 1, 6, 900],
  ['c03', 3, 2, 80],
  ['c04', 5, 5, 700],
  ['c05', 8, 1, 35],
  ['c06', 10, 3, 260],
  ['c07', 12, 4, 410],
  ['c08', 15, 2, 150],
  ['c09', 20, 1, 20],
  ['c10', 20, 3, 330],
  ['c11', 25, 2, 95],
  ['c12', 30, 1, 60],
  ['c13', 40, 4, 500],
  ['c14', 45, 1, 45],
  ['c15', 60, 2, 180],
  ['c16', 70, 1, 15],
  ['c17', 90, 3, 300],
  ['c18', 120, 1, 60],
  ['c19', 150, 2, 140],
  ['c20', 200, 1, 10],
];

/*
 * By hand. Score = floor(5 * w / n) + 1, n = 20, w = number of customers
 * strictly worse (ties share a score).
 * R (fewer days is better): 200,150,120,90 -> w 0..3 -> 1; 70,60,45,40 -> w 4..7 -> 2;
 *   30 (w 8), 25 (w 9), 20,20 (w 10) -> 3; 15,12,10,8 (w 12..15) -> 4; 5,3 (w 16,17), 1,1 (w 18) -> 5.
 * F: eight customers with 1 day -> w 0 -> 1; five with 2 -> w 8 -> 3 (no one scores 2: the tie
 *   of eight fills the first two quintiles); three with 3 -> w 13 -> 4; 4 (w 16), 5 (w 18), 6 (w 19) -> 5.
 * M ascending 10,15,20,35 -> w 0..3 -> 1; 45 (w 4), 60,60 (w 5), 80 (w 7) -> 2;
 *   95,120,140,150 (w 8..11) -> 3; 180,260,300,330 (w 12..15) -> 4; 410,500,700,900 -> 5.
 */
const EXPECTED: Record<string, [number, number, number]> = {
  c01: [5, 1, 3],
  c02: [5, 5, 5],
  c03: [5, 3, 2],
  c04: [5, 5, 5],
  c05: [4, 1, 1],
  c09: [3, 1, 1],
  c10: [3, 4, 4],
  c12: [3, 1, 2],
  c13: [2, 5, 5],
  c17: [1, 4, 4],
  c18: [1, 1, 2],
  c20: [1, 1, 1],
};

describe('profiles and segments', () => {
  const suite = useTestApp({ label: 'segments', accounts: ['MANAGER', 'ANALYST'], database: true });
  let partnerA: string;
  let partnerB: string;
  const ids = new Map<string, string>();
  const computeProfiles = async (asOf: string) => {
    const job = await suite.app.http.post('/api/profiles/compute').set(auth(suite.manager)).send({ asOf });
    expect(job.status).toBe(202);
    const done = await suite.app.waitForJob(suite.admin.token, job.body.id);
    expect(done.status).toBe('COMPLETED');
    return done;
  };
  const preview = async (rule: unknown, asOf = AS_OF_LATER) =>
    suite.app.http.post('/api/segments/preview').set(auth(suite.analyst)).send({ rule, asOf });
  const waitForMaterialised = async (segmentId: string) => {
    const jobs = await suite.app.http
      .get('/api/jobs')
      .query({ filter: JSON.stringify({ name: 'materialise-segments' }), range: '[0,99]' })
      .set(auth(suite.admin));
    for (const job of jobs.body.filter((j: { payload: { segmentId?: string } }) => j.payload.segmentId === segmentId))
      await suite.app.waitForJob(suite.admin.token, job.id);
    return (await suite.app.http.get(`/api/segments/${segmentId}`).set(auth(suite.admin))).body;
  };

  beforeAll(async () => {
    partnerA = (
      await suite.db.query(
        `INSERT INTO partner (id, slug, name, industry, "updatedAt") VALUES (gen_random_uuid(), 'wheels-a', 'Wheels A', 'car-modification', now()) RETURNING id`,
      )
    ).rows[0].id;
    partnerB = (
      await suite.db.query(
        `INSERT INTO partner (id, slug, name, industry, "updatedAt") VALUES (gen_random_uuid(), 'lights-b', 'Lights B', 'car-modification', now()) RETURNING id`,
      )
    ).rows[0].id;
    await suite.db.query(
      `INSERT INTO sharing_agreement (id, "partnerId", version, status, "fieldsAllowed", "purposesAllowed", "segmentsAllowed", "minGroupSize", "consentRequired", "validFrom", "validTo")
       VALUES (gen_random_uuid(), $1, 1, 'ACTIVE', '{}', '{}', '{}', 25, true, $2::timestamptz - interval '1 day', $2::timestamptz + interval '365 days')`,
      [partnerA, suite.app.now()],
    );
    // Car interest reads the interest taxonomy: this world's one car category is motorsport.
    await suite.db.query(
      `INSERT INTO interest_topic (id, slug, name, "countsAsCar", "knowledgeCategories", "knowledgeTags", "partnerCategories", "updatedAt")
       VALUES (gen_random_uuid(), 'motorsport', 'Motorsport', true, '{motorsport}', '{}', '{wheels}', now())`,
    );
    const item = async (key: string, domain: string, category: string, price: number, partnerId: string | null = null) =>
      (
        await suite.db.query(
          `INSERT INTO item ("externalKey", domain, "partnerId", kind, title, category, tags, price) VALUES ($1, $2, $3, 'x', $1, $4, '{}', $5) RETURNING id`,
          [key, domain, partnerId, category, price],
        )
      ).rows[0].id as string;
    const retail = await item('retail', 'KNOWLEDGE', 'history', 10);
    const priced = await item('priced', 'KNOWLEDGE', 'history', 35);
    const carCourse = await item('car-course', 'KNOWLEDGE', 'motorsport', 100);
    const wheels = await item('wheels', 'PARTNER', 'wheels', 1000, partnerA);
    ids.set('wheels', wheels);

    const member = async (key: string, consent = false) =>
      (
        await suite.db.query(
          `INSERT INTO member ("memberKey", "consentPartnerSharing", "joinedAt") VALUES ($1, $2, '2025-01-01') RETURNING id`,
          [key, consent],
        )
      ).rows[0].id as string;
    const interact = (memberId: string, itemId: string, type: string, at: string, amount: number | null, weight = 1) =>
      suite.db.query(
        `INSERT INTO interaction ("memberId", "itemId", type, weight, amount, "occurredAt", source) VALUES ($1, $2, $3, $4, $5, $6, 'test')`,
        [memberId, itemId, type, weight, amount, at],
      );
    const day = (asOf: string, daysBefore: number) => new Date(Date.parse(asOf) - daysBefore * 86_400_000 + 12 * 3_600_000).toISOString();

    for (const [key, recency, frequency, monetary] of RETAIL) {
      const id = await member(key);
      ids.set(key, id);
      if (key === 'c05') {
        await interact(id, priced, 'PURCHASE', day(AS_OF_RFM, recency), null); // no amount: the item's price (35) counts
        continue;
      }
      if (key === 'c13') {
        // Two orders on its last day still make one purchase day: frequency 4, monetary 500.
        await interact(id, retail, 'PURCHASE', day(AS_OF_RFM, recency), 242.5);
        await interact(id, retail, 'PURCHASE', day(AS_OF_RFM, recency), 242.5);
      } else {
        await interact(id, retail, 'PURCHASE', day(AS_OF_RFM, recency), monetary - 5 * (frequency - 1));
      }
      for (let i = 1; i < frequency; i++) await interact(id, retail, 'PURCHASE', day(AS_OF_RFM, recency + 7 * i), 5);
    }
    for (let i = 1; i <= 60; i++) {
      const key = `k${String(i).padStart(2, '0')}`;
      const id = await member(key, i <= 30);
      ids.set(key, id);
      await interact(id, carCourse, 'ENROL', day(AS_OF_LATER, 10), null, 3);
      await interact(id, carCourse, 'ENROL', day(AS_OF_LATER, 20), null, 3);
      if (i <= 40) await interact(id, wheels, 'PURCHASE', day(AS_OF_LATER, 15), 1000, 5);
      if (i <= 40)
        await suite.db.query(`INSERT INTO partner_customer ("partnerId", "matchHash", "memberId") VALUES ($1, $2, $3)`, [
          partnerA,
          `hash-a-${i}`,
          id,
        ]);
      if (i <= 10)
        await suite.db.query(`INSERT INTO partner_customer ("partnerId", "matchHash", "memberId") VALUES ($1, $2, $3)`, [
          partnerB,
          `hash-b-${i}`,
          id,
        ]);
    }
  });

  it('scores RFM quintiles that match the computation by hand', async () => {
    const done = await computeProfiles(AS_OF_RFM);
    // The car learners act only after this date: just the 20 customers are scored.
    expect(done.result).toMatchObject({ profiles: 80, scored: 20, withLatentFactors: 0 });
    for (const [key, [r, f, m]] of Object.entries(EXPECTED)) {
      const profile = await suite.app.http.get(`/api/profiles/${ids.get(key)}`).set(auth(suite.analyst));
      expect(profile.status).toBe(200);
      expect({ key, r: profile.body.rScore, f: profile.body.fScore, m: profile.body.mScore }).toEqual({ key, r, f, m });
    }
    const c13 = (await suite.app.http.get(`/api/profiles/${ids.get('c13')}`).set(auth(suite.analyst))).body;
    expect(c13).toMatchObject({ recencyDays: 40, frequency: 4, monetary: 500 });
    const c05 = (await suite.app.http.get(`/api/profiles/${ids.get('c05')}`).set(auth(suite.analyst))).body;
    expect(c05).toMatchObject({ recencyDays: 8, frequency: 1, monetary: 35, knowledgeSpend: 35 });
    const k01 = (await suite.app.http.get(`/api/profiles/${ids.get('k01')}`).set(auth(suite.analyst))).body;
    expect(k01).toMatchObject({ recencyDays: null, rScore: null, frequency: 0 });
  });

  it('profiles affinities, partner spend and car interest, and shows them in the explorer', async () => {
    await computeProfiles(AS_OF_LATER);
    const k01 = await suite.app.http.get(`/api/profiles/${ids.get('k01')}`).set(auth(suite.analyst));
    // Weighted: 2 enrolments x 3 on motorsport (car), one partner purchase x 5 -> (6 + 5) / (6 + 5) = 1.
    expect(k01.body).toMatchObject({
      frequency: 3,
      monetary: 1200,
      knowledgeSpend: 200,
      partnerSpend: 1000,
      partnerPurchases: 1,
      carInterest: 1,
    });
    expect(k01.body.categoryAffinity).toEqual({ KNOWLEDGE: { motorsport: 1 }, PARTNER: { wheels: 1 } });
    expect(k01.body.recentInteractions).toHaveLength(3);
    expect(k01.body.recentInteractions[0]).toMatchObject({ type: 'ENROL', domain: 'KNOWLEDGE', category: 'motorsport' });
    const k50 = (await suite.app.http.get(`/api/profiles/${ids.get('k50')}`).set(auth(suite.analyst))).body;
    expect(k50).toMatchObject({ partnerPurchases: 0, carInterest: 1, partnerSpend: 0 });
    const list = await suite.app.http.get('/api/profiles').query({ sort: '["monetary","DESC"]', range: '[0,4]' }).set(auth(suite.analyst));
    expect(list.headers['content-range']).toBe('profiles 0-4/80');
    expect(list.body[0].monetary).toBe(1200);
  });

  it('refuses rules with an unknown field, a wrong type or a bad operator, naming the path', async () => {
    const unknown = await preview({ and: [{ rfm: { r: [4, 5] } }, { field: 'spendd', op: 'gt', value: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('rule.and[1].field: unknown field "spendd"');
    expect(unknown.body.fields[0].field).toBe('rule.and[1].field');
    const wrongType = await preview({ field: 'monetary', op: 'gte', value: 'a lot' });
    expect(wrongType.body.message).toContain('rule.value: must be a number for field "monetary"');
    const badOp = await preview({ or: [{ field: 'city', op: 'gt', value: 'Shanghai' }] });
    expect(badOp.body.message).toContain('rule.or[0].op: operator "gt" does not apply to string field "city"');
  });

  it('counts a rule live in the database: behaviour, spend, RFM and NOT', async () => {
    const carLearners = { behaviour: { types: ['ENROL'], carCategories: true, days: 90, atLeast: 2 } };
    expect((await preview(carLearners)).body).toEqual({ count: 60, asOf: AS_OF_LATER });
    expect((await preview({ and: [carLearners, { field: 'partnerPurchases', op: 'gte', value: 1 }] })).body.count).toBe(40);
    expect((await preview({ not: { field: 'partnerPurchases', op: 'gte', value: 1 } })).body.count).toBe(40);
    expect((await preview({ behaviour: { types: ['ENROL'], carCategories: true, days: 15, atLeast: 2 } })).body.count).toBe(0);
    expect((await preview({ affinity: { domain: 'PARTNER', category: 'wheels', op: 'gte', value: 0.5 } })).body.count).toBe(40);
    expect(
      (
        await preview({
          and: [
            { field: 'consentPartnerSharing', op: 'eq', value: true },
            { behaviour: { domain: 'PARTNER', partnerId: partnerA, days: 30, atLeast: 1 } },
          ],
        })
      ).body.count,
    ).toBe(30);
  });

  it('lets managers write segments and analysts only read, audited; refuses reference cycles', async () => {
    const rule = { behaviour: { types: ['ENROL'], carCategories: true, days: 90, atLeast: 2 } };
    expect((await suite.app.http.post('/api/segments').set(auth(suite.analyst)).send({ name: 'Nope', rule })).status).toBe(403);
    const created = await suite.app.http.post('/api/segments').set(auth(suite.manager)).send({ name: 'Car learners', rule });
    expect(created.status).toBe(201);
    ids.set('car', created.body.id);
    const buyers = await suite.app.http
      .post('/api/segments')
      .set(auth(suite.manager))
      .send({ name: 'Car buyers', rule: { and: [{ segment: created.body.id }, { field: 'partnerPurchases', op: 'gte', value: 1 }] } });
    expect(buyers.status).toBe(201);
    ids.set('buyers', buyers.body.id);
    const cycle = await suite.app.http
      .put(`/api/segments/${created.body.id}`)
      .set(auth(suite.manager))
      .send({ rule: { segment: buyers.body.id } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.message).toContain('rule.segment: segment reference cycle: Car learners -> Car buyers -> Car learners');
    expect((await suite.app.http.delete(`/api/segments/${created.body.id}`).set(auth(suite.manager))).status).toBe(409);
    expect((await suite.app.http.get('/api/segments').set(auth(suite.analyst))).headers['content-range']).toBe('segments 0-1/2');
    const audit = await suite.app.http
      .get('/api/audit-events')
      .query({ range: '[0,199]', filter: JSON.stringify({}) })
      .set(auth(suite.admin));
    const seen = audit.body
      .filter((e: { entityType: string }) => e.entityType === 'segment')
      .map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
    expect(seen).toEqual(expect.arrayContaining(['segment.create:SUCCESS', 'segment.update:FAILURE', 'segment.delete:DENIED']));
  });

  it('materialises memberships, snapshots sizes and never returns a count under the minimum group size', async () => {
    expect((await waitForMaterialised(ids.get('car')!)).size).toBe(60);
    expect((await waitForMaterialised(ids.get('buyers')!)).size).toBe(40);
    const snap = await suite.app.http.post('/api/segments/snapshot').set(auth(suite.manager));
    expect((await suite.app.waitForJob(suite.admin.token, snap.body.id)).status).toBe('COMPLETED');
    const again = await suite.app.http.post('/api/segments/snapshot').set(auth(suite.manager));
    await suite.app.waitForJob(suite.admin.token, again.body.id);
    const history = (await suite.app.http.get(`/api/segments/${ids.get('car')}/history`).set(auth(suite.analyst))).body;
    expect(history).toHaveLength(1);
    expect(history[0].size).toBe(60);
    // 30 consented members >= A's minimum of 25; B has no agreement, so nothing is shareable with it.
    expect(history[0].shareable).toEqual({ [partnerA]: { count: 30, suppressed: false, threshold: 25, partnerName: 'Wheels A' } });

    const overlaps = (await suite.app.http.get(`/api/segments/${ids.get('car')}/partners`).set(auth(suite.analyst))).body;
    const a = overlaps.find((o: { partnerId: string }) => o.partnerId === partnerA);
    const b = overlaps.find((o: { partnerId: string }) => o.partnerId === partnerB);
    expect(a).toMatchObject({ overlap: { count: 40, suppressed: false, threshold: 25 }, shareable: { count: 30 }, agreementActive: true });
    // Ten matched customers of B, under the default 50: withheld.
    expect(b).toMatchObject({
      partnerId: partnerB,
      partnerName: 'Lights B',
      overlap: { count: null, suppressed: true, threshold: 50, disclosure: { status: 'SUPPRESSED' } },
      shareable: null,
      agreementActive: false,
    });

    const small = await suite.app.http
      .post('/api/segments')
      .set(auth(suite.manager))
      .send({
        name: 'Consenting buyers',
        rule: {
          and: [
            { segment: ids.get('buyers') },
            { field: 'consentPartnerSharing', op: 'eq', value: true },
            { field: 'monetary', op: 'lt', value: 5000 },
            { rfm: { r: [1, 5] } },
          ],
        },
      });
    expect(small.status).toBe(201);
    expect((await waitForMaterialised(small.body.id)).size).toBe(30);
    const smallOverlap = (await suite.app.http.get(`/api/segments/${small.body.id}/partners`).set(auth(suite.analyst))).body;
    expect(smallOverlap.find((o: { partnerId: string }) => o.partnerId === partnerB).overlap).toMatchObject({
      count: null,
      suppressed: true,
      threshold: 50,
    });
    expect(JSON.stringify(smallOverlap)).not.toMatch(/"count":10\b/);

    const matrix = (await suite.app.http.get('/api/segments/overlaps').set(auth(suite.analyst))).body;
    const cell = matrix.cells.find((c: { a: string; b: string }) => c.a === ids.get('car') && c.b === ids.get('buyers'));
    expect(cell).toEqual({ a: ids.get('car'), b: ids.get('buyers'), count: 40, jaccard: 40 / 60 });
    const insights = (await suite.app.http.get(`/api/segments/${ids.get('buyers')}/insights`).set(auth(suite.analyst))).body;
    expect(insights.rfm.reduce((s: number, x: { r: number }) => s + x.r, 0)).toBe(40);
    expect(insights.topCategories[0]).toMatchObject({ category: 'motorsport', share: 1 });
  });

  it('says clearly when propensity or latent clustering needs a model, and uses one when active', async () => {
    const rule = { propensity: { partnerId: partnerA, topPercent: 10 } };
    const none = await preview({ and: [{ rfm: { r: [1, 5] } }, rule] });
    expect(none.status).toBe(409);
    expect(none.body.message).toContain('rule.and[1].propensity: propensity needs an active recommender model');
    const latent = await suite.app.http.post('/api/segments/clusters/suggest').set(auth(suite.analyst)).send({ features: 'LATENT' });
    expect(latent.status).toBe(409);

    // A two-factor model: learner kNN's first factor is NN, the wheels item points along it.
    const members = Array.from({ length: 60 }, (_, i) => ids.get(`k${String(i + 1).padStart(2, '0')}`)!);
    const userFactors = Buffer.from(new Float32Array(members.flatMap((_, i) => [i + 1, 0])).buffer);
    const itemFactors = Buffer.from(new Float32Array([1, 0]).buffer);
    const model = (
      await suite.db.query(
        `INSERT INTO recommender_model (id, name, algorithm, status, params) VALUES (gen_random_uuid(), 'als', 'ALS', 'ACTIVE', '{}') RETURNING id`,
      )
    ).rows[0].id;
    await suite.db.query(
      `INSERT INTO model_artifact ("modelId", factors, "memberIds", "itemIds", "userFactors", "itemFactors") VALUES ($1, 2, $2, $3, $4, $5)`,
      [model, members, [ids.get('wheels')], userFactors, itemFactors],
    );
    const done = await computeProfiles(AS_OF_LATER);
    expect(done.result).toMatchObject({ withLatentFactors: 60 });
    expect((await suite.app.http.get(`/api/profiles/${ids.get('k07')}`).set(auth(suite.analyst))).body.latentFactors).toEqual([7, 0]);
    // Top 10% of the 60 members with factors: the 6 with the largest first factor.
    const top = await suite.app.http
      .post('/api/segments/preview')
      .set(auth(suite.analyst))
      .send({ rule: { and: [rule, { field: 'frequency', op: 'gte', value: 0 }] }, asOf: AS_OF_LATER });
    expect(top.body.count).toBe(6);
  });

  it('suggests k with inertia and silhouette and builds cluster segments described in words', async () => {
    const suggest = await suite.app.http
      .post('/api/segments/clusters/suggest')
      .set(auth(suite.analyst))
      .send({ features: 'PROFILE', seed: 3 });
    expect(suggest.status).toBe(200);
    expect(suggest.body.choices.map((c: { k: number }) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(suggest.body.choices.every((c: { silhouette: number }) => c.silhouette > -1 && c.silhouette <= 1)).toBe(true);
    expect(
      (await suite.app.http.post('/api/segments/clusters').set(auth(suite.analyst)).send({ features: 'PROFILE', k: 2, name: 'Clusters' }))
        .status,
    ).toBe(403);
    const job = await suite.app.http
      .post('/api/segments/clusters')
      .set(auth(suite.manager))
      .send({ features: 'PROFILE', k: 2, name: 'Clusters', seed: 3 });
    expect(job.status).toBe(202);
    const done = await suite.app.waitForJob(suite.admin.token, job.body.id);
    expect(done.status).toBe('COMPLETED');
    const segments = (done.result as { segments: { size: number; description: string; name: string }[] }).segments;
    expect(segments.map((s) => s.name)).toEqual(['Clusters 1', 'Clusters 2']);
    // Every scored member (20 customers + 60 learners) lands in exactly one cluster.
    expect(segments[0].size + segments[1].size).toBe(80);
    // The learners and the retail customers differ by car interest, which the words say.
    expect(segments.map((s) => s.description).join(' | ')).toMatch(/car interest/);
    expect(segments.every((s) => /RFM \d\.\d\/\d\.\d\/\d\.\d/.test(s.description))).toBe(true);
  });
});
