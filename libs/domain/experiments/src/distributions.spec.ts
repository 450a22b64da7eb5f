import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  betaQuantile,
  chiSquareUpperTail,
  normalQuantile,
  normalTwoSidedP,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions';

// Guards the jStat wrapper against scipy 1.17, including the tails the tests rely on.
describe('distribution wrappers', () => {
  it('match scipy', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12); // scipy.stats.norm.ppf(0.975)
    expect(normalTwoSidedP(7.385114410925771) / 1.5232235005955427e-13).toBeCloseTo(1, 4); // 2*norm.sf(7.385...)
    expect(studentTQuantile(0.975, 7.5)).toBeCloseTo(2.333039626864974, 7); // scipy.stats.t.ppf(0.975, 7.5)
    expect(studentTTwoSidedP(2.1, 7.5)).toBeCloseTo(0.07123707145807809, 10); // 2*t.sf(2.1, 7.5)
    expect(studentTTwoSidedP(-2.1, 7.5)).toBeCloseTo(0.07123707145807809, 10);
    expect(chiSquareUpperTail(7.3, 2)).toBeCloseTo(0.02599112877875535, 12); // scipy.stats.chi2.sf(7.3, 2)
    expect(betaCdf(0.3, 3, 5)).toBeCloseTo(0.3529305, 10); // scipy.special.betainc(3, 5, 0.3)
    expect(betaQuantile(0.025, 11, 91)).toBeCloseTo(0.055637223835302965, 7); // scipy.stats.beta.ppf(0.025, 11, 91)
  });

  it('fall back to the normal for unbounded degrees of freedom and keep edge values exact', () => {
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
    expect(studentTTwoSidedP(Infinity, 10)).toBe(0);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(betaCdf(0, 2, 3)).toBe(0);
    expect(betaCdf(1, 2, 3)).toBe(1);
  });
});
