import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval';

describe('wilsonInterval', () => {
  it('matches statsmodels proportion_confint(81, 263, method="wilson")', () => {
    const w = wilsonInterval(81, 263);
    expect(w.rate).toBeCloseTo(0.30798, 5);
    expect(w.low).toBeCloseTo(0.25529, 4);
    expect(w.high).toBeCloseTo(0.36621, 4);
  });

  it('stays inside [0, 1] at the ends, where the Wald interval collapses: 0 of 10 gives [0, 0.2775]', () => {
    expect(wilsonInterval(0, 10)).toEqual({ rate: 0, low: 0, high: expect.closeTo(0.27753, 4) });
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.72247, 4);
    expect(all.high).toBeLessThanOrEqual(1);
  });

  it('says nothing is known with no trials, and refuses more successes than trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
    expect(() => wilsonInterval(3, 2)).toThrow('wilsonInterval requires 0 <= successes <= trials, got 3 of 2');
  });
});
