import type { IntervalEstimate } from './types';

/**
 * Relative lift treatment/control - 1 with a confidence interval from the
 * delta method on the log ratio.
 *
 * Method: Var(log(mB/mA)) ≈ Var(mB)/mB² + Var(mA)/mA², interval
 * exp(log(mB/mA) ± z·se) - 1. For proportions this is the Katz log interval
 * for the risk ratio: Katz, Baptista, Azen & Pike (1978), Biometrics
 * 34(3):469-474, the interval scipy.stats.contingency.relative_risk reports.
 * The log scale keeps the lower bound above -100 % and gives the skewed
 * interval a ratio has, which a symmetric delta interval on the ratio misses.
 *
 * Returns null when either mean is not positive, where the ratio or its log
 * is undefined (e.g. no conversions yet in an arm).
 *
 * Example: relativeLift(267/21307, v(267/21307), 122/21306, v(122/21306), 1.96).estimate ≈ 1.1884
 * (Hillstrom Mens vs No E-Mail conversion; lower 0.7680, upper 1.7088).
 */
export function relativeLift(
  treatmentMean: number,
  treatmentVarianceOfMean: number,
  controlMean: number,
  controlVarianceOfMean: number,
  z: number,
): IntervalEstimate | null {
  if (!(treatmentMean > 0) || !(controlMean > 0)) return null;
  const logRatio = Math.log(treatmentMean / controlMean);
  const se = Math.sqrt(treatmentVarianceOfMean / (treatmentMean * treatmentMean) + controlVarianceOfMean / (controlMean * controlMean));
  return {
    estimate: treatmentMean / controlMean - 1,
    lower: Math.exp(logRatio - z * se) - 1,
    upper: Math.exp(logRatio + z * se) - 1,
  };
}
