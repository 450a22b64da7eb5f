/** z for a two-sided 95% interval (the 0.975 quantile of the standard normal). */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  /** successes / trials; 0 when there are no trials. */
  rate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion: it stays inside [0, 1] and
 * keeps near-nominal coverage for small counts and rates near 0 or 1, where
 * the normal (Wald) interval collapses to a point. Source: E. B. Wilson,
 * "Probable inference, the law of succession, and statistical inference",
 * JASA 22 (1927); Brown, Cai and DasGupta, Statistical Science 16 (2001),
 * who recommend it. statsmodels: `proportion_confint(k, n, method='wilson')`.
 * With no trials the rate is unknown: the interval is the whole [0, 1].
 *
 * Example: `wilsonInterval(81, 263)` gives rate 0.3080, low 0.2553, high 0.3662.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): ProportionInterval {
  if (!Number.isFinite(successes) || !Number.isFinite(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval requires 0 <= successes <= trials, got ${successes} of ${trials}`);
  }
  if (trials === 0) return { rate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Clamp the rounding at the ends: at p = 0 the low bound is exactly 0.
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
