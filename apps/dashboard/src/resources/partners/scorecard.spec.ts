import { describe, expect, it } from 'vitest';
import type { PartnerScorecard } from '@crosslane/contracts';
import { weightedScore } from '@crosslane/domain-rules';
import { EMPTY_SCORECARD, weightShares } from './scorecard';

const card = (scores: number[], weights: number[]): PartnerScorecard => ({
  brandFit: { score: scores[0], weight: weights[0] },
  marketComplementarity: { score: scores[1], weight: weights[1] },
  technicalSynergy: { score: scores[2], weight: weights[2] },
  marketInfluence: { score: scores[3], weight: weights[3] },
  uxConsistency: { score: scores[4], weight: weights[4] },
});

describe('scorecard maths on the partner page', () => {
  it("shows the total the API computes, with the API's own function", () => {
    expect(weightedScore(card([5, 4, 3, 2, 1], [3, 1, 0, 0, 0]))).toBe(4.75);
    expect(weightedScore(card([5, 4, 3, 2, 1], [0, 0, 0, 0, 0]))).toBe(3);
    expect(weightedScore(EMPTY_SCORECARD)).toBe(0);
  });

  it('labels each weight with its share of the total', () => {
    expect(weightShares(card([0, 0, 0, 0, 0], [2, 1, 1, 0, 0]))).toMatchObject({
      brandFit: 50,
      marketComplementarity: 25,
      uxConsistency: 0,
    });
  });
});
