// jStat's incomplete beta is good to about 1e-8 relative, which bounds the
// agreement below (7 decimals for probabilities, 8 for losses).
import { describe, expect, it } from 'vitest';
import { betaBinomialArms, chanceToBeatControl, expectedLoss } from './beta-binomial';

// Reference values: Python 3 / scipy 1.17.
//  - chance to beat control: Evan Miller's closed form,
//    sum(exp(betaln(aA+i, bA+bB) - log(bB+i) - betaln(1+i, bB) - betaln(aA, bA)) for i in range(aB)),
//    with scipy.special.betaln, cross-checked by scipy.integrate.quad of beta.pdf(x, *T) * beta.cdf(x, *C).
//  - expected loss: lo + scipy.integrate.quad(lambda x: 1 - prod(beta.cdf(x, *p) for p in posts), lo, hi)
//    minus beta.mean of the chosen arm (lo, hi = beta.ppf(1e-15) / beta.isf(1e-15) over the arms).
//  - several arms: scipy.integrate.quad of beta.pdf(x, *posts[k]) * prod(beta.cdf(x, *posts[j]) for j != k).
// Posteriors use the uniform prior: Beta(1 + successes, 1 + failures).

describe('chanceToBeatControl', () => {
  it.each([
    [{ successes: 10, n: 100 }, { successes: 15, n: 100 }, 0.8532837899338428],
    [{ successes: 122, n: 21306 }, { successes: 189, n: 21387 }, 0.9999238490571642],
    [{ successes: 0, n: 50 }, { successes: 1, n: 50 }, 0.7524752475247527],
    [{ successes: 500, n: 1000 }, { successes: 480, n: 1000 }, 0.18562050075823194],
    // a tight control (1 % of a million) beside a wide new arm: the grid must resolve both
    [{ successes: 10000, n: 1000000 }, { successes: 2, n: 150 }, 0.8069099988446335],
  ])('matches the closed form for %o vs %o', (control, treatment, expected) => {
    expect(chanceToBeatControl(control, treatment)).toBeCloseTo(expected, 6);
  });

  it('is near certain for Hillstrom Mens E-Mail against No E-Mail', () => {
    expect(chanceToBeatControl({ successes: 122, n: 21306 }, { successes: 267, n: 21307 })).toBeGreaterThan(0.9999999);
  });

  it('is exactly one half for identical arms and symmetric when swapped', () => {
    const a = { successes: 37, n: 400 };
    const b = { successes: 45, n: 410 };
    expect(chanceToBeatControl(a, { ...a })).toBeCloseTo(0.5, 7);
    expect(chanceToBeatControl(a, b) + chanceToBeatControl(b, a)).toBeCloseTo(1, 7);
  });

  it('is the same on every call (no randomness)', () => {
    const c = { successes: 10, n: 100 };
    const t = { successes: 15, n: 100 };
    expect(chanceToBeatControl(c, t)).toBe(chanceToBeatControl(c, t));
  });

  it('accepts a stronger prior, which pulls the arms together', () => {
    const c = { successes: 10, n: 100 };
    const t = { successes: 15, n: 100 };
    const weak = chanceToBeatControl(c, t);
    const strong = chanceToBeatControl(c, t, { prior: { alpha: 10, beta: 90 } });
    expect(strong).toBeLessThan(weak);
    expect(strong).toBeGreaterThan(0.5);
  });

  it('refuses a prior with shapes below 1 and impossible counts', () => {
    expect(() => chanceToBeatControl({ successes: 1, n: 10 }, { successes: 2, n: 10 }, { prior: { alpha: 0.5, beta: 0.5 } })).toThrow(
      'chanceToBeatControl requires prior alpha and beta >= 1',
    );
    expect(() => chanceToBeatControl({ successes: 11, n: 10 }, { successes: 2, n: 10 })).toThrow(
      'chanceToBeatControl requires control.successes <= control.n',
    );
  });
});

describe('expectedLoss', () => {
  it.each([
    [{ successes: 10, n: 100 }, { successes: 15, n: 100 }, 0.00357808813071106, 0.05259769597384831],
    [{ successes: 122, n: 21306 }, { successes: 189, n: 21387 }, 1.4896116335219589e-8, 0.0031106058136252104],
    [{ successes: 0, n: 50 }, { successes: 1, n: 50 }, 0.0046676624346527265, 0.02389843166542196],
    [{ successes: 500, n: 1000 }, { successes: 480, n: 1000 }, 0.02222662857884894, 0.0022665487385296057],
  ])('matches scipy quadrature for %o vs %o', (control, treatment, chooseTreatment, chooseControl) => {
    const loss = expectedLoss(control, treatment);
    expect(loss.chooseTreatment).toBeCloseTo(chooseTreatment, 8);
    expect(loss.chooseControl).toBeCloseTo(chooseControl, 8);
    // loss(control) - loss(treatment) is exactly the difference of posterior means
    expect(loss.chooseControl - loss.chooseTreatment).toBeCloseTo(
      (treatment.successes + 1) / (treatment.n + 2) - (control.successes + 1) / (control.n + 2),
      12,
    );
  });
});

describe('betaBinomialArms', () => {
  const arms = [
    { successes: 10, n: 100 },
    { successes: 15, n: 100 },
    { successes: 12, n: 100 },
  ];

  it('matches scipy for three arms', () => {
    const result = betaBinomialArms(arms);
    const best = result.arms.map((a) => a.probabilityToBeBest);
    [0.0971046273698009, 0.6645701169822944, 0.23832525564790366].forEach((p, k) => expect(best[k]).toBeCloseTo(p, 7));
    expect(best.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 7);
    [0.05918621618349401, 0.010166608340356764, 0.039578373046239124].forEach((l, k) =>
      expect(result.arms[k]?.expectedLoss).toBeCloseTo(l, 8),
    );
    // scipy.stats.beta.ppf(0.025 / 0.975, 11, 91)
    expect(result.arms[0]?.rate.lower).toBeCloseTo(0.055637223835302965, 7);
    expect(result.arms[0]?.rate.upper).toBeCloseTo(0.17455282607711903, 7);
    expect(result.arms[0]?.chanceToBeatControl).toBeNull();
    expect(result.arms[1]?.chanceToBeatControl).toBeCloseTo(0.8532837899338428, 7);
  });

  it('matches scipy on the three Hillstrom arms', () => {
    const result = betaBinomialArms([
      { successes: 122, n: 21306 },
      { successes: 267, n: 21307 },
      { successes: 189, n: 21387 },
    ]);
    expect(result.arms[1]?.probabilityToBeBest).toBeCloseTo(0.9998991230668386, 7);
    expect(result.arms[2]?.probabilityToBeBest).toBeCloseTo(0.00010087693313205999, 7);
    expect(result.arms[0]?.expectedLoss).toBeCloseTo(0.006804389798869856, 10);
    expect(result.arms[1]?.expectedLoss).toBeCloseTo(2.4154298068623792e-8, 10);
  });

  it('does not mutate its input and honours controlIndex', () => {
    const copy = JSON.parse(JSON.stringify(arms));
    const result = betaBinomialArms(arms, { controlIndex: 1 });
    expect(arms).toEqual(copy);
    expect(result.arms[1]?.chanceToBeatControl).toBeNull();
    expect(result.arms[0]?.chanceToBeatControl).toBeCloseTo(1 - 0.8532837899338428, 7);
  });

  it('says what it needs', () => {
    expect(() => betaBinomialArms([{ successes: 1, n: 2 }])).toThrow('betaBinomialArms requires at least 2 arms');
    expect(() => betaBinomialArms(arms, { controlIndex: 3 })).toThrow('betaBinomialArms requires controlIndex to index an arm');
  });
});
