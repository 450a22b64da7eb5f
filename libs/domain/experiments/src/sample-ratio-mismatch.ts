import { chiSquareUpperTail } from './distributions';
import { requireNonNegativeInteger, requireOpenUnitInterval } from './validation';

/** p-value below which a split counts as a mismatch; the convention of Fabijan et al. (2019). */
export const SRM_P_VALUE_THRESHOLD = 0.001;

export interface SampleRatioMismatchOptions {
  /** Flag when the p-value is below this; default 0.001. */
  readonly threshold?: number;
}

export interface SampleRatioMismatchResult {
  readonly chiSquare: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  readonly expectedCounts: number[];
  readonly observedShares: number[];
  readonly expectedShares: number[];
  /** True when pValue < threshold: the assignment or the logging is broken; do not trust the results. */
  readonly flagged: boolean;
}

/**
 * Sample-ratio-mismatch check: Pearson chi-square goodness of fit of the
 * observed members per variant against the intended weights.
 *
 * Method: X² = Σ (O - E)² / E with k - 1 degrees of freedom (Pearson 1900).
 * Practice and the 0.001 threshold: Fabijan, Gupchup, Gupta, Omhover, Qin,
 * Vermeer & Dmitriev (2019), "Diagnosing Sample Ratio Mismatch in Online
 * Controlled Experiments", KDD '19; Kohavi, Tang & Xu, Trustworthy Online
 * Controlled Experiments (2020), ch. 21. The strict threshold keeps false
 * alarms rare because every experiment is checked. Equivalent to
 * scipy.stats.chisquare(observed, expected).
 *
 * Example: sampleRatioMismatch([52000, 48000], [1, 1]) -> { chiSquare: 160, flagged: true, ... }.
 */
export function sampleRatioMismatch(
  observedCounts: readonly number[],
  expectedWeights: readonly number[],
  options: SampleRatioMismatchOptions = {},
): SampleRatioMismatchResult {
  const fn = 'sampleRatioMismatch';
  if (!Array.isArray(observedCounts) || !Array.isArray(expectedWeights)) {
    throw new TypeError(`${fn} requires arrays of observed counts and expected weights`);
  }
  if (observedCounts.length < 2 || observedCounts.length !== expectedWeights.length) {
    throw new RangeError(
      `${fn} requires at least 2 variants and one weight per observed count, got ${observedCounts.length} counts and ${expectedWeights.length} weights`,
    );
  }
  const threshold = options.threshold ?? SRM_P_VALUE_THRESHOLD;
  requireOpenUnitInterval(fn, 'threshold', threshold);
  observedCounts.forEach((c, i) => requireNonNegativeInteger(fn, `observedCounts[${i}]`, c));
  expectedWeights.forEach((w, i) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) {
      throw new RangeError(`${fn} requires expectedWeights[${i}] to be a positive finite number, got ${String(w)}`);
    }
  });

  const total = observedCounts.reduce((s, c) => s + c, 0);
  if (total === 0) {
    throw new RangeError(`${fn} requires at least 1 observed member in total, got 0`);
  }
  const weightTotal = expectedWeights.reduce((s, w) => s + w, 0);
  const expectedShares = expectedWeights.map((w) => w / weightTotal);
  const expectedCounts = expectedShares.map((s) => s * total);
  const chiSquare = observedCounts.reduce((sum, o, i) => {
    const e = expectedCounts[i] as number;
    return sum + ((o - e) * (o - e)) / e;
  }, 0);
  const degreesOfFreedom = observedCounts.length - 1;
  const pValue = chiSquareUpperTail(chiSquare, degreesOfFreedom);
  return {
    chiSquare,
    degreesOfFreedom,
    pValue,
    expectedCounts,
    observedShares: observedCounts.map((c) => c / total),
    expectedShares,
    flagged: pValue < threshold,
  };
}
