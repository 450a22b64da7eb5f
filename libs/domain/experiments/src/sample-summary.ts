import { requireFiniteNumber, requireNonNegativeInteger, requirePositiveInteger } from './validation';

/**
 * Sufficient statistics of one sample for mean comparisons. Callers that
 * aggregate in SQL build it from COUNT, SUM and SUM of squares with
 * `summaryFromSums`; callers holding raw values use `summariseSample`.
 */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number;
  /** Unbiased sample variance (divisor n - 1); NaN when n = 1. */
  readonly variance: number;
}

/**
 * Mean and unbiased variance of raw values, by Welford's one-pass update.
 *
 * Method: B. P. Welford (1962), "Note on a method for calculating corrected
 * sums of squares and products", Technometrics 4(3):419-420. It avoids the
 * cancellation of sum(x²) - n·mean² when the mean is large against the spread.
 *
 * Example: summariseSample([2, 4, 4, 4, 5, 5, 7, 9]) -> { n: 8, mean: 5, variance: 4.571428571428571 }
 * (numpy.var(ddof=1) gives 32/7).
 */
export function summariseSample(values: readonly number[]): SampleSummary {
  const fn = 'summariseSample';
  if (!Array.isArray(values) || values.length < 1) {
    throw new RangeError(`${fn} requires at least 1 value, got ${Array.isArray(values) ? 0 : String(values)}`);
  }
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    requireFiniteNumber(fn, `values[${i}]`, x);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  const n = values.length;
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : Number.NaN };
}

/**
 * Sample summary from SQL-style aggregates: COUNT(*), SUM(x), SUM(x*x).
 *
 * Method: variance = (Σx² - (Σx)²/n) / (n - 1), the textbook computing formula
 * (e.g. Chan, Golub & LeVeque (1983), The American Statistician 37(3):242-247,
 * which also explains its cancellation when |mean| >> sd; revenue per member
 * is far from that regime). Tiny negative results of rounding become 0.
 *
 * Example: summaryFromSums(8, 40, 232) -> { n: 8, mean: 5, variance: 4.571428571428571 }.
 */
export function summaryFromSums(n: number, sum: number, sumOfSquares: number): SampleSummary {
  const fn = 'summaryFromSums';
  requirePositiveInteger(fn, 'n', n);
  requireFiniteNumber(fn, 'sum', sum);
  requireFiniteNumber(fn, 'sumOfSquares', sumOfSquares);
  if (sumOfSquares < 0) {
    throw new RangeError(`${fn} requires sumOfSquares >= 0, got ${sumOfSquares}`);
  }
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumOfSquares - sum * mean) / (n - 1)) : Number.NaN;
  return { n, mean, variance };
}

/** Checks a summary handed in by a caller (used by every function that takes one). */
export function requireSampleSummary(fn: string, label: string, s: SampleSummary, minN: number): void {
  requireNonNegativeInteger(fn, `${label}.n`, s.n);
  if (s.n < minN) {
    throw new RangeError(`${fn} requires at least ${minN} values in each sample, got ${label}.n = ${s.n}`);
  }
  requireFiniteNumber(fn, `${label}.mean`, s.mean);
  requireFiniteNumber(fn, `${label}.variance`, s.variance);
  if (s.variance < 0) {
    throw new RangeError(`${fn} requires ${label}.variance >= 0, got ${s.variance}`);
  }
}
