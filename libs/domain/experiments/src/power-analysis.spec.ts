import { describe, expect, it } from 'vitest';
import { expectedDuration, minimumDetectableEffect, requiredSampleSize } from './power-analysis';

// Reference: scipy 1.17, za = norm.ppf(1 - alpha/2), zb = norm.ppf(power).
//  Proportions, n per control arm (Fleiss eq. 4.14):
//    (za*sqrt(pb*(1-pb)*(1+1/r)) + zb*sqrt(p0*(1-p0) + p1*(1-p1)/r))**2 / d**2, pb = (p0 + r*p1)/(1+r);
//    for r = 1 scipy.optimize.brentq on R's power.prop.test power function
//    norm.cdf((sqrt(n)*d - za*sqrt((p0+p1)*(2-p0-p1)/2)) / sqrt(p0*(1-p0)+p1*(1-p1))) - power gives the same n.
//  Proportion MDE: scipy.optimize.brentq on the same power function with arm sizes nC, nT.
//  Means: n = (za+zb)**2 * sd**2 * (1+1/r) / d**2; MDE = (za+zb)*sd*sqrt(1/nC + 1/nT).
describe('requiredSampleSize', () => {
  it.each([
    // baseline, lift, ratio, alpha, power, exact control n
    [0.1, 0.02, 1, 0.05, 0.8, 3840.847482436272],
    [0.0057, 0.005, 1, 0.05, 0.8, 5105.465316542483],
    [0.05, 0.01, 2, 0.05, 0.8, 6186.718347748009],
    [0.05, 0.01, 0.5, 0.01, 0.9, 22969.849925001978],
  ])('proportions %f + %f, ratio %f, alpha %f, power %f', (p0, d, r, alpha, power, exact) => {
    const n = requiredSampleSize(
      { kind: 'proportion', baselineRate: p0, minimumDetectableEffect: d, allocationRatio: r },
      { alpha, power },
    );
    expect(n.control).toBe(Math.ceil(exact));
    expect(n.treatment).toBe(Math.ceil(exact * r));
    expect(n.total).toBe(n.control + n.treatment);
  });

  it('gives the doc example and R power.prop.test(p1 = .5, p2 = .75, power = .9) n = 76.7', () => {
    expect(requiredSampleSize({ kind: 'proportion', baselineRate: 0.1, minimumDetectableEffect: 0.02 })).toEqual({
      control: 3841,
      treatment: 3841,
      total: 7682,
    });
    // brentq on the R power function: 76.70692845178081
    expect(requiredSampleSize({ kind: 'proportion', baselineRate: 0.5, minimumDetectableEffect: 0.25 }, { power: 0.9 }).control).toBe(77);
  });

  it('handles means with unequal allocation', () => {
    // (za+zb)**2 * 144 * 2 / 0.25 = 9041.90945397015; with r = 1/3: 6027.939635980099 control, 3 * that treatment... inverted
    expect(requiredSampleSize({ kind: 'mean', standardDeviation: 12, minimumDetectableEffect: 0.5 }).control).toBe(9042);
    const uneven = requiredSampleSize({ kind: 'mean', standardDeviation: 12, minimumDetectableEffect: 0.5, allocationRatio: 3 });
    expect(uneven.control).toBe(Math.ceil(6027.939635980099));
    expect(uneven.treatment).toBe(Math.ceil(18083.8189079403));
  });

  it('says what it requires', () => {
    expect(() => requiredSampleSize({ kind: 'proportion', baselineRate: 0.99, minimumDetectableEffect: 0.02 })).toThrow(
      'requiredSampleSize requires baselineRate + minimumDetectableEffect < 1',
    );
    expect(() => requiredSampleSize({ kind: 'mean', standardDeviation: 1, minimumDetectableEffect: 0 })).toThrow(
      'requiredSampleSize requires minimumDetectableEffect to be a positive finite number, got 0',
    );
    expect(() => requiredSampleSize({ kind: 'mean', standardDeviation: 1, minimumDetectableEffect: 1 }, { power: 80 })).toThrow(
      'requiredSampleSize requires power strictly between 0 and 1, got 80',
    );
  });
});

describe('minimumDetectableEffect', () => {
  it('matches scipy for proportions (doc example: Hillstrom-sized arms)', () => {
    const mde = minimumDetectableEffect({ kind: 'proportion', baselineRate: 0.0057, controlSize: 21306, treatmentSize: 21307 });
    expect(mde.absolute).toBeCloseTo(0.002233323738673743, 12);
    expect(mde.relative).toBeCloseTo(0.39181118222346367, 10);
    const uneven = minimumDetectableEffect({ kind: 'proportion', baselineRate: 0.2, controlSize: 1000, treatmentSize: 3000 });
    expect(uneven.absolute).toBeCloseTo(0.04273084832538138, 12);
  });

  it('is the inverse of requiredSampleSize', () => {
    const mde = minimumDetectableEffect({ kind: 'proportion', baselineRate: 0.1, controlSize: 3841, treatmentSize: 3841 });
    // brentq gives 0.019999586570913722: just under 2 pp, because 3841 rounds 3840.85 up
    expect(mde.absolute).toBeCloseTo(0.019999586570913722, 12);
  });

  it('matches the closed form for means', () => {
    const mde = minimumDetectableEffect({
      kind: 'mean',
      standardDeviation: 12,
      controlSize: 21306,
      treatmentSize: 21307,
      baselineMean: 0.65,
    });
    expect(mde.absolute).toBeCloseTo(0.32571969848109605, 12);
    expect(mde.relative).toBeCloseTo(0.32571969848109605 / 0.65, 12);
  });

  it('returns null when no lift is detectable at that size', () => {
    expect(minimumDetectableEffect({ kind: 'proportion', baselineRate: 0.5, controlSize: 2, treatmentSize: 2 })).toEqual({
      absolute: null,
      relative: null,
    });
  });
});

describe('expectedDuration', () => {
  it('rounds up to whole days and whole weeks (doc example)', () => {
    expect(expectedDuration(7682, 900)).toEqual({ days: 9, fullWeekDays: 14 });
    expect(expectedDuration(6300, 900)).toEqual({ days: 7, fullWeekDays: 7 });
  });

  it('says what it requires', () => {
    expect(() => expectedDuration(1000, 0)).toThrow('expectedDuration requires dailyEligibleMembers to be a positive finite number, got 0');
  });
});
