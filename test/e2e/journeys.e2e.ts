import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAR_KNOWLEDGE_CATEGORIES } from '@crosslane/domain-demo-world';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

/**
 * Funnels and retention cohorts on a generated demo world, checked against
 * hand-written SQL that computes the same figures another way (one
 * correlated subquery per step and member, the way an analyst would write
 * it by hand), plus the 400s the issue names and the drop-off segment.
 */
const MEMBERS = 1500;
const WINDOW_DAYS = 14;
const CAR = [...CAR_KNOWLEDGE_CATEGORIES];

describe('funnels and retention on the demo world', () => {
  let app: TestApp;
  let db: Client;
  let analyst: string;
  let from: string;
  let to: string;
  const auth = () => ({ Authorization: `Bearer ${analyst}` });

  const carFunnel = () => ({
    steps: [
      { type: 'VIEW', kind: 'course', categories: CAR },
      { type: 'ENROL', kind: 'course', categories: CAR },
      { type: 'VIEW', domain: 'PARTNER', kind: 'kit' },
      { type: 'PURCHASE', domain: 'PARTNER', kind: 'kit' },
    ],
    windowDays: WINDOW_DAYS,
    order: 'strict',
  });

  beforeAll(async () => {
    app = await startTestApp({ label: 'journeys', demoWorld: true, demoMembers: MEMBERS });
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    analyst = (await app.createAccount(admin, 'ANALYST')).token;
    await app.waitForJob(analyst, app.running.demoWorldJobId!, undefined, 240_000);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const now = app.now();
    to = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
    from = new Date(now.getTime() - 180 * 86_400_000).toISOString();
  }, 300_000);
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  /** The same funnel, by hand: entry, then the first next step after the previous one within 14 days of entering. */
  const handFunnel = async () => {
    const step = (type: string, filter: string, after: string) =>
      `(SELECT min(i."occurredAt") FROM interaction i JOIN item it ON it.id = i."itemId"
        WHERE i."memberId" = s.m AND i.type = '${type}' AND ${filter} AND i."occurredAt" > ${after} AND i."occurredAt" <= s.t1 + interval '${WINDOW_DAYS} days')`;
    const result = await db.query(
      `WITH s1 AS (SELECT i."memberId" AS m, min(i."occurredAt") AS t1 FROM interaction i JOIN item it ON it.id = i."itemId"
                   WHERE i.type = 'VIEW' AND it.kind = 'course' AND it.category = ANY($1::text[]) AND i."occurredAt" >= $2::timestamp AND i."occurredAt" < $3::timestamp GROUP BY 1),
            s2 AS (SELECT s.*, ${step('ENROL', `it.kind = 'course' AND it.category = ANY($1::text[])`, 's.t1')} AS t2 FROM s1 s),
            s3 AS (SELECT s.*, ${step('VIEW', `it.domain = 'PARTNER' AND it.kind = 'kit'`, 's.t2')} AS t3 FROM s2 s),
            s4 AS (SELECT s.*, ${step('PURCHASE', `it.domain = 'PARTNER' AND it.kind = 'kit'`, 's.t3')} AS t4 FROM s3 s)
       SELECT count(*)::int AS c1, count(t2)::int AS c2, count(t3)::int AS c3, count(t4)::int AS c4,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t2 - t1)) AS p50_2,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t3 - t2)) AS p90_3
       FROM s4`,
      [CAR, from, to],
    );
    return result.rows[0];
  };

  it('counts a car-course-to-kit funnel exactly as the hand-written query does, with Wilson intervals', async () => {
    const response = await app.http.post('/api/funnels/run').set(auth()).send({ definition: carFunnel(), range: { from, to } });
    expect(response.status).toBe(200);
    expect(response.body.mode).toBe('live');
    const [group] = response.body.result.groups;
    const hand = await handFunnel();
    expect(group.steps.map((s: { reached: number }) => s.reached)).toEqual([hand.c1, hand.c2, hand.c3, hand.c4]);
    expect(group.steps[1].medianSeconds).toBeCloseTo(Number(hand.p50_2), 3);
    expect(group.steps[2].p90Seconds).toBeCloseTo(Number(hand.p90_3), 3);
    expect(hand.c1).toBeGreaterThan(50);
    // Wilson intervals around the step-to-step rate.
    const s4 = group.steps[3];
    expect(s4.fromPrevious.rate).toBeCloseTo(hand.c4 / hand.c3, 10);
    expect(s4.fromPrevious.low).toBeLessThanOrEqual(s4.fromPrevious.rate);
    expect(s4.fromPrevious.high).toBeGreaterThan(s4.fromPrevious.rate);
  });

  it('tells the story the generator planted: car-course learners look at the kit the course leads to, then drop before buying it', async () => {
    const learners = { ...carFunnel(), steps: carFunnel().steps.slice(1) };
    const response = await app.http.post('/api/funnels/run').set(auth()).send({ definition: learners, range: { from, to } });
    const [group] = response.body.result.groups;
    expect(group.entered).toBeGreaterThan(100);
    // Many learners go and look at a kit within the fortnight (those who let partner-store visits reach us) ...
    expect(group.steps[1].fromPrevious.low).toBeGreaterThan(0.15);
    // ... and the purchase is where they are lost: the biggest drop-off, named.
    expect(group.biggestDropOff).toMatchObject({ index: 2, label: 'PURCHASE · PARTNER · kit' });
    expect(group.steps[2].fromPrevious.high).toBeLessThan(0.25);
  });

  it('counts weekly retention cohorts exactly as the hand-written query does', async () => {
    const response = await app.http
      .post('/api/retention/run')
      .set(auth())
      .send({ anchor: 'firstInteraction', period: 'week', periods: 8, range: { from, to: app.now().toISOString() } });
    expect(response.status).toBe(200);
    const [group] = response.body.result.groups;
    const hand = await db.query(
      `WITH f AS (SELECT "memberId" AS m, date_trunc('week', min("occurredAt")) AS c FROM interaction WHERE "occurredAt" < $2::timestamp GROUP BY 1),
            a AS (SELECT DISTINCT "memberId" AS m, date_trunc('week', "occurredAt") AS p FROM interaction WHERE "occurredAt" < $2::timestamp)
       SELECT to_char(f.c, 'YYYY-MM-DD') AS cohort, ((a.p::date - f.c::date) / 7) AS off, count(*)::int AS n
       FROM f JOIN a ON a.m = f.m WHERE f.c >= date_trunc('week', $1::timestamp) AND f.c < $2::timestamp GROUP BY 1, 2`,
      [from, app.now().toISOString()],
    );
    const cells = new Map(hand.rows.map((r) => [`${r.cohort}/${r.off}`, r.n as number]));
    let compared = 0;
    for (const cohort of group.cohorts as { cohort: string; size: number; active: (number | null)[] }[]) {
      expect(cohort.size).toBe(cells.get(`${cohort.cohort}/0`));
      cohort.active.forEach((active, offset) => {
        if (active === null) return;
        expect(active).toBe(cells.get(`${cohort.cohort}/${offset}`) ?? 0);
        compared += 1;
      });
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('refuses an empty funnel, a 0-day window, an impossible order and unknown partners and items with a 400 naming the step', async () => {
    const run = (definition: unknown) => app.http.post('/api/funnels/run').set(auth()).send({ definition, range: { from, to } });
    const empty = await run({ steps: [], windowDays: 14, order: 'strict' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('definition.steps: a funnel needs at least 1 step');

    const zero = await run({ ...carFunnel(), windowDays: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.fields).toEqual([{ field: 'definition.windowDays', message: 'must be a whole number of days from 1 to 365' }]);

    const item = (await db.query(`SELECT id::text FROM item WHERE domain = 'KNOWLEDGE' AND kind = 'course' ORDER BY id LIMIT 1`)).rows[0]
      .id;
    const impossible = await run({
      steps: [
        { type: 'RATING', itemId: item },
        { type: 'ENROL', itemId: item },
      ],
      windowDays: 14,
      order: 'strict',
    });
    expect(impossible.status).toBe(400);
    expect(impossible.body.fields[0].field).toBe('definition.steps[1].type');
    expect(impossible.body.message).toContain('a member rates only what they enrolled in or bought');

    const partner = await run({
      ...carFunnel(),
      steps: [...carFunnel().steps.slice(0, 3), { type: 'PURCHASE', partnerId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(partner.status).toBe(400);
    expect(partner.body.fields).toEqual([
      { field: 'definition.steps[3].partnerId', message: 'unknown partner 00000000-0000-4000-8000-000000000000' },
    ]);

    const unknownItem = await run({ ...carFunnel(), steps: [{ type: 'VIEW', itemId: '999999999' }] });
    expect(unknownItem.status).toBe(400);
    expect(unknownItem.body.fields).toEqual([{ field: 'definition.steps[0].itemId', message: 'unknown item 999999999' }]);
  });

  it('answers a date range with no data with zeros, not an error', async () => {
    const response = await app.http
      .post('/api/funnels/run')
      .set(auth())
      .send({ definition: carFunnel(), range: { from: '2001-01-01', to: '2001-02-01' } });
    expect(response.status).toBe(200);
    const [group] = response.body.result.groups;
    expect(group.entered).toBe(0);
    expect(group.steps.map((s: { reached: number }) => s.reached)).toEqual([0, 0, 0, 0]);
    expect(group.biggestDropOff).toBeNull();
  });

  it('breaks the funnel down by domain and runs it as a job when asked, with the same numbers', async () => {
    const live = await app.http
      .post('/api/funnels/run')
      .set(auth())
      .send({ definition: carFunnel(), range: { from, to }, breakdown: { by: 'domain' } });
    expect(live.status).toBe(200);
    const queued = await app.http
      .post('/api/funnels/run')
      .set(auth())
      .send({ definition: carFunnel(), range: { from, to }, breakdown: { by: 'domain' }, mode: 'job' });
    expect(queued.body.mode).toBe('job');
    const job = await app.waitForJob(analyst, queued.body.jobId);
    expect(job.status).toBe('COMPLETED');
    expect((job.result as { groups: unknown }).groups).toEqual(live.body.result.groups);
  });

  it('turns the drop-off before the kit purchase into a segment of exactly the members who dropped', async () => {
    const response = await app.http
      .post('/api/funnels/drop-off-segment')
      .set(auth())
      .send({ definition: carFunnel(), step: 3, name: 'Looked at a kit, did not buy in 14 days', days: 90 });
    expect(response.status).toBe(201);
    expect(response.body.rule).toEqual({
      dropOff: {
        reached: { type: 'VIEW', domain: 'PARTNER', kind: 'kit' },
        notFollowedBy: { type: 'PURCHASE', domain: 'PARTNER', kind: 'kit' },
        withinDays: 14,
        days: 90,
      },
    });
    const now = app.now().toISOString();
    const hand = await db.query(
      `WITH f AS (SELECT i."memberId" AS m, min(i."occurredAt") AS t FROM interaction i JOIN item it ON it.id = i."itemId"
                  WHERE i.type = 'VIEW' AND it.domain = 'PARTNER' AND it.kind = 'kit' AND i."occurredAt" >= $1::timestamp - interval '90 days' AND i."occurredAt" < $1::timestamp GROUP BY 1)
       SELECT count(*)::int AS n FROM f WHERE NOT EXISTS (SELECT 1 FROM interaction i JOIN item it ON it.id = i."itemId"
         WHERE i."memberId" = f.m AND i.type = 'PURCHASE' AND it.domain = 'PARTNER' AND it.kind = 'kit' AND i."occurredAt" > f.t AND i."occurredAt" <= f.t + interval '14 days' AND i."occurredAt" < $1::timestamp)`,
      [now],
    );
    const preview = await app.http.post('/api/segments/preview').set(auth()).send({ rule: response.body.rule });
    expect(preview.body.count).toBe(hand.rows[0].n);
    expect(hand.rows[0].n).toBeGreaterThan(0);
    const audit = await db.query(`SELECT action FROM audit_event WHERE "entityId" = $1 ORDER BY id`, [response.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['segment.create', 'funnel.drop-off-segment']);
  });

  it('saves a funnel for an analyst, and refuses another analyst changing it', async () => {
    const saved = await app.http.post('/api/funnels').set(auth()).send({ name: 'Car course to kit', definition: carFunnel() });
    expect(saved.status).toBe(201);
    const list = await app.http.get('/api/funnels').set(auth());
    expect(list.body.map((f: { name: string }) => f.name)).toContain('Car course to kit');
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const other = (await app.createAccount(admin, 'ANALYST')).token;
    const refused = await app.http.delete(`/api/funnels/${saved.body.id}`).set({ Authorization: `Bearer ${other}` });
    expect(refused.status).toBe(403);
  });
});
