import { normalQuantile } from './distributions';
import type { IntervalEstimate } from './types';
import { requireNonNegativeInteger, requireOpenUnitInterval, requirePositiveInteger } from './validation';

/**
 * Wilson score interval for a binomial proportion.
 *
 * Method: invert the score test, E. B. Wilson (1927), "Probable inference, the
 * law of succession, and statistical inference", JASA 22(158):209-212. Brown,
 * Cai & DasGupta (2001), Statistical Science 16(2):101-133, recommend it over
 * the Wald interval, which collapses to zero width at 0 or n successes and
 * under-covers for the small rates typical of campaign conversion.
 *
 * Example: wilsonInterval(267, 21307, 0.95) -> { estimate: 0.012531, lower: 0.011123, upper: 0.014115 }
 * (Hillstrom Mens E-Mail conversion).
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): IntervalEstimate {
  const fn = 'wilsonInterval';
  requirePositiveInteger(fn, 'n', n);
  requireNonNegativeInteger(fn, 'successes', successes);
  if (successes > n) {
    throw new RangeError(`${fn} requires successes <= n, got ${successes} > ${n}`);
  }
  requireOpenUnitInterval(fn, 'confidence', confidence);

  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At 0 or n successes the bound is exactly 0 or 1; clamping removes the
  // last-bit rounding so callers can test equality with the boundary.
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}
