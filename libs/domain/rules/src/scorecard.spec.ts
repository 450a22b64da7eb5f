import { describe, expect, it } from 'vitest';
import type { PartnerScorecard } from '@crosslane/contracts';
import { normaliseWeights, scorecardProblem, weightedScore } from './scorecard';

const card = (scores: number[], weights: number[]): PartnerScorecard => ({
  brandFit: { score: scores[0], weight: weights[0] },
  marketComplementarity: { score: scores[1], weight: weights[1] },
  technicalSynergy: { score: scores[2], weight: weights[2] },
  marketInfluence: { score: scores[3], weight: weights[3] },
  uxConsistency: { score: scores[4], weight: weights[4] },
});

describe('normaliseWeights', () => {
  it('divides by the sum (the doc example)', () => {
    expect(normaliseWeights({ a: 1, b: 3 })).toEqual({ a: 0.25, b: 0.75 });
  });

  it('treats all-zero weights as equal weights and refuses negative ones', () => {
    expect(normaliseWeights({ a: 0, b: 0 })).toEqual({ a: 0.5, b: 0.5 });
    expect(() => normaliseWeights({ a: -1, b: 2 })).toThrow('non-negative weights; a is -1');
  });
});

describe('weightedScore', () => {
  it('is the plain mean with equal weights (the doc example)', () => {
    expect(weightedScore(card([5, 4, 3, 2, 1], [1, 1, 1, 1, 1]))).toBe(3);
  });

  it('follows the weights: all weight on brand fit gives its score', () => {
    expect(weightedScore(card([5, 0, 0, 0, 0], [10, 0, 0, 0, 0]))).toBe(5);
    // (4*3 + 2*1) / 4 = 3.5
    expect(weightedScore(card([4, 2, 0, 0, 0], [3, 1, 0, 0, 0]))).toBe(3.5);
  });
});

describe('scorecardProblem', () => {
  it('accepts a complete card and names the first bad field otherwise', () => {
    expect(scorecardProblem(card([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]))).toBeNull();
    expect(scorecardProblem({ ...card([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]), technicalSynergy: { score: 6, weight: 1 } })).toEqual({
      field: 'technicalSynergy.score',
      message: 'technicalSynergy.score must be a number from 0 to 5',
    });
    const { uxConsistency: _omit, ...missing } = card([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]);
    expect(scorecardProblem(missing)?.field).toBe('uxConsistency');
    expect(scorecardProblem({ ...card([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]), price: { score: 1, weight: 1 } })?.field).toBe('price');
  });
});
