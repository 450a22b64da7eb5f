import { describe, expect, it } from 'vitest';
import { AnalyseRunningCampaignsCron } from '../../apps/api/src/modules/campaigns/crons/analyse-running-campaigns.cron';
import { auth, useTestApp } from '../support/suite';

describe('campaigns in the demo world: a running joint campaign after start, analysed on a schedule', () => {
  const suite = useTestApp({ label: 'campaigns_demo', demoWorld: true, demoMembers: 300, accounts: ['ANALYST'] });

  it('seeds one running joint campaign with a partner, two treatments and a control, assignments and events', async () => {
    await suite.app.waitForJob(suite.analyst.token, suite.app.running.demoWorldJobId!);
    const job = await suite.app.waitForJob(
      suite.analyst.token,
      await suite.app.waitForQueuedJob(suite.analyst.token, 'seed-demo-campaign'),
    );
    expect(job).toMatchObject({ status: 'COMPLETED', result: { skipped: false } });
    expect((job.result as { members: number }).members).toBeGreaterThan(30);

    const list = await suite.app.http.get('/api/campaigns').set(auth(suite.analyst));
    expect(list.body).toHaveLength(1);
    const campaign = list.body[0];
    expect(campaign).toMatchObject({ status: 'RUNNING', primaryMetric: 'CONVERSION' });
    expect(campaign.name).toMatch(/^Track Day Starter Kit x Suspension Tuning course/);
    expect(campaign.partnerIds).toHaveLength(1);
    expect(campaign.variants.map((v: { key: string }) => v.key)).toEqual(['control', 'course', 'kit']);

    const chart = await suite.app.http.get(`/api/campaigns/${campaign.id}/cumulative-conversions`).set(auth(suite.analyst));
    expect(chart.body.length).toBeGreaterThan(7);
  });

  it('queues one scheduled analysis per running campaign per slot however often the cron fires, and stores it', async () => {
    const cron = suite.app.running.app.get(AnalyseRunningCampaignsCron);
    const at = new Date('2030-01-01T10:07:00Z');
    expect(await cron.enqueue(at)).toBe(1);
    expect(await cron.enqueue(at)).toBe(1);
    const jobs = await suite.app.http
      .get('/api/jobs')
      .query({ filter: JSON.stringify({ name: 'analyse-campaign' }) })
      .set(auth(suite.analyst));
    expect(jobs.body).toHaveLength(1);
    const done = await suite.app.waitForJob(suite.analyst.token, jobs.body[0].id);
    expect(done.status).toBe('COMPLETED');
    const campaign = (await suite.app.http.get('/api/campaigns').set(auth(suite.analyst))).body[0];
    const analyses = await suite.app.http.get(`/api/campaigns/${campaign.id}/analyses`).set(auth(suite.analyst));
    expect(analyses.body).toHaveLength(1);
    expect(analyses.body[0].summary.length).toBeGreaterThan(20);
    expect(analyses.body[0].result.analysis.variants).toHaveLength(3);
  });
});
