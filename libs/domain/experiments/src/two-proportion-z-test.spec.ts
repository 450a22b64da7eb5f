import { describe, expect, it } from 'vitest';
import { twoProportionZTest } from './two-proportion-z-test';

// Reference: scipy 1.17.
//  z, p: chi2, p = scipy.stats.chi2_contingency([[x_b, n_b - x_b], [x_a, n_a - x_a]], correction=False)[:2];
//        z = sign(p_b - p_a) * sqrt(chi2) (pooled two-proportion z² equals Pearson's chi-square).
//  absolute CI: (p_b - p_a) ± scipy.stats.norm.ppf(0.975) * sqrt(p_a q_a / n_a + p_b q_b / n_b).
//  relative CI: scipy.stats.contingency.relative_risk(x_b, n_b, x_a, n_a).confidence_interval(0.95), minus 1.
describe('twoProportionZTest', () => {
  const control = { successes: 122, n: 21306 }; // Hillstrom No E-Mail conversions

  it('matches scipy on Hillstrom Mens E-Mail vs No E-Mail', () => {
    const r = twoProportionZTest(control, { successes: 267, n: 21307 });
    expect(r.z).toBeCloseTo(7.385114410925772, 9);
    expect(r.pValue / 1.5232235005955455e-13).toBeCloseTo(1, 4);
    expect(r.absoluteLift.estimate).toBeCloseTo(0.006805006519615695, 14);
    expect(r.absoluteLift.lower).toBeCloseTo(0.005000171380452313, 10);
    expect(r.absoluteLift.upper).toBeCloseTo(0.008609841658779076, 10);
    expect(r.relativeLift?.estimate).toBeCloseTo(2.188421876286328 - 1, 12);
    expect(r.relativeLift?.lower).toBeCloseTo(1.7679840780104203 - 1, 8);
    expect(r.relativeLift?.upper).toBeCloseTo(2.708842442743053 - 1, 8);
  });

  it('matches scipy on Hillstrom Womens E-Mail vs No E-Mail', () => {
    const r = twoProportionZTest(control, { successes: 189, n: 21387 });
    expect(r.z).toBeCloseTo(3.7795609583578478, 9);
    expect(r.pValue).toBeCloseTo(0.00015710512910668625, 10);
    expect(r.absoluteLift.lower).toBeCloseTo(0.0014986778214022348, 10);
    expect(r.absoluteLift.upper).toBeCloseTo(0.004723437200768281, 10);
    expect(r.relativeLift?.lower).toBeCloseTo(1.2301052195262971 - 1, 8);
    expect(r.relativeLift?.upper).toBeCloseTo(1.9362694451180944 - 1, 8);
  });

  it('gives a negative z and lift when the treatment converts less', () => {
    const r = twoProportionZTest({ successes: 42, n: 1000 }, { successes: 30, n: 1000 });
    expect(r.z).toBeCloseTo(-1.4403780047891934, 9);
    expect(r.pValue).toBeCloseTo(0.14976048308379125, 9);
    expect(r.absoluteLift.lower).toBeCloseTo(-0.02832027538957747, 10);
    expect(r.absoluteLift.upper).toBeCloseTo(0.0043202753895774625, 10);
    expect(r.relativeLift?.lower).toBeCloseTo(0.45080468753208197 - 1, 8);
    expect(r.relativeLift?.upper).toBeCloseTo(1.131763035619153 - 1, 8);
  });

  it('reports no evidence, not NaN, when neither arm has converted', () => {
    const r = twoProportionZTest({ successes: 0, n: 500 }, { successes: 0, n: 480 });
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
    expect(r.relativeLift).toBeNull();
  });

  it('does not mutate its inputs', () => {
    const a = Object.freeze({ successes: 10, n: 100 });
    const b = Object.freeze({ successes: 20, n: 100 });
    expect(() => twoProportionZTest(a, b)).not.toThrow();
    expect(a).toEqual({ successes: 10, n: 100 });
  });

  it('says what it requires', () => {
    expect(() => twoProportionZTest({ successes: 3, n: 2 }, control)).toThrow('twoProportionZTest requires a.successes <= a.n, got 3 > 2');
    expect(() => twoProportionZTest(control, { successes: 1, n: 0 })).toThrow(
      'twoProportionZTest requires b.n to be a positive integer, got 0',
    );
  });
});
