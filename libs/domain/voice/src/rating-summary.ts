import { studentTQuantile } from '@crosslane/domain-experiments';

/**
 * How many reviews make a partner's figures more than anecdotes: at this
 * many or fewer, the response and the screen say the sample is small. At
 * 50 reviews the 95% interval of a mean rating with a typical spread of
 * 1 star is about ±0.28 stars, wide enough to hide a real half-star change.
 */
export const SMALL_SAMPLE_REVIEWS = 50;

export interface RatingSummary {
  n: number;
  /** Mean rating with a 95% Student-t interval; null with no reviews (interval null with fewer than 2). */
  mean: number | null;
  lower: number | null;
  upper: number | null;
  /** Count of each rating 1..5, index 0 for 1 star. */
  distribution: [number, number, number, number, number];
  smallSample: boolean;
}

/**
 * ratingSummary: count, mean with a 95% Student-t interval (mean ± t(0.975,
 * n−1)·s/√n; s the sample standard deviation), the 1-5 distribution and
 * whether the sample is small (n ≤ SMALL_SAMPLE_REVIEWS). Ratings are
 * bounded, so the interval is clipped to [1, 5]. Same as R's
 * t.test(x)$conf.int for n ≥ 2.
 * Example: ratingSummary([4, 5, 3, 4]) → mean 4, interval [2.70, 5] (clipped; t.test gives 2.70..5.30)
 */
export function ratingSummary(ratings: readonly number[]): RatingSummary {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const r of ratings) {
    if (!Number.isInteger(r) || r < 1 || r > 5) throw new Error(`ratingSummary requires whole ratings from 1 to 5; got ${r}`);
    distribution[r - 1]++;
  }
  const n = ratings.length;
  const smallSample = n <= SMALL_SAMPLE_REVIEWS;
  if (n === 0) return { n, mean: null, lower: null, upper: null, distribution, smallSample };
  const mean = ratings.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, lower: null, upper: null, distribution, smallSample };
  const variance = ratings.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
  const half = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { n, mean, lower: Math.max(1, mean - half), upper: Math.min(5, mean + half), distribution, smallSample };
}

export interface RatingTrend {
  /** Change of the mean rating per 30 days (ordinary least squares), with its 95% interval. */
  slopePer30Days: number;
  lower: number;
  upper: number;
  /** 'falling' or 'rising' when the interval excludes 0, else 'flat'. */
  direction: 'falling' | 'rising' | 'flat';
}

/**
 * ratingTrend: the least-squares slope of rating on time, per 30 days, with
 * a 95% interval from the slope's standard error (t with n−2 degrees of
 * freedom), as R's confint(lm(rating ~ days)). Null with fewer than 3
 * reviews or all on one instant.
 * Example: ratingTrend([{ at: 0, rating: 5 }, { at: 30, rating: 4 }, { at: 60, rating: 3 }]).slopePer30Days === -1
 */
export function ratingTrend(points: readonly { at: number; rating: number }[]): RatingTrend | null {
  const n = points.length;
  if (n < 3) return null;
  const xs = points.map((p) => p.at / 30);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = points.reduce((a, p) => a + p.rating, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (points[i].rating - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (points[i].rating - intercept - slope * xs[i]) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const half = studentTQuantile(0.975, n - 2) * se;
  const lower = slope - half;
  const upper = slope + half;
  return { slopePer30Days: slope, lower, upper, direction: upper < 0 ? 'falling' : lower > 0 ? 'rising' : 'flat' };
}

export interface ItemRatingChange {
  itemId: string;
  before: { n: number; mean: number };
  after: { n: number; mean: number };
  /** after.mean − before.mean: negative when the rating fell. */
  change: number;
}

/**
 * fallingItems: items whose mean rating fell most between reviews before
 * `splitAt` and from it on, among items with at least `minEach` reviews on
 * each side (default 3: fewer is one unhappy customer), worst first; only
 * falls are returned.
 * Example: fallingItems([{ itemId: 'a', at: 1, rating: 5 }, ...], 10) lists 'a' with change −3 when its later reviews are 2 stars
 */
export function fallingItems(
  reviews: readonly { itemId: string; at: number; rating: number }[],
  splitAt: number,
  minEach = 3,
): ItemRatingChange[] {
  const byItem = new Map<string, { b: number[]; a: number[] }>();
  for (const r of reviews) {
    const entry = byItem.get(r.itemId) ?? { b: [], a: [] };
    (r.at < splitAt ? entry.b : entry.a).push(r.rating);
    byItem.set(r.itemId, entry);
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const out: ItemRatingChange[] = [];
  for (const [itemId, { b, a }] of byItem) {
    if (b.length < minEach || a.length < minEach) continue;
    const change = mean(a) - mean(b);
    if (change < 0) out.push({ itemId, before: { n: b.length, mean: mean(b) }, after: { n: a.length, mean: mean(a) }, change });
  }
  return out.sort((x, y) => x.change - y.change || x.itemId.localeCompare(y.itemId));
}
