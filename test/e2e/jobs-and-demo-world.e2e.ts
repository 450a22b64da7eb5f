import { describe, expect, it } from 'vitest';
import { auth, useTestApp } from '../support/suite';

type Candidate = 'als' | 'ease' | 'popularity';
interface DemoModel {
  params: { tuning?: { trials: { algorithm: 'als' | 'ease'; validationNdcg: number }[]; best: { validationNdcg: number } } };
  metrics: {
    directions: Record<
      string,
      {
        winner: Candidate;
        reason: string;
        validationNdcg: Partial<Record<Candidate, number>>;
        testNdcg: number | null;
        popularityTestNdcg: number | null;
        margin: number | null;
      }
    >;
  };
}

describe('jobs: the demo world loads as a queued job, with progress, and the home figures come from it', () => {
  const suite = useTestApp({ label: 'jobs', demoWorld: true, demoMembers: 300, completeDemoWorld: true, accounts: ['ANALYST'] });

  it('queues the demo world on an empty database and completes it with a result', async () => {
    const jobId = suite.app.running.demoWorldJobId!;
    expect(jobId).toBeTruthy();
    const job = await suite.app.waitForJob(suite.analyst.token, jobId);
    expect(job).toMatchObject({ name: 'load-demo-world', status: 'COMPLETED', progress: 100, attempts: 1 });
    const result = job.result as { members: number; interactions: number; partners: number; skipped: boolean };
    expect(result.skipped).toBe(false);
    expect(result.members).toBe(300);
    expect(result.partners).toBeGreaterThanOrEqual(3);

    const overview = await suite.app.http.get('/api/stats/overview').set(auth(suite.analyst));
    expect(overview.body).toMatchObject({ members: 300, interactions: result.interactions });
    expect(overview.body.knowledgeItems).toBeGreaterThan(100);
    expect(overview.body.partnerItems).toBeGreaterThan(50);
  });

  it('finishes the demo world so every screen has data: agreements, profiles, segments, an active model', async () => {
    const completion = await suite.app.waitForJob(
      suite.analyst.token,
      await suite.app.waitForQueuedJob(suite.analyst.token, 'complete-demo-world'),
    );
    expect(completion.status).toBe('COMPLETED');
    const result = completion.result as { agreements: number; segments: number; trainingJobId: string };
    expect(result.agreements).toBe(3);
    expect(result.segments).toBe(3);

    const agreements = await suite.app.http.get('/api/agreements').set(auth(suite.analyst));
    expect(agreements.body.filter((a: { status: string }) => a.status === 'ACTIVE')).toHaveLength(3);
    const partners = await suite.app.http.get('/api/partners').set(auth(suite.analyst));
    const scored = partners.body.filter((p: { status: string; scorecard?: unknown }) => p.status === 'ACTIVE' && p.scorecard);
    expect(scored).toHaveLength(3);
    const segments = await suite.app.http.get('/api/segments').set(auth(suite.analyst));
    const enthusiasts = segments.body.find((s: { name: string }) => s.name === 'Car enthusiasts');
    expect(enthusiasts.size).toBeGreaterThan(0);
    expect(enthusiasts.size).toBeLessThan(300);

    const training = await suite.app.waitForJob(suite.analyst.token, result.trainingJobId, undefined, 150_000);
    expect(training.status).toBe('COMPLETED');
    const models = await suite.app.http.get('/api/recommender/models').set(auth(suite.analyst));
    const active = models.body.find((m: { status: string }) => m.status === 'ACTIVE') as DemoModel | undefined;
    expect(active).toBeDefined();

    // The first model is tuned with both candidates, so EASE can win where it should: the search is on the Models screen.
    expect(training.name).toBe('tune-recommender');
    const trials = active!.params.tuning!.trials;
    expect(new Set(trials.map((t) => t.algorithm))).toEqual(new Set(['als', 'ease']));
    expect(active!.params.tuning!.best.validationNdcg).toBe(Math.max(...trials.map((t) => t.validationNdcg)));
    // Per direction: the winner and its margin over popularity, and no direction served by a candidate that loses to popularity on validation.
    const directions = Object.entries(active!.metrics.directions);
    expect(directions.map(([d]) => d).sort()).toEqual([
      'knowledge->knowledge',
      'knowledge->partner',
      'partner->knowledge',
      'partner->partner',
    ]);
    for (const [, choice] of directions) {
      if (choice.winner === 'popularity') expect(choice.reason).toMatch(/popularity/);
      else expect(choice.validationNdcg[choice.winner]!).toBeGreaterThan(choice.validationNdcg.popularity!);
      expect(choice.margin).toBeCloseTo((choice.testNdcg ?? 0) - (choice.popularityTestNdcg ?? 0), 12);
    }
  });

  it('charts interactions per day in both domains from the loaded data', async () => {
    const response = await suite.app.http.get('/api/stats/interactions-per-day').query({ days: 90 }).set(auth(suite.analyst));
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(90);
    const knowledge = response.body.reduce((sum: number, p: { KNOWLEDGE: number }) => sum + p.KNOWLEDGE, 0);
    const partner = response.body.reduce((sum: number, p: { PARTNER: number }) => sum + p.PARTNER, 0);
    expect(knowledge).toBeGreaterThan(partner);
    expect(partner).toBeGreaterThan(0);
    const bad = await suite.app.http.get('/api/stats/interactions-per-day').query({ days: 'lots' }).set(auth(suite.analyst));
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('days');
  });

  it('lists members by pseudonymous key only, and the catalogue by domain', async () => {
    const members = await suite.app.http.get('/api/members').query({ range: '[0,4]' }).set(auth(suite.analyst));
    expect(members.headers['content-range']).toBe('members 0-4/300');
    for (const member of members.body) {
      expect(member.memberKey).toMatch(/^m_[0-9a-f]{12}$/);
      expect(Object.keys(member).sort()).toEqual([
        'city',
        'consentPartnerSharing',
        'consentPersonalisation',
        'id',
        'interactionCount',
        'joinedAt',
        'memberKey',
      ]);
    }
    const kits = await suite.app.http
      .get('/api/items')
      .query({ filter: JSON.stringify({ domain: 'PARTNER' }) })
      .set(auth(suite.analyst));
    expect(kits.body.every((item: { domain: string; partnerId: string | null }) => item.domain === 'PARTNER' && item.partnerId)).toBe(true);
  });

  it('does not load the demo world twice: a second run of the job changes nothing', async () => {
    const before = (await suite.app.http.get('/api/stats/overview').set(auth(suite.admin))).body;
    const completed = (
      await suite.app.http
        .get('/api/jobs')
        .query({ filter: JSON.stringify({ name: 'load-demo-world' }) })
        .set(auth(suite.admin))
    ).body[0];
    // Retrying a completed job is refused; the job itself is idempotent, shown by its result on a loaded database.
    const retry = await suite.app.http.post(`/api/jobs/${completed.id}/retry`).set(auth(suite.admin));
    expect(retry.status).toBe(409);
    expect(retry.body.message).toContain('COMPLETED');
    const after = (await suite.app.http.get('/api/stats/overview').set(auth(suite.admin))).body;
    expect(after).toEqual(before);
  });

  it('lets managers and admins cancel and retry, and refuses analysts', async () => {
    const jobs = await suite.app.http.get('/api/jobs').set(auth(suite.analyst));
    const id = jobs.body[0].id;
    const denied = await suite.app.http.post(`/api/jobs/${id}/retry`).set(auth(suite.analyst));
    expect(denied.status).toBe(403);
    const missing = await suite.app.http.get('/api/jobs/00000000-0000-0000-0000-000000000000').set(auth(suite.analyst));
    expect(missing.status).toBe(404);
  });
});
