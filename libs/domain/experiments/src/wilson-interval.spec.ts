import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval';

// Reference: scipy 1.17,
//   scipy.stats.binomtest(k, n).proportion_ci(confidence_level=c, method='wilson')
describe('wilsonInterval', () => {
  it.each([
    [267, 21307, 0.95, 0.011122885010307802, 0.014115041885257276],
    [189, 21387, 0.95, 0.007668063369361124, 0.010182635003387487],
    [122, 21306, 0.95, 0.004798205845961411, 0.006832169692008917],
    [3, 7, 0.95, 0.1582198552514697, 0.7495416354723428],
    [267, 21307, 0.99, 0.010714326131752981, 0.014651356410141295],
  ])('%i of %i at %f matches scipy', (k, n, c, lower, upper) => {
    const ci = wilsonInterval(k, n, c);
    expect(ci.estimate).toBeCloseTo(k / n, 15);
    expect(ci.lower).toBeCloseTo(lower, 9);
    expect(ci.upper).toBeCloseTo(upper, 9);
  });

  it('stays inside [0, 1] and keeps width at 0 and n successes, where the Wald interval collapses', () => {
    expect(wilsonInterval(0, 10)).toEqual({ estimate: 0, lower: 0, upper: expect.closeTo(0.27753279986288926, 9) });
    const all = wilsonInterval(10, 10);
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(0.7224672001371109, 9);
  });

  it('defaults to 95 % (doc example)', () => {
    const ci = wilsonInterval(267, 21307);
    expect(ci.estimate).toBeCloseTo(0.012531, 6);
    expect(ci.lower).toBeCloseTo(0.011123, 6);
    expect(ci.upper).toBeCloseTo(0.014115, 6);
  });

  it('says what it requires', () => {
    expect(() => wilsonInterval(5, 3)).toThrow('wilsonInterval requires successes <= n, got 5 > 3');
    expect(() => wilsonInterval(1, 0)).toThrow('wilsonInterval requires n to be a positive integer, got 0');
    expect(() => wilsonInterval(1.5, 10)).toThrow('wilsonInterval requires successes to be a non-negative integer');
    expect(() => wilsonInterval(1, 10, 95)).toThrow('wilsonInterval requires confidence strictly between 0 and 1, got 95');
  });
});
