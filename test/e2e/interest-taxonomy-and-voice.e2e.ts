import { beforeAll, describe, expect, it } from 'vitest';
import { auth, useTestApp } from '../support/suite';

/**
 * The interest taxonomy and the voice of the customer on the demo world,
 * through the API as a user would reach them:
 * - car interest and the car-enthusiast segment come from the taxonomy in
 *   the database: after the knowledge catalogue is re-imported with every
 *   category renamed, they collapse; once an admin maps the new names, the
 *   recompute job brings back the same members with the same car interest;
 * - only admins edit the taxonomy, and each edit is audited;
 * - the review themes of each partner name the causes the generator planted,
 *   and the partner with 50 reviews or fewer is flagged as a small sample.
 */
describe('interest taxonomy and voice of the customer', () => {
  const suite = useTestApp({
    label: 'taxonomy_voice',
    demoWorld: true,
    demoMembers: 300,
    accounts: ['ANALYST', 'MANAGER'],
    database: true,
  });
  beforeAll(async () => {
    expect((await suite.app.waitForJob(suite.admin.token, suite.app.running.demoWorldJobId!)).status).toBe('COMPLETED');
  }, 240_000);

  const job = async (id: string) => {
    const run = await suite.app.waitForJob(suite.admin.token, id);
    expect(run.status, JSON.stringify(run)).toBe('COMPLETED');
    return run;
  };
  /** Every member's car interest and the car-enthusiast segment's members, read through the API. */
  const snapshot = async (segmentId: string) => {
    const profiles = await suite.app.http.get('/api/profiles').query({ range: '[0,999]' }).set(auth(suite.analyst));
    expect(profiles.status).toBe(200);
    const members = await suite.app.http
      .get('/api/profiles')
      .query({ range: '[0,999]', filter: JSON.stringify({ segmentId }) })
      .set(auth(suite.analyst));
    return {
      carInterest: Object.fromEntries(
        (profiles.body as { memberId: string; carInterest: number }[]).map((p) => [p.memberId, p.carInterest]),
      ),
      enthusiasts: (members.body as { memberId: string }[]).map((p) => p.memberId).sort(),
    };
  };
  const materialise = async (segmentId: string) => {
    const response = await suite.app.http.post(`/api/segments/${segmentId}/materialise`).set(auth(suite.manager));
    expect(response.status).toBe(202);
    await job(response.body.jobId);
  };

  it('lets everyone read the taxonomy the demo world seeded, and only admins change it', async () => {
    const list = await suite.app.http.get('/api/interest-topics').set(auth(suite.analyst));
    expect(list.status).toBe(200);
    expect(list.body.map((t: { slug: string }) => t.slug).sort()).toEqual(['car-care', 'car-modification', 'ev', 'motorsport', 'off-road']);
    const id = list.body[0].id;
    expect((await suite.app.http.put(`/api/interest-topics/${id}`).set(auth(suite.manager)).send({ name: 'x' })).status).toBe(403);
    expect((await suite.app.http.post('/api/interest-topics').set(auth(suite.analyst)).send({ slug: 'x', name: 'x' })).status).toBe(403);
    expect((await suite.app.http.delete(`/api/interest-topics/${id}`).set(auth(suite.manager))).status).toBe(403);
    const bad = await suite.app.http.post('/api/interest-topics').set(auth(suite.admin)).send({ slug: 'Not A Slug', name: '' });
    expect(bad.status).toBe(400);
  });

  it('brings car interest and the car-enthusiast segment back to the same members after the catalogue is renamed and the new names mapped', async () => {
    const asOf = suite.app.now().toISOString().slice(0, 10);
    await job((await suite.app.http.post('/api/profiles/compute').set(auth(suite.manager)).send({ asOf })).body.id);
    const segment = await suite.app.http
      .post('/api/segments')
      .set(auth(suite.manager))
      .send({ name: 'Car enthusiasts', description: 'car interest of 30% or more', rule: { field: 'carInterest', op: 'gte', value: 0.3 } });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    await materialise(segment.body.id);
    const before = await snapshot(segment.body.id);
    expect(before.enthusiasts.length).toBeGreaterThan(20);

    // A real platform's catalogue: the same items, every category named its own way, re-imported through the API.
    const { rows: items } = await suite.db.query(
      `SELECT "externalKey", kind, title, category, tags, price::float8 AS price FROM item WHERE domain = 'KNOWLEDGE' ORDER BY id`,
    );
    const renamed = (category: string) => `kc-${category.split('').reverse().join('')}`;
    const file = JSON.stringify(items.map((i) => ({ ...i, category: renamed(i.category) })));
    const upload = await suite.app.http
      .post('/api/imports')
      .set(auth(suite.manager))
      .field('kind', 'knowledge-items')
      .attach('file', Buffer.from(file), 'catalogue.json');
    expect(upload.status, JSON.stringify(upload.body)).toBe(202);
    expect((await job(upload.body.id)).result).toMatchObject({ outcome: 'IMPORTED' });
    await job((await suite.app.http.post('/api/profiles/compute').set(auth(suite.manager)).send({ asOf })).body.id);
    await materialise(segment.body.id);
    const broken = await snapshot(segment.body.id);
    // Unmapped names are nobody's car topic: only partner purchases still count.
    expect(broken.enthusiasts.length).toBeLessThan(before.enthusiasts.length);

    const topics = (await suite.app.http.get('/api/interest-topics').set(auth(suite.admin))).body as {
      id: string;
      knowledgeCategories: string[];
    }[];
    for (const topic of topics) {
      const response = await suite.app.http
        .put(`/api/interest-topics/${topic.id}`)
        .set(auth(suite.admin))
        .send({ knowledgeCategories: topic.knowledgeCategories.map(renamed) });
      expect(response.status).toBe(200);
      // Each change queues the recompute of the members it affects, then the segments.
      const recompute = await suite.app.waitForQueuedJob(suite.admin.token, 'recompute-car-interest');
      const result = (await job(recompute)).result as { profiles: number; segmentsJobId: string };
      await job(result.segmentsJobId);
    }
    const after = await snapshot(segment.body.id);
    expect(after.enthusiasts).toEqual(before.enthusiasts);
    for (const [memberId, interest] of Object.entries(before.carInterest)) expect(after.carInterest[memberId]).toBeCloseTo(interest, 10);

    const audit = await suite.db.query(`SELECT detail FROM audit_event WHERE action = 'taxonomy.topic.update' ORDER BY "occurredAt"`);
    expect(audit.rows).toHaveLength(topics.length);
    expect(audit.rows[0].detail.before.knowledgeCategories).toEqual(topics[0].knowledgeCategories);
    expect(audit.rows[0].detail.after.knowledgeCategories).toEqual(topics[0].knowledgeCategories.map(renamed));
  }, 240_000);

  it("names the planted low-rating causes in each partner's review themes, and calls a 50-review sample small", async () => {
    const { rows: partners } = await suite.db.query(
      `SELECT p.id, p.slug, count(r.id)::int AS reviews FROM partner p JOIN partner_review r ON r."partnerId" = p.id GROUP BY p.id ORDER BY p.slug`,
    );
    expect(partners.length).toBe(3);
    for (const partner of partners) {
      const voice = await suite.app.http.get(`/api/voice/partners/${partner.id}`).set(auth(suite.analyst));
      expect(voice.status).toBe(200);
      expect(voice.body.reviews).toBe(partner.reviews);
      const low = voice.body.themes.low.map((t: { term: string }) => t.term);
      if (partner.reviews > 50) {
        expect(voice.body.smallSample).toBe(false);
        expect(low.slice(0, 2).sort()).toEqual(['fitment issues', 'shipping delay']);
        expect(voice.body.fallingItems.length).toBeGreaterThan(0);
      } else {
        expect(voice.body.smallSample).toBe(true);
        expect(voice.body.sampleNote).toMatch(/^Small sample: \d+ reviews/);
        expect(low.some((t: string) => t === 'fitment issues' || t === 'shipping delay')).toBe(true);
      }
      const example = voice.body.themes.low[0].examples[0];
      expect(example.rating).toBeLessThanOrEqual(2);
      expect(voice.body.measured.uxConsistency.score).toBeGreaterThan(0);
    }
    const signals = await suite.app.http.get('/api/voice/market-signals').set(auth(suite.analyst));
    expect(signals.status).toBe(200);
    const suspension = signals.body.find((s: { category: string }) => s.category === 'suspension');
    expect(suspension.topics).toEqual(['car-modification']);
    expect(suspension.points.length).toBeGreaterThan(3);
    expect(suspension.points.every((p: { platformInterest: number | null }) => p.platformInterest !== null && p.platformInterest > 0)).toBe(
      true,
    );
    expect((await suite.app.http.get('/api/voice/partners/not-a-partner').set(auth(suite.analyst))).status).toBeGreaterThanOrEqual(400);
    expect(
      (await suite.app.http.get(`/api/voice/partners/${partners[0].id}`).query({ from: 'yesterday' }).set(auth(suite.analyst))).status,
    ).toBe(400);
  });
});
