import { describe, expect, it } from 'vitest';
import { recommendTopN } from './recommend-top-n';
import type { ImplicitAlsModel, PopularityModel } from './recommender-model';
import { scoreItems } from './recommender-model';

const popularity: PopularityModel = { kind: 'popularity', itemCount: 3, scores: Float64Array.of(5, 9, 7) };

const als: ImplicitAlsModel = {
  kind: 'implicit-als',
  userCount: 2,
  itemCount: 3,
  factors: 2,
  userFactors: Float64Array.of(1, 0, 0, 1),
  itemFactors: Float64Array.of(0.2, 0.9, 0.8, 0.1, 0.5, 0.5),
  params: { factors: 2, iterations: 1, alpha: 1, regularization: 1, cgSteps: 3, seed: 1 },
  loss: null,
};

describe('recommendTopN', () => {
  it('returns the best items, leaving out the excluded ones (the doc example)', () => {
    expect(recommendTopN(popularity, 0, 2, { exclude: [1] })).toEqual([
      { itemIndex: 2, score: 7 },
      { itemIndex: 0, score: 5 },
    ]);
  });

  it('ranks by x_u · y_i for an ALS model', () => {
    expect(recommendTopN(als, 0, 3).map((r) => r.itemIndex)).toEqual([1, 2, 0]);
    expect(recommendTopN(als, 1, 1)).toEqual([{ itemIndex: 0, score: 0.9 }]);
  });

  it('keeps only the items the filter accepts', () => {
    expect(recommendTopN(popularity, 0, 3, { filter: (i) => i !== 2 }).map((r) => r.itemIndex)).toEqual([1, 0]);
  });

  it('says what was required', () => {
    expect(() => recommendTopN(popularity, 0, 0)).toThrow('recommendTopN requires n >= 1');
    expect(() => recommendTopN(als, 2, 1)).toThrow('recommendTopN requires userIndex to be an integer in [0, 1]');
  });
});

describe('scoreItems', () => {
  it('gives the popularity scores to every user (the doc example)', () => {
    expect(scoreItems({ kind: 'popularity', itemCount: 2, scores: Float64Array.of(3, 1) }, 0)).toEqual(Float64Array.of(3, 1));
  });

  it('computes dot products for ALS', () => {
    expect(Array.from(scoreItems(als, 1))).toEqual([0.9, 0.1, 0.5]);
  });
});
