import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { readAppConfig } from '../../apps/api/src/core/config/app-config';
import { RunningCrosslane, startCrosslane } from '../../apps/api/src/bootstrap/start-crosslane';
import { auth, useTestApp } from '../support/suite';

describe('campaigns on real and generated data: Hillstrom reproduced, a broken split flagged, assignment the same in two processes', () => {
  const suite = useTestApp({ label: 'campaigns_real', accounts: ['MANAGER', 'ANALYST'], database: true });

  it('imports the Hillstrom e-mail test through the general finished-test import (its saved mapping on the shipped file) and reproduces the published figures', async () => {
    expect((await suite.app.http.post('/api/campaigns/import/hillstrom').set(auth(suite.analyst)).send({})).status).toBe(403);
    const started = await suite.app.http.post('/api/campaigns/import/hillstrom').set(auth(suite.manager)).send({});
    expect(started.status).toBe(202);
    const imported = await suite.app.waitForJob(suite.manager.token, started.body.id);
    expect(imported).toMatchObject({
      status: 'COMPLETED',
      result: { kind: 'finished-test', outcome: 'IMPORTED', rowsRead: 64_000, inserted: 64_000, rejected: 0 },
    });
    const campaignId = (imported.result as { campaignId: string }).campaignId;
    // External units: the 64,000 customers never become platform members.
    expect((await suite.db.query('SELECT count(*)::int AS n FROM member')).rows[0].n).toBe(0);

    const queued = await suite.app.http.post(`/api/campaigns/${campaignId}/analyses`).set(auth(suite.analyst)).send({});
    expect((await suite.app.waitForJob(suite.analyst.token, queued.body.id)).status).toBe('COMPLETED');
    const [analysis] = (await suite.app.http.get(`/api/campaigns/${campaignId}/analyses`).set(auth(suite.analyst))).body;
    type Metric = {
      name: string;
      arms: { key: string; n: number; value: { estimate: number } }[];
      comparisons: {
        variantKey: string;
        test: { value: number; pTwoSided: number; difference: { estimate: number } };
        cuped: { withoutCuped: { value: number; pTwoSided: number; difference: { estimate: number } } } | null;
      }[];
    };
    const metric = (name: string) => analysis.result.metrics.find((m: Metric) => m.name === name) as Metric;
    const arm = (name: string, key: string) => metric(name).arms.find((a) => a.key === key)!;
    const vs = (name: string, key: string) => metric(name).comparisons.find((c) => c.variantKey === key)!;

    // datasets/hillstrom/README.md: n, conversion rate and spend per customer per arm.
    expect(analysis.result.arms.map((a: { key: string; units: number }) => [a.key, a.units])).toEqual([
      ['control', 21_306],
      ['mens', 21_307],
      ['womens', 21_387],
    ]);
    expect(arm('conversion', 'mens').value.estimate).toBeCloseTo(0.012531, 6);
    expect(arm('conversion', 'womens').value.estimate).toBeCloseTo(0.008837, 6);
    expect(arm('conversion', 'control').value.estimate).toBeCloseTo(0.005726, 6);
    expect(arm('spend', 'mens').value.estimate).toBeCloseTo(1.422617, 6);
    expect(arm('spend', 'womens').value.estimate).toBeCloseTo(1.077202, 6);
    expect(arm('spend', 'control').value.estimate).toBeCloseTo(0.652789, 6);
    // Mens vs control +0.681 pp, z = 7.385, p ≈ 1.52e-13; Womens +0.311 pp, z = 3.780, p ≈ 1.57e-4.
    expect(vs('conversion', 'mens').test.difference.estimate * 100).toBeCloseTo(0.681, 3);
    expect(vs('conversion', 'mens').test.value).toBeCloseTo(7.385, 3);
    expect(vs('conversion', 'mens').test.pTwoSided / 1.52e-13).toBeCloseTo(1, 1);
    expect(vs('conversion', 'womens').test.difference.estimate * 100).toBeCloseTo(0.311, 3);
    expect(vs('conversion', 'womens').test.value).toBeCloseTo(3.78, 3);
    expect(vs('conversion', 'womens').test.pTwoSided).toBeCloseTo(1.57e-4, 6);
    // Visit rate z: Mens 22.49, Womens 13.95.
    expect(vs('visit', 'mens').test.value).toBeCloseTo(22.49, 2);
    expect(vs('visit', 'womens').test.value).toBeCloseTo(13.95, 2);
    // Spend: +$0.770, t = 5.300, p ≈ 1.16e-7 (Mens); +$0.424, t = 3.256, p ≈ 0.0011 (Womens): Welch, before CUPED.
    const mensSpend = vs('spend', 'mens').cuped!.withoutCuped;
    expect(mensSpend.difference.estimate).toBeCloseTo(0.77, 3);
    expect(mensSpend.value).toBeCloseTo(5.3, 3);
    expect(mensSpend.pTwoSided / 1.16e-7).toBeCloseTo(1, 1);
    const womensSpend = vs('spend', 'womens').cuped!.withoutCuped;
    expect(womensSpend.difference.estimate).toBeCloseTo(0.424, 3);
    expect(womensSpend.value).toBeCloseTo(3.256, 2);
    expect(womensSpend.pTwoSided).toBeCloseTo(0.0011, 4);
    expect(analysis.srmFlagged).toBe(false);
    // Conversion is the one primary metric over two treatments: Holm over 2 comparisons; visit and spend are exploratory.
    expect(analysis.result.families).toMatchObject({
      primary: { comparisons: 2, label: 'Holm over 2 comparisons' },
      secondary: { comparisons: 4 },
    });
    expect(analysis.summary.split('\n')[0]).toBe(
      'Mens E-Mail vs No E-Mail on conversion: 1.25% (267 of 21,307) vs 0.57% (122 of 21,306), +0.68 pp [95% CI 0.50, 0.86], p < 0.0001 (Holm over 2 comparisons: adjusted p < 0.0001); Mens E-Mail beats No E-Mail on conversion; safe to ship',
    );

    // A second run finds the campaign and changes nothing.
    const again = await suite.app.http.post('/api/campaigns/import/hillstrom').set(auth(suite.manager)).send({});
    expect((await suite.app.waitForJob(suite.manager.token, again.body.id)).result).toMatchObject({ skipped: true, campaignId });
    expect((await suite.db.query(`SELECT count(*)::int AS n FROM experiment_unit WHERE "campaignId" = $1`, [campaignId])).rows[0].n).toBe(
      64_000,
    );
  });

  it('refuses an uploaded Hillstrom file with a bad row as every import does: outcome REJECTED, the row and field named, nothing stored', async () => {
    const csv =
      'recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend\r\n' +
      '10,"2) $100 - $200",142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\r\n' +
      '6,"3) $200 - $350",329.08,1,1,Rural,1,Web,Kids E-Mail,0,0,0';
    await suite.db.query(`DELETE FROM campaign WHERE name LIKE 'Hillstrom%'`);
    const started = await suite.postCsv('/api/campaigns/import/hillstrom', suite.manager, csv);
    expect(started.status).toBe(202);
    const job = await suite.app.waitForJob(suite.manager.token, started.body.id);
    expect(job).toMatchObject({
      status: 'COMPLETED',
      result: { outcome: 'REJECTED', rowsRead: 2, rejected: 1, rejectionsByReason: { 'unknown arm': 1 } },
    });
    expect((job.result as { firstRejections: string[] }).firstRejections[0]).toContain('row 3, field segment');
    expect((await suite.db.query(`SELECT count(*)::int AS n FROM campaign WHERE name LIKE 'Hillstrom%'`)).rows[0].n).toBe(0);
    expect((await suite.db.query(`SELECT count(*)::int AS n FROM pg_largeobject_metadata`)).rows[0].n).toBe(0);
  });

  it('flags a 50/50 campaign that came out 52/48 at 100,000 members as a sample ratio mismatch', async () => {
    const created = await suite.app.http
      .post('/api/campaigns')
      .set(auth(suite.manager))
      .send({
        name: 'Broken split',
        objective: 'An assignment bug',
        primaryMetric: 'CONVERSION',
        variants: [
          { key: 'control', name: 'Control', isControl: true, weight: 0.5 },
          { key: 'treatment', name: 'Treatment', weight: 0.5 },
        ],
      });
    const id = created.body.id;
    await suite.db.query(
      `INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt")
       SELECT $1, 10000000 + g, CASE WHEN g <= 52000 THEN 'control' ELSE 'treatment' END, $2::timestamptz FROM generate_series(1, 100000) g`,
      [id, suite.app.now()],
    );
    await suite.db.query(
      `INSERT INTO campaign_event ("eventId", "campaignId", "memberId", type, "occurredAt")
       SELECT 'srm-' || g, $1, 10000000 + g, 'CONVERSION', $2::timestamptz FROM generate_series(1, 100000, 20) g`,
      [id, suite.app.now()],
    );
    const queued = await suite.app.http.post(`/api/campaigns/${id}/analyses`).set(auth(suite.analyst)).send({});
    expect((await suite.app.waitForJob(suite.analyst.token, queued.body.id)).status).toBe('COMPLETED');
    const [analysis] = (await suite.app.http.get(`/api/campaigns/${id}/analyses`).set(auth(suite.analyst))).body;
    expect(analysis.srmFlagged).toBe(true);
    expect(analysis.result.analysis.sampleRatioMismatch.chiSquare).toBeCloseTo(160, 6);
    expect(analysis.result.analysis.verdict).toBe('do-not-trust');
    expect(analysis.summary).toMatch(/^Do not trust this experiment: sample ratio mismatch/);
  });

  it('assigns the same member to the same variant from a second API process on the same database', async () => {
    await suite.db.query(`INSERT INTO member ("memberKey", "joinedAt") SELECT 'xp_' || g, $1::timestamptz FROM generate_series(1, 40) g`, [
      suite.app.now(),
    ]);
    const created = await suite.app.http
      .post('/api/campaigns')
      .set(auth(suite.manager))
      .send({
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
    await suite.app.http.post(`/api/campaigns/${id}/launch`).set(auth(suite.manager)).send({});

    // Ask the second process first for half of the members, so neither one only reads the other's rows.
    let second: RunningCrosslane | undefined;
    try {
      second = await startCrosslane(readAppConfig({ ...process.env, ...suite.app.env, CROSSLANE_ROLE: 'api' }), () => undefined);
      const other = request(second.url!);
      const answers: Record<string, string[]> = {};
      for (let i = 1; i <= 40; i++) {
        const body = { memberKey: `xp_${i}` };
        const order = i % 2 === 0 ? [other, suite.app.http] : [suite.app.http, other];
        for (const client of order) {
          const response = await client.post(`/api/campaigns/${id}/assignments`).set(auth(suite.manager)).send(body);
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
