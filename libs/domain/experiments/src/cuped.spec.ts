import { describe, expect, it } from 'vitest';
import { cupedAdjust, cupedStatisticsFromArrays } from './cuped';
import { summariseSample } from './sample-summary';
import { welchTTest } from './welch-t-test';

// Deterministic synthetic arms: revenue Y rises with pre-period revenue X; arm B adds 0.5.
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const xa = range(40).map((i) => ((i * 37) % 101) / 10);
const ya = range(40).map((i) => 2 + 0.8 * (xa[i] as number) + ((i * 53) % 17) / 5);
const xb = range(35).map((j) => ((j * 41 + 7) % 97) / 10);
const yb = range(35).map((j) => 2.5 + 0.8 * (xb[j] as number) + ((j * 29) % 19) / 5);

// Reference: numpy 2.4 / scipy 1.17 on the same arrays.
//   x, y = concatenate([xa, xb]), concatenate([ya, yb]); theta = numpy.cov(y, x)[0, 1] / numpy.var(x, ddof=1)
//   adj_a = ya - theta * (xa - x.mean()); adj_a.mean(); adj_a.var(ddof=1)   (same for b)
//   scipy.stats.ttest_ind(adj_b, adj_a, equal_var=False) and on the raw ya, yb
describe('cupedAdjust', () => {
  const result = cupedAdjust([cupedStatisticsFromArrays(ya, xa), cupedStatisticsFromArrays(yb, xb)]);

  it('matches numpy for theta, adjusted means and variances', () => {
    expect(result.theta).toBeCloseTo(0.8027308980698675, 10);
    expect(result.arms[0]?.adjustedMean).toBeCloseTo(7.397658637741268, 10);
    expect(result.arms[1]?.adjustedMean).toBeCloseTo(8.14267584258141, 10);
    expect(result.arms[0]?.adjustedVariance).toBeCloseTo(0.9543088278256169, 9);
    expect(result.arms[1]?.adjustedVariance).toBeCloseTo(1.243523584936059, 9);
    expect(result.arms[0]?.varianceY).toBeCloseTo(7.117944615384615, 9);
  });

  it('turns a noisy comparison into a sharp one (scipy Welch on the adjusted values)', () => {
    const raw = welchTTest(summariseSample(ya), summariseSample(yb));
    expect(raw.t).toBeCloseTo(0.8892331647364163, 9);
    expect(raw.pValue).toBeCloseTo(0.37681174946361273, 7);
    const adjusted = welchTTest(result.arms[0]!.summary, result.arms[1]!.summary);
    expect(adjusted.t).toBeCloseTo(3.057178051865404, 8);
    expect(adjusted.pValue).toBeCloseTo(0.0031897840435607732, 8);
    expect(result.arms[0]?.varianceReduction).toBeGreaterThan(0.8);
  });

  it('leaves the metric unchanged when the covariate is constant', () => {
    const flat = cupedAdjust([cupedStatisticsFromArrays([1, 2, 3], [5, 5, 5]), cupedStatisticsFromArrays([2, 4, 9], [5, 5, 5])]);
    expect(flat.theta).toBe(0);
    expect(flat.arms[1]?.adjustedMean).toBe(5);
    expect(flat.arms[1]?.adjustedVariance).toBeCloseTo(13, 12);
  });

  it('matches the doc example and builds sums from arrays', () => {
    expect(cupedStatisticsFromArrays([2, 4], [1, 3])).toEqual({ n: 2, sumY: 6, sumYSquares: 20, sumX: 4, sumXSquares: 10, sumXY: 14 });
    const doc = cupedAdjust([cupedStatisticsFromArrays([2, 4, 6], [1, 2, 3]), cupedStatisticsFromArrays([3, 5, 8], [1, 2, 4])]);
    // numpy.cov(y, x)[0, 1] / numpy.var(x, ddof=1) with y = [2,4,6,3,5,8], x = [1,2,3,1,2,4]
    expect(doc.theta).toBeCloseTo(1.8048780487804879, 12);
  });

  it('does not mutate its inputs and says what it requires', () => {
    const stats = [cupedStatisticsFromArrays(ya, xa), cupedStatisticsFromArrays(yb, xb)];
    const copy = JSON.parse(JSON.stringify(stats));
    cupedAdjust(stats);
    expect(stats).toEqual(copy);
    expect(() => cupedStatisticsFromArrays([1, 2], [1])).toThrow('cupedStatisticsFromArrays requires two arrays of equal length');
    expect(() => cupedAdjust([{ n: 1, sumY: 1, sumYSquares: 1, sumX: 1, sumXSquares: 1, sumXY: 1 }])).toThrow(
      'cupedAdjust requires at least 2 members in each arm, got arms[0].n = 1',
    );
  });
});
