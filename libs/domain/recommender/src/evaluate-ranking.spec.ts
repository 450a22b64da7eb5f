import { describe, expect, it } from 'vitest';
import { evaluateRanking, evaluateRankingInSlices, type ItemDomain } from './evaluate-ranking';
import { buildInteractionMatrix } from './interaction-matrix';
import type { PopularityModel } from './recommender-model';

function matrix(rows: number[][], itemCount: number) {
  const users: number[] = [];
  const items: number[] = [];
  rows.forEach((row, u) => row.forEach((i) => (users.push(u), items.push(i))));
  return buildInteractionMatrix({ userIndices: users, itemIndices: items, userCount: rows.length, itemCount });
}

// Every user gets the same ranking 0 > 1 > 2 > 3 before exclusions.
const model: PopularityModel = { kind: 'popularity', itemCount: 4, scores: Float64Array.of(4, 3, 2, 1) };
const domains: ItemDomain[] = ['KNOWLEDGE', 'KNOWLEDGE', 'PARTNER', 'PARTNER'];
const train = matrix([[0], [2], [0, 3], [0, 2]], 4);
const test = matrix([[1, 2], [3], [], [3]], 4);

// Each direction's users have every held-out item in a top-2 list holding one hit: only the count and the coverage differ.
function oneHitInTopTwo(usersEvaluated: number, coverage: number) {
  return { k: 2, usersEvaluated, precision: 0.5, recall: 1, ndcg: 1, map: 1, coverage };
}

describe('evaluateRanking', () => {
  it('computes the metrics by hand over the users with held-out items', () => {
    const { overall } = evaluateRanking(model, train, test, { k: 2 });
    // user 0: list [1, 2], both held out       -> P 1,   R 1, NDCG 1,              AP 1
    // user 1: list [0, 1], held out {3}        -> P 0,   R 0, NDCG 0,              AP 0
    // user 2: nothing held out                 -> not evaluated
    // user 3: list [1, 3], held out {3}        -> P 1/2, R 1, NDCG 1/log2(3),      AP (1/2)/1
    expect(overall.usersEvaluated).toBe(3);
    expect(overall.precision).toBeCloseTo(1.5 / 3, 15);
    expect(overall.recall).toBeCloseTo(2 / 3, 15);
    expect(overall.ndcg).toBeCloseTo((1 + 1 / Math.log2(3)) / 3, 15);
    expect(overall.map).toBeCloseTo(1.5 / 3, 15);
    expect(overall.coverage).toBe(1);
  });

  it('breaks the metrics down by the member’s home domain and the recommended items’ domain', () => {
    const { byDirection } = evaluateRanking(model, train, test, { k: 2, itemDomains: domains });
    if (byDirection === null) throw new Error('expected a breakdown');
    // user 0 (home knowledge): knowledge list [1] vs {1}; partner list [2, 3] vs {2}
    // user 1 (home partner):   partner list [3] vs {3}
    // user 3 (1 knowledge, 1 partner item: a tie counts as knowledge): partner list [3] vs {3}
    expect(byDirection['knowledge->knowledge']).toEqual(oneHitInTopTwo(1, 0.5));
    expect(byDirection['knowledge->partner']).toEqual(oneHitInTopTwo(2, 1));
    expect(byDirection['partner->partner']).toEqual(oneHitInTopTwo(1, 0.5));
    expect(byDirection['partner->knowledge'].usersEvaluated).toBe(0);
  });

  it('scores 1 for a model that ranks each user’s one held-out item first (the doc example)', () => {
    const perfect: PopularityModel = { kind: 'popularity', itemCount: 3, scores: Float64Array.of(1, 5, 2) };
    const result = evaluateRanking(perfect, matrix([[0], [0, 2]], 3), matrix([[1], [1]], 3), { k: 1 });
    expect(result.overall.ndcg).toBe(1);
    expect(result.byDirection).toBeNull();
  });

  it('does not mutate its inputs', () => {
    const copies = structuredClone([model, train, test]);
    evaluateRanking(model, train, test, { k: 2, itemDomains: domains });
    expect([model, train, test]).toEqual(copies);
  });

  it('says what was required', () => {
    expect(() => evaluateRanking(model, train, test, { k: 0 })).toThrow('evaluateRanking requires k >= 1');
    expect(() => evaluateRanking(model, matrix([[0]], 3), test)).toThrow(
      "evaluateRanking requires train and test with the model's 4 items",
    );
    expect(() => evaluateRanking(model, train, test, { itemDomains: ['KNOWLEDGE'] })).toThrow(
      'evaluateRanking requires itemDomains of length 4',
    );
  });
});

describe('evaluateRankingInSlices', () => {
  it('gives the same figures as evaluateRanking, pausing after every slice of evaluated users', async () => {
    const pauses: number[] = [];
    let evaluatedBefore = 0;
    const sliced = await evaluateRankingInSlices(
      model,
      train,
      test,
      { k: 2, itemDomains: domains },
      {
        usersPerSlice: 2,
        pause: async () => {
          pauses.push(++evaluatedBefore);
        },
      },
    );
    expect(sliced).toEqual(evaluateRanking(model, train, test, { k: 2, itemDomains: domains }));
    // Three users have held-out items (user 2 has none): one full slice of two, then the last one alone with no pause after it.
    expect(pauses).toEqual([1]);
  });

  it('says what was required', async () => {
    await expect(evaluateRankingInSlices(model, train, test, {}, { pause: async () => undefined, usersPerSlice: 0 })).rejects.toThrow(
      'evaluateRankingInSlices requires usersPerSlice',
    );
  });
});
