import { wilsonInterval } from '@crosslane/domain-experiments';

/** A scorecard criterion as measured from data, on the manager's 0-5 scale, shown beside the manager's score (never replacing it). */
export interface MeasuredScore {
  /** 0..5, or null when there is too little data to measure. */
  score: number | null;
  lower: number | null;
  upper: number | null;
  /** What the number is, in a sentence the screen shows. */
  basis: string;
}

/**
 * uxConsistencyScore: "user-experience consistency" measured as 5 × the
 * share of reviews rated 4 or 5, with the 95% Wilson interval of that share
 * (wilsonInterval, Wilson 1927): a partner whose customers are reliably
 * satisfied scores near 5 whatever the mix of products.
 * Example: uxConsistencyScore([5, 5, 4, 2]).score === 3.75
 */
export function uxConsistencyScore(ratings: readonly number[]): MeasuredScore {
  const n = ratings.length;
  if (n === 0) return { score: null, lower: null, upper: null, basis: 'No reviews yet' };
  const good = ratings.filter((r) => r >= 4).length;
  const ci = wilsonInterval(good, n);
  return {
    score: round2((5 * good) / n),
    lower: round2(5 * ci.lower),
    upper: round2(5 * ci.upper),
    basis: `5 × share of reviews rated 4 or 5 (${good} of ${n})`,
  };
}

/**
 * pearson: the Pearson correlation of two equally long series; null with
 * fewer than 3 pairs or a constant series.
 * Example: pearson([1, 2, 3], [2, 4, 6]) === 1
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new Error(`pearson requires series of equal length; got ${xs.length} and ${ys.length}`);
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/**
 * marketComplementarityScore: "market complementarity" measured as how
 * closely outside demand for the partner's categories (the market index)
 * and the platform's own interest in the matching topics move together
 * month by month: 5 × max(0, Pearson r). A partner whose market rises when
 * our members' interest rises complements the platform; one moving against
 * it scores 0. Null with fewer than 3 months of both.
 * Example: marketComplementarityScore([50, 60, 70], [1, 2, 3]).score === 5
 */
export function marketComplementarityScore(marketIndex: readonly number[], platformInterest: readonly number[]): MeasuredScore {
  const r = pearson(marketIndex, platformInterest);
  if (r === null) return { score: null, lower: null, upper: null, basis: 'Fewer than 3 months of market signals and platform interest' };
  return {
    score: round2(5 * Math.max(0, r)),
    lower: null,
    upper: null,
    basis: `5 × correlation of the market index with the platform's interest in the matching topics (r = ${r.toFixed(2)} over ${marketIndex.length} months)`,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
