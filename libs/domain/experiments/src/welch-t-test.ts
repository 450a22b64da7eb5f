import { studentTQuantile, studentTTwoSidedP } from './distributions';
import { relativeLift } from './relative-lift';
import { requireSampleSummary, type SampleSummary } from './sample-summary';
import type { IntervalEstimate } from './types';
import { requireOpenUnitInterval } from './validation';

export interface WelchTTestOptions {
  /** Confidence level of the intervals; default 0.95. */
  readonly confidence?: number;
}

export interface WelchTTestResult {
  /** b.mean - a.mean with its Welch t interval. */
  readonly difference: IntervalEstimate;
  /** b.mean / a.mean - 1, delta method on the log ratio; null unless both means are positive. */
  readonly relativeLift: IntervalEstimate | null;
  readonly standardError: number;
  /** difference / standardError; positive when b has the larger mean. */
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly degreesOfFreedom: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * Welch's unequal-variance t-test of a (control) against b (treatment), from
 * summaries, so the caller can aggregate in SQL.
 *
 * Method: t = (mean_b - mean_a) / sqrt(v_a/n_a + v_b/n_b) with the
 * Welch–Satterthwaite degrees of freedom. Sources: B. L. Welch (1947),
 * Biometrika 34(1-2):28-35; F. E. Satterthwaite (1946), Biometrics Bulletin
 * 2(6):110-114. Chosen over Student's pooled test because treatment often
 * changes the spread of revenue, not just its mean. Equivalent to
 * scipy.stats.ttest_ind_from_stats(..., equal_var=False).
 *
 * With zero variance in both samples there is no noise: t = 0 and p = 1 when
 * the means agree, t = ±Infinity and p = 0 when they differ.
 *
 * Example: welchTTest({n: 21306, mean: 0.652789, variance: 134.286}, {n: 21307, mean: 1.422617, variance: 315.212}).t ≈ 5.300
 * (Hillstrom Mens E-Mail vs No E-Mail spend, p ≈ 1.16e-7).
 */
export function welchTTest(a: SampleSummary, b: SampleSummary, options: WelchTTestOptions = {}): WelchTTestResult {
  const fn = 'welchTTest';
  requireSampleSummary(fn, 'a', a, 2);
  requireSampleSummary(fn, 'b', b, 2);
  const confidence = options.confidence ?? 0.95;
  requireOpenUnitInterval(fn, 'confidence', confidence);

  const varMeanA = a.variance / a.n;
  const varMeanB = b.variance / b.n;
  const se2 = varMeanA + varMeanB;
  const se = Math.sqrt(se2);
  const diff = b.mean - a.mean;

  if (se === 0) {
    const t = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
    return {
      difference: { estimate: diff, lower: diff, upper: diff },
      relativeLift: relativeLift(b.mean, 0, a.mean, 0, 0),
      standardError: 0,
      t,
      degreesOfFreedom: a.n + b.n - 2,
      pValue: diff === 0 ? 1 : 0,
    };
  }

  const df = (se2 * se2) / ((varMeanA * varMeanA) / (a.n - 1) + (varMeanB * varMeanB) / (b.n - 1));
  const t = diff / se;
  const tCrit = studentTQuantile(1 - (1 - confidence) / 2, df);
  return {
    difference: { estimate: diff, lower: diff - tCrit * se, upper: diff + tCrit * se },
    relativeLift: relativeLift(b.mean, varMeanB, a.mean, varMeanA, tCrit),
    standardError: se,
    t,
    degreesOfFreedom: df,
    pValue: studentTTwoSidedP(t, df),
  };
}
