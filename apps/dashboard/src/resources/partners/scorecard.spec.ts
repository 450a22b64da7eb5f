import { describe, expect, it } from 'vitest';
import { SCORECARD_CRITERIA, type PartnerScorecard } from '@crosslane/contracts';
import { weightedScore } from '@crosslane/domain-rules';
import { EMPTY_SCORECARD, weightShares } from './scorecard';

// The total's maths is the API's weightedScore, tested in libs/domain/rules; here only what the page adds.
const weighted = (weights: number[]): PartnerScorecard =>
  Object.fromEntries(SCORECARD_CRITERIA.map((c, i) => [c, { score: 0, weight: weights[i] }])) as PartnerScorecard;

describe('scorecard on the partner page', () => {
  it('starts from an even card whose total is 0', () => {
    expect(weightedScore(EMPTY_SCORECARD)).toBe(0);
    expect(weightShares(EMPTY_SCORECARD)).toMatchObject({ brandFit: 20, uxConsistency: 20 });
  });

  it('labels each weight with its share of the total', () => {
    expect(weightShares(weighted([2, 1, 1, 0, 0]))).toMatchObject({
      brandFit: 50,
      marketComplementarity: 25,
      uxConsistency: 0,
    });
  });
});
