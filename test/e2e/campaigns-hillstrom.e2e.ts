import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import request from 'supertest';
import { readAppConfig } from '../../apps/api/src/core/config/app-config';
import { RunningCrosslane, startCrosslane } from '../../apps/api/src/core/runtime/start-crosslane';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('campaigns on real and generated data: Hillstrom reproduced, a broken split flagged, assignment the same in two processes', () => {
  let app: TestApp;
  let db: Client;
  let manager: string;
  let analyst: string;

  beforeAll(async () => {
    app = await startTestApp({ label: 'campaigns_real' });
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    manager = (await app.createAccount(admin, 'MANAGER')).token;
    analyst = (await app.createAccount(admin, 'ANALYST')).token;
    db = new Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('imports the Hillstrom e-mail test through the API and its analysis job reproduces the published figures', async () => {
    expect((await app.http.post('/api/campaigns/import/hillstrom').set(auth(analyst)).send({})).status).toBe(403);
    const started = await app.http.post('/api/campaigns/import/hillstrom').set(auth(manager)).send({});
    expect(started.status).toBe(202);
    const imported = await app.waitForJob(manager, started.body.id);
    expect(imported).toMatchObject({ status: 'COMPLETED', result: { skipped: false, members: 64_000 } });
    const campaignId = (imported.result as { campaignId: string }).campaignId;

    const queued = await app.http.post(`/api/campaigns/${campaignId}/analyses`).set(auth(analyst)).send({});
    expect((await app.waitForJob(analyst, queued.body.id)).status).toBe('COMPLETED');
    const [analysis] = (await app.http.get(`/api/campaigns/${campaignId}/analyses`).set(auth(analyst))).body;
    const { variants, comparisons } = analysis.result.analysis;
    const arm = (key: string) => variants.find((v: { key: string }) => v.key === key);
    const vs = (key: string) => comparisons.find((c: { variantKey: string }) => c.variantKey === key);

    // datasets/hillstrom/README.md: n, conversion rate and spend per customer per arm.
    expect(arm('mens')).toMatchObject({ name: 'Mens E-Mail', members: 21_307 });
    expect(arm('womens').members).toBe(21_387);
    expect(arm('control').members).toBe(21_306);
    expect(arm('mens').conversionRate.estimate).toBeCloseTo(0.012531, 6);
    expect(arm('womens').conversionRate.estimate).toBeCloseTo(0.008837, 6);
    expect(arm('control').conversionRate.estimate).toBeCloseTo(0.005726, 6);
    expect(arm('mens').revenuePerMember.estimate).toBeCloseTo(1.422617, 6);
    expect(arm('womens').revenuePerMember.estimate).toBeCloseTo(1.077202, 6);
    expect(arm('control').revenuePerMember.estimate).toBeCloseTo(0.652789, 6);
    // Mens vs control +0.681 pp, z = 7.385, p ≈ 1.52e-13; Womens +0.311 pp, z = 3.780, p ≈ 1.57e-4.
    expect(vs('mens').conversion.result.absoluteLift.estimate * 100).toBeCloseTo(0.681, 3);
    expect(vs('mens').conversion.result.z).toBeCloseTo(7.385, 3);
    expect(vs('mens').conversion.result.pValue / 1.52e-13).toBeCloseTo(1, 1);
    expect(vs('womens').conversion.result.absoluteLift.estimate * 100).toBeCloseTo(0.311, 3);
    expect(vs('womens').conversion.result.z).toBeCloseTo(3.78, 3);
    expect(vs('womens').conversion.result.pValue).toBeCloseTo(1.57e-4, 6);
    // Spend: +$0.770, t = 5.300, p ≈ 1.16e-7 (Mens); +$0.424, t = 3.256, p ≈ 0.0011 (Womens); unadjusted for CUPED.
    expect(vs('mens').revenueWithoutCuped.difference.estimate).toBeCloseTo(0.77, 3);
    expect(vs('mens').revenueWithoutCuped.t).toBeCloseTo(5.3, 3);
    expect(vs('mens').revenueWithoutCuped.pValue / 1.16e-7).toBeCloseTo(1, 1);
    expect(vs('womens').revenueWithoutCuped.difference.estimate).toBeCloseTo(0.424, 3);
    expect(vs('womens').revenueWithoutCuped.t).toBeCloseTo(3.256, 2);
    expect(vs('womens').revenueWithoutCuped.pValue).toBeCloseTo(0.0011, 4);
    // history is the pre-period covariate: CUPED is applied and reported beside the raw test.
    expect(vs('mens').revenue.cuped).toBe(true);
    expect(analysis.srmFlagged).toBe(false);
    expect(analysis.summary.split('\n')[0]).toBe('Mens E-Mail beats control on conversion by +0.68 pp [95% CI 0.50, 0.86]; safe to ship');

    // A second import finds the campaign and changes nothing.
    const again = await app.http.post('/api/campaigns/import/hillstrom').set(auth(manager)).send({});
    expect((await app.waitForJob(manager, again.body.id)).result).toMatchObject({ skipped: true, campaignId });
    expect((await db.query(`SELECT count(*)::int AS n FROM campaign_assignment WHERE "campaignId" = $1`, [campaignId])).rows[0].n).toBe(64_000);
  });

  it('refuses an uploaded Hillstrom file with a bad row, naming the row and field, and stores nothing', async () => {
    const csv = 'recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend\r\n' +
      '10,"2) $100 - $200",142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\r\n' +
      '6,"3) $200 - $350",329.08,1,1,Rural,1,Web,Kids E-Mail,0,0,0';
    await db.query(`DELETE FROM campaign WHERE name LIKE 'Hillstrom%'`);
    const started = await app.http.post('/api/campaigns/import/hillstrom').set(auth(manager)).set('Content-Type', 'text/csv').send(csv);
    expect(started.status).toBe(202);
    const job = await app.waitForJob(manager, started.body.id);
    expect(job.status).toBe('FAILED');
    expect(job.error).toContain('row 3, field segment');
    expect((await db.query(`SELECT count(*)::int AS n FROM campaign WHERE name LIKE 'Hillstrom%'`)).rows[0].n).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM pg_largeobject_metadata`)).rows[0].n).toBe(0);
  });

  it('flags a 50/50 campaign that came out 52/48 at 100,000 members as a sample ratio mismatch', async () => {
    const created = await app.http.post('/api/campaigns').set(auth(manager)).send({
      name: 'Broken split',
      objective: 'An assignment bug',
      primaryMetric: 'CONVERSION',
      variants: [
        { key: 'control', name: 'Control', isControl: true, weight: 0.5 },
        { key: 'treatment', name: 'Treatment', weight: 0.5 },
      ],
    });
    const id = created.body.id;
    await db.query(
      `INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt")
       SELECT $1, 10000000 + g, CASE WHEN g <= 52000 THEN 'control' ELSE 'treatment' END, $2::timestamptz FROM generate_series(1, 100000) g`,
      [id, app.now()],
    );
    await db.query(
      `INSERT INTO campaign_event ("eventId", "campaignId", "memberId", type, "occurredAt")
       SELECT 'srm-' || g, $1, 10000000 + g, 'CONVERSION', $2::timestamptz FROM generate_series(1, 100000, 20) g`,
      [id, app.now()],
    );
    const queued = await app.http.post(`/api/campaigns/${id}/analyses`).set(auth(analyst)).send({});
    expect((await app.waitForJob(analyst, queued.body.id)).status).toBe('COMPLETED');
    const [analysis] = (await app.http.get(`/api/campaigns/${id}/analyses`).set(auth(analyst))).body;
    expect(analysis.srmFlagged).toBe(true);
    expect(analysis.result.analysis.sampleRatioMismatch.chiSquare).toBeCloseTo(160, 6);
    expect(analysis.result.analysis.verdict).toBe('do-not-trust');
    expect(analysis.summary).toMatch(/^Do not trust this experiment: sample ratio mismatch/);
  });

  it('assigns the same member to the same variant from a second API process on the same database', async () => {
    await db.query(`INSERT INTO member ("memberKey", "joinedAt") SELECT 'xp_' || g, $1::timestamptz FROM generate_series(1, 40) g`, [app.now()]);
    const created = await app.http.post('/api/campaigns').set(auth(manager)).send({
      name: 'Two processes',
      objective: 'Sticky assignment',
      primaryMetric: 'CONVERSION',
      variants: [
        { key: 'control', name: 'Control', isControl: true, weight: 0.34 },
        { key: 'a', name: 'A', weight: 0.33 },
        { key: 'b', name: 'B', weight: 0.33 },
      ],
    });
    const id = created.body.id;
    await app.http.post(`/api/campaigns/${id}/launch`).set(auth(manager)).send({});

    // Ask the second process first for half of the members, so neither one only reads the other's rows.
    let second: RunningCrosslane | undefined;
    try {
      second = await startCrosslane(readAppConfig({ ...process.env, ...app.env, CROSSLANE_ROLE: 'api' }), () => undefined);
      const other = request(second.url!);
      const answers: Record<string, string[]> = {};
      for (let i = 1; i <= 40; i++) {
        const body = { memberKey: `xp_${i}` };
        const order = i % 2 === 0 ? [other, app.http] : [app.http, other];
        for (const client of order) {
          const response = await client.post(`/api/campaigns/${id}/assignments`).set(auth(manager)).send(body);
          expect(response.status).toBe(200);
          (answers[body.memberKey] ??= []).push(response.body.variantKey);
        }
      }
      for (const [, keys] of Object.entries(answers)) expect(new Set(keys).size).toBe(1);
      expect(new Set(Object.values(answers).map((k) => k[0])).size).toBe(3);
    } finally {
      await second?.close();
    }
  });
});
