import { describe, expect, it } from 'vitest';
import { normalQuantile } from './distributions';
import { relativeLift } from './relative-lift';

// Reference: scipy 1.17,
//   scipy.stats.contingency.relative_risk(267, 21307, 122, 21306).confidence_interval(0.95)
//   -> relative_risk 2.188421876286328, (1.7679840780104203, 2.708842442743053); lift = ratio - 1.
describe('relativeLift', () => {
  const z = normalQuantile(0.975);
  const pT = 267 / 21307;
  const pC = 122 / 21306;

  it('is the Katz log interval for proportions (doc example)', () => {
    const r = relativeLift(pT, (pT * (1 - pT)) / 21307, pC, (pC * (1 - pC)) / 21306, z);
    expect(r?.estimate).toBeCloseTo(1.188421876286328, 12);
    expect(r?.lower).toBeCloseTo(0.7679840780104203, 8);
    expect(r?.upper).toBeCloseTo(1.708842442743053, 8);
  });

  it('never reaches below -100 % and is null without a positive baseline', () => {
    const r = relativeLift(0.001, 0.000001, 0.01, 0.000001, z);
    expect(r?.lower).toBeGreaterThan(-1);
    expect(relativeLift(0.01, 0.000001, 0, 0, z)).toBeNull();
    expect(relativeLift(0, 0, 0.01, 0.000001, z)).toBeNull();
  });
});
