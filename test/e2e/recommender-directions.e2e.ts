import { beforeAll, describe, expect, it } from 'vitest';
import { auth, useTestApp } from '../support/suite';

type Candidate = 'als' | 'ease' | 'popularity';
interface DirectionChoice {
  winner: Candidate;
  reason: string;
  usersEvaluated: number;
  validationNdcg: Partial<Record<Candidate, number>>;
  testNdcg: number | null;
  popularityTestNdcg: number | null;
  margin: number | null;
}
interface Model {
  id: string;
  version: number;
  algorithm: string;
  beatsBaseline: boolean | null;
  metrics: {
    overall: { ndcg: number };
    algorithm: 'als' | 'ease';
    candidates: Partial<Record<'als' | 'ease', { overall: { ndcg: number } }>>;
    directions: Record<string, DirectionChoice>;
  };
  params: {
    algorithm: string;
    easeLambda: number;
    tuning?: { trials: { algorithm: string; validationNdcg: number; lambda?: number }[]; best: { validationNdcg: number } };
  };
}
interface Recs {
  personalised: boolean;
  reason?: string;
  modelVersion: number | null;
  algorithm?: Candidate;
  direction?: string;
  items: { itemId: string; domain: string; because?: { itemId: string }[] }[];
}

describe('recommender: EASE beside ALS, and the winner of each direction serves it', () => {
  const suite = useTestApp({ label: 'recdirs', demoWorld: true, demoMembers: 300, accounts: ['MANAGER', 'ANALYST'] });
  const train = async (body: Record<string, unknown>, path = '/api/recommender/models'): Promise<Model> => {
    const response = await suite.app.http.post(path).set(auth(suite.manager)).send(body);
    expect(response.status).toBe(201);
    const job = await suite.app.waitForJob(suite.manager.token, response.body.id);
    expect(job).toMatchObject({ status: 'COMPLETED' });
    return (await suite.app.http.get(`/api/recommender/models/${(job.result as { modelId: string }).modelId}`).set(auth(suite.manager)))
      .body as Model;
  };
  const activate = async (model: Model) => {
    const body = model.beatsBaseline ? {} : { override: true, reason: 'directions e2e: serve it anyway' };
    expect((await suite.app.http.post(`/api/recommender/models/${model.id}/activate`).set(auth(suite.manager)).send(body)).status).toBe(
      200,
    );
  };
  const consenting = async (take: number) =>
    (
      await suite.prisma.$queryRaw<{ memberKey: string }[]>`
        SELECT m."memberKey" FROM member m
        WHERE m."consentPersonalisation" AND EXISTS (SELECT 1 FROM interaction i WHERE i."memberId" = m.id)
        ORDER BY m.id LIMIT ${take}`
    ).map((m) => m.memberKey);

  beforeAll(async () => {
    await suite.app.waitForJob(suite.admin.token, suite.app.running.demoWorldJobId!);
    // Partner lists need partners whose agreement allows co-marketing.
    const partners = await suite.prisma.partner.findMany({ where: { items: { some: {} } } });
    const now = suite.app.now().getTime();
    for (const p of partners) {
      await suite.prisma.sharingAgreement.create({
        data: {
          partnerId: p.id,
          version: 99,
          status: 'ACTIVE',
          fieldsAllowed: [],
          purposesAllowed: ['CO_MARKETING'],
          segmentsAllowed: [],
          validFrom: new Date(now - 86_400_000),
          validTo: new Date(now + 86_400_000),
        },
      });
    }
  });

  it('names a bad EASE parameter and algorithm by field', async () => {
    const bad = await suite.app.http
      .post('/api/recommender/models')
      .set(auth(suite.manager))
      .send({ scope: 'ALL', params: { algorithm: 'svd', easeLambda: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['params.algorithm', 'params.easeLambda']);
  });

  it('trains ALS and EASE in one job, chooses per direction on validation, and serves each direction with its winner', async () => {
    const model = await train({ scope: 'ALL', name: 'both', params: { algorithm: 'auto' } });
    expect(model.algorithm).toBe('implicit-als + ease');
    expect(Object.keys(model.metrics.candidates).sort()).toEqual(['als', 'ease']);
    expect(model.metrics.overall.ndcg).toBe(model.metrics.candidates[model.metrics.algorithm]!.overall.ndcg);
    expect(Object.keys(model.metrics.directions).sort()).toEqual([
      'knowledge->knowledge',
      'knowledge->partner',
      'partner->knowledge',
      'partner->partner',
    ]);
    for (const choice of Object.values(model.metrics.directions)) {
      // No direction is served by a candidate that loses to popularity on validation.
      if (choice.winner !== 'popularity') expect(choice.validationNdcg[choice.winner]!).toBeGreaterThan(choice.validationNdcg.popularity!);
      else expect(choice.reason).toMatch(/popularity/);
      expect(choice.margin).toBeCloseTo((choice.testNdcg ?? 0) - (choice.popularityTestNdcg ?? 0), 12);
    }
    await activate(model);

    const keys = await consenting(40);
    const seen = new Set<string>();
    for (const domain of ['KNOWLEDGE', 'PARTNER'] as const) {
      const batch = await suite.app.http
        .post('/api/recommender/recommendations/batch')
        .set(auth(suite.analyst))
        .send({ memberKeys: keys, n: 5, domain });
      expect(batch.status).toBe(200);
      for (const r of batch.body.results as Recs[]) {
        expect(r.direction).toMatch(new RegExp(`^(knowledge|partner)->${domain.toLowerCase()}$`));
        const winner = model.metrics.directions[r.direction!].winner;
        expect(r.algorithm).toBe(winner);
        expect(r.modelVersion).toBe(model.version);
        if (winner === 'popularity') expect(r).toMatchObject({ personalised: false, reason: 'direction-popularity' });
        else expect(r.personalised).toBe(true);
        for (const item of r.items) expect(item.domain).toBe(domain);
        seen.add(r.direction!);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(2);
    const all = await suite.app.http.get(`/api/recommender/members/${keys[0]}/recommendations`).set(auth(suite.analyst));
    expect(all.body).toMatchObject({ personalised: true, algorithm: model.metrics.algorithm });
  });

  it('serves, explains and finds similar items from an EASE-only version', async () => {
    const model = await train({ scope: 'ALL', name: 'ease only', params: { algorithm: 'ease', easeLambda: 50 } });
    expect(model.algorithm).toBe('ease');
    expect(model.params.easeLambda).toBe(50);
    expect(model.metrics.algorithm).toBe('ease');
    expect(model.beatsBaseline).toBe(true);
    await activate(model);

    const [key] = await consenting(1);
    const served = (
      await suite.app.http.get(`/api/recommender/members/${key}/recommendations`).query({ n: 5, explain: true }).set(auth(suite.analyst))
    ).body as Recs;
    expect(served).toMatchObject({ personalised: true, algorithm: 'ease', modelVersion: model.version });
    const member = await suite.prisma.member.findUniqueOrThrow({ where: { memberKey: key } });
    const owned = new Set(
      (await suite.prisma.interaction.findMany({ where: { memberId: member.id }, select: { itemId: true } })).map((i) =>
        i.itemId.toString(),
      ),
    );
    expect(served.items).toHaveLength(5);
    for (const item of served.items) {
      expect(owned.has(item.itemId)).toBe(false);
      expect(item.because!.length).toBeGreaterThan(0);
      for (const reason of item.because!) expect(owned.has(reason.itemId)).toBe(true);
    }
    const similar = await suite.app.http
      .get(`/api/recommender/items/${served.items[0].itemId}/similar`)
      .query({ n: 4 })
      .set(auth(suite.analyst));
    expect(similar.status).toBe(200);
    expect(similar.body.modelVersion).toBe(model.version);
    expect(similar.body.items).toHaveLength(4);
    expect(similar.body.items.map((i: { itemId: string }) => i.itemId)).not.toContain(served.items[0].itemId);

    const artifact = await suite.prisma.modelArtifact.findUniqueOrThrow({ where: { modelId: model.id } });
    expect(artifact.factors).toBe(0);
    expect(artifact.easeWeights!.length).toBe(4 * artifact.itemIds.length ** 2);
  });

  it('tunes ALS and EASE within the trial budget and records every trial', async () => {
    const tuned = await train({ scope: 'ALL', trials: 5 }, '/api/recommender/models/tune');
    const trials = tuned.params.tuning!.trials;
    expect(trials.map((t) => t.algorithm)).toEqual(['ease', 'als', 'als', 'als', 'als']);
    expect(trials[0].lambda).toBe(100);
    expect(tuned.params.tuning!.best.validationNdcg).toBe(Math.max(...trials.map((t) => t.validationNdcg)));
    expect(tuned.params.algorithm).toBe('auto');
    expect(Object.keys(tuned.metrics.candidates).sort()).toEqual(['als', 'ease']);
  });
});
