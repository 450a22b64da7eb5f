import { SCORECARD_CRITERIA, type PartnerScorecard, type ScorecardCriterion } from '@crosslane/contracts';
import { normaliseWeights } from '@crosslane/domain-rules';

/** An even card to start from: every score 0, every weight 1. */
export const EMPTY_SCORECARD: PartnerScorecard = Object.fromEntries(
  SCORECARD_CRITERIA.map((c) => [c, { score: 0, weight: 1 }]),
) as PartnerScorecard;

/**
 * Each criterion's share of the total weight, in percent, for the labels
 * beside the weight sliders: the same normalisation the total uses
 * (normaliseWeights, @crosslane/domain-rules), so the labels add up to it.
 */
export function weightShares(card: PartnerScorecard): Record<string, number> {
  const shares = normaliseWeights(
    Object.fromEntries(SCORECARD_CRITERIA.map((c) => [c, card[c].weight])) as Record<ScorecardCriterion, number>,
  );
  return Object.fromEntries(SCORECARD_CRITERIA.map((c) => [c, Math.round(shares[c] * 100)]));
}
