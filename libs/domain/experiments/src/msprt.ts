import { requireSampleSummary, type SampleSummary } from './sample-summary';
import type { ProportionCounts } from './types';
import { requireFiniteNumber, requireOpenUnitInterval, requirePositiveNumber, requireProportionCounts } from './validation';

export interface MsprtOptions {
  /**
   * τ², the variance of the normal mixing distribution over the true
   * difference. Match it to the effects you expect: Johari et al. (2017)
   * show power is best when τ is near the effect size, e.g. the square of the
   * planned minimum detectable effect (0.005² for a 0.5 pp conversion lift).
   */
  readonly mixtureVariance: number;
  /** Error level of the confidence sequence and of `rejectNull`; default 0.05. */
  readonly alpha?: number;
  /** Difference under the null hypothesis; default 0. */
  readonly nullValue?: number;
}

/** What a caller stores between looks so the p-value only falls and the interval only shrinks. */
export interface MsprtState {
  readonly pValue: number;
  readonly lower: number;
  readonly upper: number;
}

export interface MsprtResult extends MsprtState {
  /** The observed difference (treatment - control) at this look. */
  readonly estimate: number;
  /** Its estimated variance. */
  readonly variance: number;
  /** Mixture likelihood ratio Λ against the null at this look. */
  readonly likelihoodRatio: number;
  /** True once the always-valid p-value is at or below alpha; safe to stop at any time. */
  readonly rejectNull: boolean;
}

/**
 * Mixture sequential probability ratio test (mSPRT) with a normal mixture,
 * on a difference whose estimate is approximately normal. The p-value is
 * valid however often and whenever the dashboard looks, and the interval is
 * a confidence sequence: it covers the true difference at all looks at once.
 *
 * Method: Johari, Koomen, Pekelis & Walsh (2017), "Peeking at A/B Tests",
 * KDD '17, §4; Johari, Pekelis & Walsh, "Always Valid Inference: Continuous
 * Monitoring of A/B Tests", arXiv:1512.04922 (Operations Research 70(3), 2022).
 * With estimate d, its variance V and mixing variance τ²:
 *   Λ = sqrt(V / (V + τ²)) · exp(τ² (d - θ0)² / (2 V (V + τ²)))
 *   p = min(previous p, 1 / Λ)
 *   interval: d ± sqrt(2 V (V + τ²) / τ² · (ln(1/α) + ½ ln((V + τ²) / V))),
 *   intersected with the previous interval.
 * V is the plug-in variance of the estimate, the large-sample version of the
 * paper's two-stream test.
 *
 * Example: mixtureSprt(0.01, 0.000004, { mixtureVariance: 0.0001 }).pValue ≈ 3.073e-5.
 */
export function mixtureSprt(estimate: number, variance: number, options: MsprtOptions, previous?: MsprtState): MsprtResult {
  const fn = 'mixtureSprt';
  requireFiniteNumber(fn, 'estimate', estimate);
  requirePositiveNumber(fn, 'variance', variance);
  requirePositiveNumber(fn, 'options.mixtureVariance', options.mixtureVariance);
  const alpha = options.alpha ?? 0.05;
  requireOpenUnitInterval(fn, 'options.alpha', alpha);
  const nullValue = options.nullValue ?? 0;
  requireFiniteNumber(fn, 'options.nullValue', nullValue);

  const tau2 = options.mixtureVariance;
  const v = variance;
  const d = estimate - nullValue;
  const logLambda = 0.5 * Math.log(v / (v + tau2)) + (tau2 * d * d) / (2 * v * (v + tau2));
  const halfWidth = Math.sqrt(((2 * v * (v + tau2)) / tau2) * (Math.log(1 / alpha) + 0.5 * Math.log((v + tau2) / v)));
  // Working in logs keeps Λ finite in the exponent; 1/Λ underflows to 0 harmlessly.
  const pNow = Math.min(1, Math.exp(-logLambda));
  const pValue = previous ? Math.min(previous.pValue, pNow) : pNow;
  let lower = estimate - halfWidth;
  let upper = estimate + halfWidth;
  if (previous) {
    lower = Math.max(lower, previous.lower);
    upper = Math.min(upper, previous.upper);
  }
  return {
    estimate,
    variance: v,
    likelihoodRatio: Math.exp(logLambda),
    pValue,
    lower,
    upper,
    rejectNull: pValue <= alpha,
  };
}

/**
 * mSPRT for the difference of two conversion rates (treatment b minus
 * control a), with the unpooled variance p(1-p)/n per arm.
 *
 * Example: msprtTwoProportions({successes: 500, n: 10000}, {successes: 600, n: 10000}, { mixtureVariance: 0.0001 }).pValue ≈ 0.04168.
 */
export function msprtTwoProportions(a: ProportionCounts, b: ProportionCounts, options: MsprtOptions, previous?: MsprtState): MsprtResult {
  requireProportionCounts('msprtTwoProportions', 'a', a);
  requireProportionCounts('msprtTwoProportions', 'b', b);
  const pA = a.successes / a.n;
  const pB = b.successes / b.n;
  const variance = (pA * (1 - pA)) / a.n + (pB * (1 - pB)) / b.n;
  if (!(variance > 0)) {
    throw new RangeError('msprtTwoProportions requires at least one arm with both successes and failures (the variance is 0 otherwise)');
  }
  return mixtureSprt(pB - pA, variance, options, previous);
}

/**
 * mSPRT for the difference of two means (treatment b minus control a) from
 * summaries, with variance v_a/n_a + v_b/n_b.
 *
 * Example: msprtTwoMeans({n: 1000, mean: 10, variance: 25}, {n: 1000, mean: 10.8, variance: 25}, { mixtureVariance: 0.25 }).pValue ≈ 0.01183.
 */
export function msprtTwoMeans(a: SampleSummary, b: SampleSummary, options: MsprtOptions, previous?: MsprtState): MsprtResult {
  requireSampleSummary('msprtTwoMeans', 'a', a, 2);
  requireSampleSummary('msprtTwoMeans', 'b', b, 2);
  const variance = a.variance / a.n + b.variance / b.n;
  if (!(variance > 0)) {
    throw new RangeError('msprtTwoMeans requires a positive variance in at least one sample');
  }
  return mixtureSprt(b.mean - a.mean, variance, options, previous);
}
