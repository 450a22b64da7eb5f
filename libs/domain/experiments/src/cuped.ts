import type { SampleSummary } from './sample-summary';
import { requireFiniteNumber, requirePositiveInteger } from './validation';

/**
 * Per-arm sufficient statistics of the metric Y (e.g. revenue during the
 * test) and a pre-period covariate X (e.g. the same member's revenue in the
 * period before): COUNT(*), SUM(y), SUM(y*y), SUM(x), SUM(x*x), SUM(x*y).
 */
export interface CupedArmStatistics {
  readonly n: number;
  readonly sumY: number;
  readonly sumYSquares: number;
  readonly sumX: number;
  readonly sumXSquares: number;
  readonly sumXY: number;
}

export interface CupedArmResult {
  readonly n: number;
  readonly meanY: number;
  readonly varianceY: number;
  readonly meanX: number;
  /** meanY - theta · (meanX - pooled meanX). */
  readonly adjustedMean: number;
  /** Sample variance of Y - theta·X within the arm. */
  readonly adjustedVariance: number;
  /** 1 - adjustedVariance / varianceY: the share of variance removed. */
  readonly varianceReduction: number;
  /** { n, mean: adjustedMean, variance: adjustedVariance }, ready for welchTTest. */
  readonly summary: SampleSummary;
}

export interface CupedResult {
  /** cov(Y, X) / var(X) over all members of all arms. */
  readonly theta: number;
  readonly pooledMeanX: number;
  readonly arms: CupedArmResult[];
}

function covariance(n: number, sumA: number, sumB: number, sumAB: number): number {
  return (sumAB - (sumA * sumB) / n) / (n - 1);
}

/**
 * CUPED variance reduction with a pre-period covariate, from sufficient
 * statistics so the caller can aggregate in SQL.
 *
 * Method: Deng, Xu, Kohavi & Walker (2013), "Improving the Sensitivity of
 * Online Controlled Experiments by Utilizing Pre-Experiment Data", WSDM '13,
 * §3. theta = cov(Y, X) / var(X) is estimated once on the pooled members of
 * all arms, so every arm is shifted by the same line (as the paper does);
 * because X is measured before assignment it is independent of the
 * treatment, and the adjusted difference stays unbiased. Adjusted
 * variance = var(Y) + theta²·var(X) - 2·theta·cov(Y, X) within each arm.
 * When X does not vary, theta = 0 and nothing changes.
 *
 * Example: cupedAdjust([cupedStatisticsFromArrays([2, 4, 6], [1, 2, 3]), cupedStatisticsFromArrays([3, 5, 8], [1, 2, 4])]).theta ≈ 1.804878
 * (numpy: np.cov(y, x)[0, 1] / np.var(x, ddof=1) on the pooled values).
 */
export function cupedAdjust(arms: readonly CupedArmStatistics[]): CupedResult {
  const fn = 'cupedAdjust';
  if (!Array.isArray(arms) || arms.length < 1) {
    throw new RangeError(`${fn} requires at least 1 arm of statistics`);
  }
  arms.forEach((a, i) => {
    requirePositiveInteger(fn, `arms[${i}].n`, a.n);
    if (a.n < 2) throw new RangeError(`${fn} requires at least 2 members in each arm, got arms[${i}].n = ${a.n}`);
    (['sumY', 'sumYSquares', 'sumX', 'sumXSquares', 'sumXY'] as const).forEach((k) => requireFiniteNumber(fn, `arms[${i}].${k}`, a[k]));
  });

  const total = arms.reduce(
    (t, a) => ({
      n: t.n + a.n,
      sumY: t.sumY + a.sumY,
      sumX: t.sumX + a.sumX,
      sumXSquares: t.sumXSquares + a.sumXSquares,
      sumXY: t.sumXY + a.sumXY,
    }),
    { n: 0, sumY: 0, sumX: 0, sumXSquares: 0, sumXY: 0 },
  );
  const pooledVarX = covariance(total.n, total.sumX, total.sumX, total.sumXSquares);
  const pooledCovXY = covariance(total.n, total.sumX, total.sumY, total.sumXY);
  // Rounding can leave a tiny positive variance for a constant X; treat it as none.
  const theta = pooledVarX > 1e-12 * Math.max(1, Math.abs(total.sumXSquares / total.n)) ? pooledCovXY / pooledVarX : 0;
  const pooledMeanX = total.sumX / total.n;

  return {
    theta,
    pooledMeanX,
    arms: arms.map((a) => {
      const meanY = a.sumY / a.n;
      const meanX = a.sumX / a.n;
      const varY = Math.max(0, covariance(a.n, a.sumY, a.sumY, a.sumYSquares));
      const varX = Math.max(0, covariance(a.n, a.sumX, a.sumX, a.sumXSquares));
      const covXY = covariance(a.n, a.sumX, a.sumY, a.sumXY);
      const adjustedMean = meanY - theta * (meanX - pooledMeanX);
      const adjustedVariance = Math.max(0, varY + theta * theta * varX - 2 * theta * covXY);
      return {
        n: a.n,
        meanY,
        varianceY: varY,
        meanX,
        adjustedMean,
        adjustedVariance,
        varianceReduction: varY > 0 ? 1 - adjustedVariance / varY : 0,
        summary: { n: a.n, mean: adjustedMean, variance: adjustedVariance },
      };
    }),
  };
}

/**
 * Sufficient statistics for `cupedAdjust` from raw paired values, for callers
 * that hold members in memory rather than in SQL.
 *
 * Example: cupedStatisticsFromArrays([2, 4], [1, 3]) -> { n: 2, sumY: 6, sumYSquares: 20, sumX: 4, sumXSquares: 10, sumXY: 14 }.
 */
export function cupedStatisticsFromArrays(y: readonly number[], x: readonly number[]): CupedArmStatistics {
  const fn = 'cupedStatisticsFromArrays';
  if (!Array.isArray(y) || !Array.isArray(x) || y.length !== x.length) {
    throw new RangeError(`${fn} requires two arrays of equal length (one covariate per metric value)`);
  }
  let sumY = 0;
  let sumYSquares = 0;
  let sumX = 0;
  let sumXSquares = 0;
  let sumXY = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    const xi = x[i] as number;
    requireFiniteNumber(fn, `y[${i}]`, yi);
    requireFiniteNumber(fn, `x[${i}]`, xi);
    sumY += yi;
    sumYSquares += yi * yi;
    sumX += xi;
    sumXSquares += xi * xi;
    sumXY += xi * yi;
  }
  return { n: y.length, sumY, sumYSquares, sumX, sumXSquares, sumXY };
}
