import { beforeAll, describe, expect, it } from 'vitest';
import { auth, useTestApp } from '../support/suite';

/** Two binary metrics (the decision family: Holm over 2 comparisons) and a mean of spend per member. */
const plan = (convertedHypothesis: 'two-sided' | 'one-sided') => [
  { name: 'converted', kind: 'binary', direction: 'increase', role: 'primary', hypothesis: convertedHypothesis, eventType: 'CONVERSION' },
  { name: 'clicked', kind: 'binary', direction: 'increase', role: 'primary', eventType: 'CLICK' },
  { name: 'spend', kind: 'mean', direction: 'increase', role: 'secondary', eventType: 'REVENUE', measure: 'sum' },
];

const draft = (name: string, metrics: unknown) => ({
  name,
  objective: 'Named metrics on a live campaign',
  primaryMetric: 'CONVERSION',
  metrics,
  variants: [
    { key: 'control', name: 'Holdout', isControl: true, weight: 0.5 },
    { key: 'kit', name: 'Kit trial', weight: 0.5 },
  ],
});

/**
 * Each arm's members, in member order, act by their index i in the arm:
 * control converts when i % 10 < 2, treatment when i % 10 < 3; both arms click when i % 5 < 2, and
 * treatment members also when i % 10 == 9; every converter spends 10 + (i % 3) * 5, in two events when
 * i % 3 == 2 (so the mean sums a member's events).
 */
function eventsFor(rows: { memberKey: string; variantKey: string }[], at: string) {
  const index = new Map<string, number>();
  return rows.flatMap((r) => {
    const i = index.get(r.variantKey) ?? 0;
    index.set(r.variantKey, i + 1);
    const kit = r.variantKey === 'kit';
    const events: Record<string, unknown>[] = [{ eventId: `x-${r.memberKey}`, memberKey: r.memberKey, type: 'EXPOSURE', occurredAt: at }];
    if ((kit && i % 10 < 3) || (!kit && i % 10 < 2)) {
      events.push({ eventId: `c-${r.memberKey}`, memberKey: r.memberKey, type: 'CONVERSION', occurredAt: at });
      const spend = 10 + (i % 3) * 5;
      if (i % 3 === 2) {
        events.push({ eventId: `r1-${r.memberKey}`, memberKey: r.memberKey, type: 'REVENUE', value: spend - 8, occurredAt: at });
        events.push({ eventId: `r2-${r.memberKey}`, memberKey: r.memberKey, type: 'REVENUE', value: 8, occurredAt: at });
      } else {
        events.push({ eventId: `r-${r.memberKey}`, memberKey: r.memberKey, type: 'REVENUE', value: spend, occurredAt: at });
      }
    }
    if (i % 5 < 2 || (kit && i % 10 === 9))
      events.push({ eventId: `k-${r.memberKey}`, memberKey: r.memberKey, type: 'CLICK', occurredAt: at });
    return events;
  });
}

describe('campaigns: a live campaign analysed on its declared named metrics', () => {
  const suite = useTestApp({ label: 'named-metrics', accounts: ['MANAGER', 'ANALYST'], database: true });
  let twoSided: string;
  let oneSided: string;

  beforeAll(async () => {
    await suite.db.query(
      `INSERT INTO member ("memberKey", "joinedAt") SELECT 'nm_' || g, '2026-01-01T00:00:00Z' FROM generate_series(1, 400) g`,
    );
  });

  it('refuses a metric plan that does not say which events it reads, naming the field, and stores nothing', async () => {
    const bad = await suite.app.http
      .post('/api/campaigns')
      .set(auth(suite.manager))
      .send(draft('Bad plan', [{ name: 'spend', kind: 'mean', direction: 'increase', role: 'primary', eventType: 'REVENUE' }]));
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toContainEqual({
      field: 'metrics[0].measure',
      message: 'metrics[0].measure must be one of count, sum for a mean metric',
    });
    expect((await suite.db.query('SELECT count(*)::int AS n FROM campaign')).rows[0].n).toBe(0);
  });

  it('stores the plan on create and lets a DRAFT change it (audited); the campaign shows the plan', async () => {
    const created = await suite.app.http
      .post('/api/campaigns')
      .set(auth(suite.manager))
      .send(draft('Kit trial, two-sided', plan('one-sided')));
    expect(created.status).toBe(201);
    twoSided = created.body.id;
    const edited = await suite.app.http
      .put(`/api/campaigns/${twoSided}`)
      .set(auth(suite.manager))
      .send({ metrics: plan('two-sided') });
    expect(edited.status).toBe(200);
    expect(edited.body.metrics).toEqual(plan('two-sided'));
    const audit = await suite.app.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'campaign.update' }) })
      .set(auth(suite.admin));
    expect(audit.body[0]).toMatchObject({
      entityId: twoSided,
      outcome: 'SUCCESS',
      detail: { metricsBefore: plan('one-sided'), metrics: plan('two-sided') },
    });
    expect((await suite.app.http.get(`/api/campaigns/${twoSided}`).set(auth(suite.analyst))).body.metrics).toEqual(plan('two-sided'));

    oneSided = (
      await suite.app.http
        .post('/api/campaigns')
        .set(auth(suite.manager))
        .send(draft('Kit trial, one-sided', plan('one-sided')))
    ).body.id;
    // Both campaigns hash members with the same salt, so they split the 400 members identically, on every run.
    await suite.db.query(`UPDATE campaign SET salt = 'e2e-named-metrics'`);
    for (const id of [twoSided, oneSided]) {
      expect(
        (
          await suite.app.http
            .post(`/api/campaigns/${id}/launch`)
            .set(auth(suite.manager))
            .send({ overrideReason: 'e2e: small test population' })
        ).status,
      ).toBe(200);
    }
    const jobs = await suite.app.http
      .get('/api/jobs')
      .query({ filter: JSON.stringify({ name: 'assign-campaign-segment' }) })
      .set(auth(suite.admin));
    for (const job of jobs.body)
      expect(await suite.app.waitForJob(suite.admin.token, job.id)).toMatchObject({ status: 'COMPLETED', result: { total: 400 } });
  });

  it('freezes the plan at launch: changing a hypothesis or a metric answers 409 naming the rule; resending the same plan is accepted', async () => {
    const refused = await suite.app.http
      .put(`/api/campaigns/${twoSided}`)
      .set(auth(suite.manager))
      .send({ metrics: plan('one-sided') });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'The metric plan (metrics, roles, directions and hypotheses) is fixed before launch and can change only while a campaign is DRAFT; this one is RUNNING',
    );
    expect(refused.body.fields).toEqual([{ field: 'metrics', message: 'frozen: the campaign is RUNNING' }]);
    const dropped = await suite.app.http.put(`/api/campaigns/${twoSided}`).set(auth(suite.manager)).send({ metrics: null });
    expect(dropped.status).toBe(409);
    expect((await suite.app.http.get(`/api/campaigns/${twoSided}`).set(auth(suite.analyst))).body.metrics).toEqual(plan('two-sided'));
    const audit = await suite.app.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'campaign.update' }) })
      .set(auth(suite.admin));
    expect(
      audit.body.filter((e: { outcome: string; entityId: string }) => e.outcome === 'FAILURE' && e.entityId === twoSided),
    ).toHaveLength(2);
    const same = await suite.app.http
      .put(`/api/campaigns/${twoSided}`)
      .set(auth(suite.manager))
      .send({ name: 'Kit trial, two-sided (renamed)', metrics: plan('two-sided') });
    expect(same.status).toBe(200);
    expect(same.body.name).toBe('Kit trial, two-sided (renamed)');
  });

  it('computes each declared metric from the events and analyses them like an imported test (figures computed by hand)', async () => {
    const at = '2026-02-01T12:00:00Z';
    for (const id of [twoSided, oneSided]) {
      const { rows } = await suite.db.query(
        `SELECT m."memberKey", a."variantKey" FROM campaign_assignment a JOIN member m ON m.id = a."memberId" WHERE a."campaignId" = $1 ORDER BY m.id`,
        [id],
      );
      const posted = await suite.app.http.post(`/api/campaigns/${id}/events`).set(auth(suite.manager)).send(eventsFor(rows, at));
      expect(posted.status).toBe(200);
      expect(posted.body.rejected).toEqual([]);
    }
    const reports: Record<string, { result: Record<string, unknown>; summary: string }> = {};
    for (const id of [twoSided, oneSided]) {
      const queued = await suite.app.http.post(`/api/campaigns/${id}/analyses`).set(auth(suite.analyst)).send({});
      expect(queued.status).toBe(202);
      expect(await suite.app.waitForJob(suite.analyst.token, queued.body.id)).toMatchObject({ status: 'COMPLETED' });
      reports[id] = (await suite.app.http.get(`/api/campaigns/${id}/analyses`).set(auth(suite.analyst))).body[0];
    }
    type Metric = {
      name: string;
      arms: { key: string; n: number; successes: number | null; value: { estimate: number }; standardDeviation: number | null }[];
      comparisons: {
        test: { value: number; pTwoSided: number; pOneSided: number; degreesOfFreedom: number | null };
        pValue: number;
        adjustedPValue: number;
      }[];
    };
    const metric = (id: string, name: string) => (reports[id].result.metrics as Metric[]).find((m) => m.name === name) as Metric;
    const close = (actual: number, expected: number) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-9);

    // The salt pinned above splits the 400 members 208 (Holdout) / 192 (Kit trial). Expected figures computed by hand
    // from the event rules of eventsFor, with scipy 1.17 (pooled two-proportion z; stats.ttest_ind(equal_var=False);
    // one-sided p = norm.sf(z), t.sf(t, df); Holm by hand).
    const converted = metric(twoSided, 'converted');
    expect(converted.arms.map((a) => [a.key, a.n, a.successes])).toEqual([
      ['control', 208, 42],
      ['kit', 192, 59],
    ]);
    close(converted.comparisons[0].test.value, 2.423411497062734);
    close(converted.comparisons[0].pValue, 0.015375499213910683);
    const clicked = metric(twoSided, 'clicked');
    expect(clicked.arms.map((a) => [a.n, a.successes])).toEqual([
      [208, 84],
      [192, 97],
    ]);
    close(clicked.comparisons[0].test.value, 2.0348241006173278);
    close(clicked.comparisons[0].pValue, 0.04186857515107583);
    // Holm over the two primary comparisons: 2 x 0.015375 = 0.030751, then max(0.030751, 0.041869).
    close(converted.comparisons[0].adjustedPValue, 2 * 0.015375499213910683);
    close(clicked.comparisons[0].adjustedPValue, 0.04186857515107583);
    const spend = metric(twoSided, 'spend');
    close(spend.arms[0].value.estimate, 3.0288461538461537);
    close(spend.arms[1].value.estimate, 4.635416666666667);
    close(spend.arms[0].standardDeviation as number, 6.309959508615852);
    close(spend.arms[1].standardDeviation as number, 7.3343769089292);
    close(spend.comparisons[0].test.value, 2.3394616192505984);
    close(spend.comparisons[0].test.degreesOfFreedom as number, 378.23751459027216);
    close(spend.comparisons[0].pValue, 0.01983121990208059);
    // The only secondary metric: a family of one, so its adjusted p is its raw p.
    close(spend.comparisons[0].adjustedPValue, 0.01983121990208059);
    expect(reports[twoSided].result.families).toMatchObject({
      primary: { label: 'Holm over 2 comparisons' },
      secondary: { label: '1 comparison, no adjustment, exploratory' },
    });
    expect(reports[twoSided].summary).toContain('Kit trial vs Holdout on converted: 30.73% (59 of 192) vs 20.19% (42 of 208)');

    // Same members, same events: declaring 'converted' one-sided (increase is good) halves its p, z unchanged, and Holm
    // now starts from the smaller p; 'clicked' stays two-sided.
    const convertedOneSided = metric(oneSided, 'converted');
    close(convertedOneSided.comparisons[0].test.value, 2.423411497062734);
    close(convertedOneSided.comparisons[0].pValue, 0.007687749606955342);
    close(convertedOneSided.comparisons[0].adjustedPValue, 2 * 0.007687749606955342);
    close(metric(oneSided, 'clicked').comparisons[0].pValue, 0.04186857515107583);
  });

  it('keeps the built-in metrics for a live campaign that declares none', async () => {
    const plain = await suite.app.http.post('/api/campaigns').set(auth(suite.manager)).send(draft('No plan', null));
    expect(plain.status).toBe(201);
    expect(plain.body.metrics).toBeNull();
    await suite.db.query(
      `INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey") SELECT $1, id, CASE WHEN id % 2 = 0 THEN 'control' ELSE 'kit' END FROM member`,
      [plain.body.id],
    );
    const queued = await suite.app.http.post(`/api/campaigns/${plain.body.id}/analyses`).set(auth(suite.analyst)).send({});
    expect(await suite.app.waitForJob(suite.analyst.token, queued.body.id)).toMatchObject({ status: 'COMPLETED' });
    const report = (await suite.app.http.get(`/api/campaigns/${plain.body.id}/analyses`).set(auth(suite.analyst))).body[0].result;
    expect(report.kind).not.toBe('named-metrics');
    expect(report.analysis.variants.map((v: { members: number }) => v.members)).toEqual([200, 200]);
  });
});
