import { normalQuantile, normalTwoSidedP } from './distributions';
import { relativeLift } from './relative-lift';
import type { IntervalEstimate, ProportionCounts } from './types';
import { requireOpenUnitInterval, requireProportionCounts } from './validation';

export interface TwoProportionZTestOptions {
  /** Confidence level of the lift intervals; default 0.95. */
  readonly confidence?: number;
}

export interface TwoProportionZTestResult {
  readonly controlRate: number;
  readonly treatmentRate: number;
  /** (treatmentRate - controlRate) / pooled SE; positive when the treatment converts more. */
  readonly z: number;
  /** Two-sided p-value of z. */
  readonly pValue: number;
  /** Pooled standard error used for z. */
  readonly pooledStandardError: number;
  /** Unpooled standard error used for the absolute-lift interval. */
  readonly unpooledStandardError: number;
  /** treatmentRate - controlRate, Wald interval with the unpooled SE. */
  readonly absoluteLift: IntervalEstimate;
  /** treatmentRate / controlRate - 1, Katz log (delta-method) interval; null if either arm has 0 successes. */
  readonly relativeLift: IntervalEstimate | null;
}

/**
 * Two-proportion z-test, control `a` against treatment `b`.
 *
 * Method: the test uses the pooled standard error (the variance under the
 * null hypothesis p_a = p_b), so z² equals Pearson's chi-square on the 2x2
 * table without continuity correction; the interval for the difference uses
 * the unpooled (Wald) standard error, because under the alternative the arms
 * have different variances. Source: Agresti, Categorical Data Analysis (3rd
 * ed., 2013), §2.2 and §3.1; Fleiss, Levin & Paik, Statistical Methods for
 * Rates and Proportions (3rd ed., 2003), §4.2. Relative lift: delta method on
 * the log ratio (Katz et al. 1978), see `relativeLift`.
 *
 * When both arms are at 0 % or both at 100 % there is no variance and no
 * evidence: z = 0 and p = 1.
 *
 * Example: twoProportionZTest({successes: 122, n: 21306}, {successes: 267, n: 21307}).z ≈ 7.385
 * (Hillstrom Mens E-Mail vs No E-Mail conversion, p ≈ 1.52e-13).
 */
export function twoProportionZTest(
  a: ProportionCounts,
  b: ProportionCounts,
  options: TwoProportionZTestOptions = {},
): TwoProportionZTestResult {
  const fn = 'twoProportionZTest';
  requireProportionCounts(fn, 'a', a);
  requireProportionCounts(fn, 'b', b);
  const confidence = options.confidence ?? 0.95;
  requireOpenUnitInterval(fn, 'confidence', confidence);

  const pA = a.successes / a.n;
  const pB = b.successes / b.n;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const varMeanA = (pA * (1 - pA)) / a.n;
  const varMeanB = (pB * (1 - pB)) / b.n;
  const unpooledSe = Math.sqrt(varMeanA + varMeanB);
  const diff = pB - pA;
  const z = pooledSe > 0 ? diff / pooledSe : 0;
  const zCrit = normalQuantile(1 - (1 - confidence) / 2);

  return {
    controlRate: pA,
    treatmentRate: pB,
    z,
    pValue: pooledSe > 0 ? normalTwoSidedP(z) : 1,
    pooledStandardError: pooledSe,
    unpooledStandardError: unpooledSe,
    absoluteLift: { estimate: diff, lower: diff - zCrit * unpooledSe, upper: diff + zCrit * unpooledSe },
    relativeLift: relativeLift(pB, varMeanB, pA, varMeanA, zCrit),
  };
}
