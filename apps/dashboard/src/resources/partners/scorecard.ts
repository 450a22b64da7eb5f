import { formatSuppressedCount, type SuppressedValue } from '@crosslane/ui-charts';
import { SCORECARD_CRITERIA, type PartnerScorecard } from '@crosslane/contracts';

/** An even card to start from: every score 0, every weight 1. */
export const EMPTY_SCORECARD: PartnerScorecard = Object.fromEntries(
  SCORECARD_CRITERIA.map((c) => [c, { score: 0, weight: 1 }]),
) as PartnerScorecard;

/**
 * The live total beside the sliders: the weighted mean of the scores with
 * the weights normalised, as the API's weightedScore computes it (the saved
 * total is the server's). All-zero weights count as equal.
 */
export function scorecardTotal(card: PartnerScorecard): number {
  const weights = SCORECARD_CRITERIA.map((c) => card[c].weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  const total = SCORECARD_CRITERIA.reduce((acc, c, i) => acc + (sum === 0 ? 1 / weights.length : weights[i] / sum) * card[c].score, 0);
  return Math.round(total * 100) / 100;
}

/** Each criterion's share of the total weight, in percent, for the labels beside the weight sliders. */
export function weightShares(card: PartnerScorecard): Record<string, number> {
  const sum = SCORECARD_CRITERIA.reduce((a, c) => a + card[c].weight, 0);
  return Object.fromEntries(
    SCORECARD_CRITERIA.map((c) => [c, Math.round(sum === 0 ? 100 / SCORECARD_CRITERIA.length : (card[c].weight / sum) * 100)]),
  );
}

/** "70 members", or "fewer than 50" when the API suppressed the count. */
export function describeCount(value: SuppressedValue): string {
  if (value.disclosure && value.disclosure.status !== 'SUPPRESSED') return formatSuppressedCount(value);
  return value.suppressed || value.count === null ? `fewer than ${value.threshold} (suppressed)` : value.count.toLocaleString('en');
}
