import { describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../support/test-app';
import { useTestApp } from '../support/suite';

/** The demo world's partner side: reviews, market signals and customer lists matched to members by keyed hash. */
describe('imports: the demo world carries partner reviews, market signals and matched customer lists', () => {
  const suite = useTestApp({ label: 'demo_partner_data', demoWorld: true, demoMembers: 400, database: true });

  it('loads them with the world, matching 30-60% of each active partner list to members, with no raw identifier stored', async () => {
    const token = await suite.app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const job = await suite.app.waitForJob(token, suite.app.running.demoWorldJobId!);
    expect(job.status).toBe('COMPLETED');
    const partnerData = (job.result as { partnerData: Record<string, number> }).partnerData;
    expect(partnerData.reviews).toBeGreaterThan(100);
    expect(partnerData.marketSignals).toBeGreaterThan(50);

    const lists = await suite.db.query(`SELECT p.slug, count(*)::int AS customers, count(pc."memberId")::int AS matched
      FROM partner_customer pc JOIN partner p ON p.id = pc."partnerId" GROUP BY p.slug ORDER BY p.slug`);
    expect(lists.rows.length).toBeGreaterThanOrEqual(3);
    for (const list of lists.rows) {
      expect(list.matched / list.customers).toBeGreaterThanOrEqual(0.29);
      expect(list.matched / list.customers).toBeLessThanOrEqual(0.61);
    }
    const reviews = await suite.db.query(`SELECT count(*)::int AS n, min(rating) AS lo, max(rating) AS hi FROM partner_review`);
    expect(reviews.rows[0]).toMatchObject({ lo: 1, hi: 5 });
    const hashed = await suite.db.query(`SELECT count(*)::int AS n FROM member WHERE "emailHash" IS NOT NULL OR "phoneHash" IS NOT NULL`);
    expect(hashed.rows[0].n).toBeGreaterThan(200);
    const everything =
      JSON.stringify((await suite.db.query('SELECT "emailHash", "phoneHash" FROM member')).rows) +
      JSON.stringify((await suite.db.query('SELECT "matchHash" FROM partner_customer')).rows);
    expect(everything).not.toMatch(/@|example|\+86/);
  });
});
