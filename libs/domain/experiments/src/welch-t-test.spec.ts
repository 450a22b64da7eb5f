import { describe, expect, it } from 'vitest';
import { summariseSample } from './sample-summary';
import { welchTTest } from './welch-t-test';

// Reference: scipy 1.17.
//  r = scipy.stats.ttest_ind(b, a, equal_var=False); r.statistic, r.pvalue, r.df, r.confidence_interval(0.95)
//  scipy.stats.ttest_ind_from_stats(10, 2, 30, 11.5, 3, 25, equal_var=False) (sign flipped: scipy tests a - b)
describe('welchTTest', () => {
  it('matches scipy.stats.ttest_ind(equal_var=False) on raw samples', () => {
    const a = summariseSample([1, 2, 3, 4, 5]);
    const b = summariseSample([2, 4, 6, 8, 10, 12]);
    const r = welchTTest(a, b);
    expect(r.t).toBeCloseTo(2.3763541031440183, 12);
    expect(r.degreesOfFreedom).toBeCloseTo(6.972255729794934, 10);
    expect(r.pValue).toBeCloseTo(0.04928433820673053, 8);
    expect(r.difference.estimate).toBeCloseTo(4, 12);
    expect(r.difference.lower).toBeCloseTo(0.016531304371169675, 6);
    expect(r.difference.upper).toBeCloseTo(7.98346869562883, 6);
    const r90 = welchTTest(a, b, { confidence: 0.9 });
    expect(r90.difference.lower).toBeCloseTo(0.809038772005434, 6);
    expect(r90.difference.upper).toBeCloseTo(7.190961227994565, 6);
  });

  it('matches scipy.stats.ttest_ind_from_stats on summaries', () => {
    const r = welchTTest({ n: 30, mean: 10, variance: 4 }, { n: 25, mean: 11.5, variance: 9 });
    expect(r.t).toBeCloseTo(2.135605490443123, 12);
    expect(r.pValue).toBeCloseTo(0.03881197166631032, 8);
  });

  it('gives the doc example from rounded Hillstrom summaries', () => {
    const r = welchTTest({ n: 21306, mean: 0.652789, variance: 134.286 }, { n: 21307, mean: 1.422617, variance: 315.212 });
    expect(r.t.toFixed(3)).toBe('5.300');
  });

  it('handles samples without variance', () => {
    const same = welchTTest({ n: 10, mean: 0, variance: 0 }, { n: 12, mean: 0, variance: 0 });
    expect(same).toMatchObject({ t: 0, pValue: 1 });
    const apart = welchTTest({ n: 10, mean: 0, variance: 0 }, { n: 12, mean: 1, variance: 0 });
    expect(apart).toMatchObject({ t: Infinity, pValue: 0 });
  });

  it('says what it requires', () => {
    expect(() => welchTTest({ n: 1, mean: 3, variance: Number.NaN }, { n: 5, mean: 1, variance: 1 })).toThrow(
      'welchTTest requires at least 2 values in each sample, got a.n = 1',
    );
    expect(() => welchTTest({ n: 5, mean: 3, variance: -1 }, { n: 5, mean: 1, variance: 1 })).toThrow(
      'welchTTest requires a.variance >= 0, got -1',
    );
  });
});
