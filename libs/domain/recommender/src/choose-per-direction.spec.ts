import { describe, expect, it } from 'vitest';
import { choosePerDirection } from './choose-per-direction';
import { RECOMMENDATION_DIRECTIONS, type RankingEvaluation, type RankingMetrics, type RecommendationDirection } from './evaluate-ranking';

const metrics = (ndcg: number, usersEvaluated = 50): RankingMetrics => ({
  k: 10,
  usersEvaluated,
  precision: 0,
  recall: 0,
  ndcg,
  map: 0,
  coverage: 0,
});
function evaluation(
  overall: number,
  perDirection: Partial<Record<RecommendationDirection, number>>,
  users: Partial<Record<RecommendationDirection, number>> = {},
): RankingEvaluation {
  const byDirection = {} as Record<RecommendationDirection, RankingMetrics>;
  for (const d of RECOMMENDATION_DIRECTIONS) byDirection[d] = metrics(perDirection[d] ?? 0, users[d] ?? 50);
  return { overall: metrics(overall), byDirection };
}

describe('choosePerDirection', () => {
  it('picks per direction the best candidate that beats popularity (the doc example), else popularity', () => {
    const choice = choosePerDirection({
      als: evaluation(0.4, {
        'knowledge->knowledge': 0.45,
        'knowledge->partner': 0.3,
        'partner->knowledge': 0.2,
        'partner->partner': 0.24,
      }),
      ease: evaluation(0.42, {
        'knowledge->knowledge': 0.44,
        'knowledge->partner': 0.35,
        'partner->knowledge': 0.2,
        'partner->partner': 0.25,
      }),
      popularity: evaluation(0.09, {
        'knowledge->knowledge': 0.09,
        'knowledge->partner': 0.1,
        'partner->knowledge': 0.1,
        'partner->partner': 0.25,
      }),
    });
    expect(choice.overall).toBe('ease');
    expect(choice.byDirection['knowledge->knowledge'].winner).toBe('als');
    expect(choice.byDirection['knowledge->partner']).toMatchObject({
      winner: 'ease',
      validationNdcg: { als: 0.3, ease: 0.35, popularity: 0.1 },
      usersEvaluated: 50,
    });
    // A tie between the personal models goes to ALS.
    expect(choice.byDirection['partner->knowledge'].winner).toBe('als');
    // A tie with popularity is not a win.
    expect(choice.byDirection['partner->partner']).toMatchObject({
      winner: 'popularity',
      reason: 'no personal model beats popularity on validation NDCG@10 (best EASE 0.250 vs 0.250)',
    });
  });

  it('falls back to popularity, saying so, where too few members can be evaluated', () => {
    const users = { 'partner->partner': 7 };
    const choice = choosePerDirection({
      als: evaluation(0.4, { 'partner->partner': 0.9 }, users),
      popularity: evaluation(0.1, { 'partner->partner': 0.1 }, users),
    });
    expect(choice.byDirection['partner->partner']).toMatchObject({
      winner: 'popularity',
      usersEvaluated: 7,
      reason: 'too little data: 7 members with held-out items in this direction (need 20); popularity serves it',
    });
    expect(choice.overall).toBe('als');
  });

  it('says what was required', () => {
    expect(() => choosePerDirection({ popularity: evaluation(0.1, {}) })).toThrow('choosePerDirection requires an ALS or EASE evaluation');
    expect(() => choosePerDirection({ als: { overall: metrics(0.2), byDirection: null }, popularity: evaluation(0.1, {}) })).toThrow(
      'broken down by direction',
    );
  });
});
