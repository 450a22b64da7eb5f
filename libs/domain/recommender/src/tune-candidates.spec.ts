import { describe, expect, it } from 'vitest';
import { evaluateRanking } from './evaluate-ranking';
import { fitEase } from './ease';
import { factorizeImplicit } from './factorize-implicit';
import { splitHoldoutPerUser } from './holdout-split';
import type { SearchPoint } from './hyperparameter-search';
import { generateSyntheticInteractions } from './synthetic-interactions';
import type { RecommenderModel } from './recommender-model';
import { tuneCandidates } from './tune-candidates';

// Small seeded data with a known structure: 8 taste groups, half of each member's items drawn by popularity.
const matrix = generateSyntheticInteractions({ users: 300, items: 200, groups: 8, itemsPerUser: 12, noise: 0.5, seed: 1 });
const validation = splitHoldoutPerUser(matrix, { seed: 2, fraction: 0.2 });
const evaluate = (model: RecommenderModel) => evaluateRanking(model, validation.train, validation.test);
const als = (p: SearchPoint) =>
  factorizeImplicit(validation.train, { factors: p.factors, alpha: p.alpha, regularization: p.regularization, iterations: 10, seed: 1 });
const base = {
  now: () => 0,
  seed: 1,
  start: { als: { factors: 16, alpha: 5, regularization: 1 }, ease: { lambda: 100 } },
  fitAls: async (p: SearchPoint) => als(p),
  fitEase: async (lambda: number) => fitEase(validation.train, { lambda }),
  evaluate,
};

describe('tuneCandidates', () => {
  it("with the tune job's default share (30 ALS and 6 EASE trials) gets within 1% of the best point of a grid over the same ranges", async () => {
    const result = await tuneCandidates({ ...base, trials: { als: 30, ease: 6 } });
    // A coarse exhaustive grid: factors 8, 32, 128 x alpha 0.1-100 x regularisation 0.01-1000 (decades), and λ 1-10,000 (decades).
    let gridBest = 0;
    for (const factors of [8, 32, 128])
      for (const alpha of [0.1, 1, 10, 100])
        for (const regularization of [0.01, 0.1, 1, 10, 100, 1000])
          gridBest = Math.max(gridBest, evaluate(als({ factors, alpha, regularization })).overall.ndcg);
    for (const lambda of [1, 10, 100, 1000, 10_000])
      gridBest = Math.max(gridBest, evaluate(fitEase(validation.train, { lambda })).overall.ndcg);
    expect(result.best.validationNdcg).toBeGreaterThanOrEqual(0.99 * gridBest);
    // The best overall is the best of its algorithm, with the evaluation the per-direction choice reads.
    expect(result.bestByAlgorithm[result.best.algorithm]).toBe(result.best);
    expect(result.evaluations[result.best.algorithm]!.overall.ndcg).toBe(result.best.validationNdcg);
  });

  it('tries the requested points first, EASE before ALS, and gives the same search for the same seed', async () => {
    const a = await tuneCandidates({ ...base, trials: { als: 4, ease: 2 } });
    expect(a.trials.map((t) => t.algorithm)).toEqual(['ease', 'ease', 'als', 'als', 'als', 'als']);
    expect(a.trials[0].point).toEqual({ lambda: 100 });
    expect(a.trials[2].point).toEqual({ factors: 16, alpha: 5, regularization: 1 });
    const b = await tuneCandidates({ ...base, trials: { als: 4, ease: 2 } });
    expect(b.trials.map((t) => [t.point, t.validationNdcg])).toEqual(a.trials.map((t) => [t.point, t.validationNdcg]));
  });

  it('stops an algorithm early once validation NDCG stops improving, and says so', async () => {
    // A flat objective: nothing after the random phase improves, so patience 2 ends the search after 2 such trials.
    const flat = { overall: { ndcg: 0.2 } } as ReturnType<typeof evaluate>;
    const result = await tuneCandidates({ ...base, trials: { als: 30, ease: 0 }, patience: { als: 2 }, evaluate: () => flat });
    // The start point, 4 random points (a Latin hypercube for 30 trials), then 2 refinements without gain.
    expect(result.trials).toHaveLength(1 + 4 + 2);
    expect(result.stoppedBy).toEqual({ als: 'no-improvement' });
  });

  it('stops at the seconds budget, each algorithm at its share, with at least one trial each', async () => {
    let clock = 0;
    const result = await tuneCandidates({
      ...base,
      trials: { als: 9, ease: 3 },
      seconds: 12,
      // Every trial takes 2 s of the injected clock.
      now: () => clock,
      fitAls: async (p) => ((clock += 2000), als(p)),
      fitEase: async (lambda) => ((clock += 2000), fitEase(validation.train, { lambda })),
    });
    // EASE's share is 3/12 of 12 s = 3 s: 2 trials; ALS runs until 12 s: 4 more.
    expect(result.trials.map((t) => t.algorithm).join(',')).toBe('ease,ease,als,als,als,als');
    expect(result.stoppedBy).toEqual({ ease: 'seconds', als: 'seconds' });
    expect(result.trials.every((t) => t.seconds === 2)).toBe(true);
  });

  it('says what was required', async () => {
    await expect(tuneCandidates({ ...base, trials: { als: 0, ease: 0 } })).rejects.toThrow('tuneCandidates requires at least one trial');
    await expect(tuneCandidates({ ...base, fitEase: undefined, trials: { als: 1, ease: 1 } })).rejects.toThrow(
      'tuneCandidates requires fitEase when EASE has trials',
    );
  });
});
