import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holmAdjust } from './p-value-adjustment';

// Reference:
//  BH: scipy 1.17, scipy.stats.false_discovery_control(p, method='bh').
//  Holm: scipy has no Holm; the values follow R's p.adjust(p, "holm") definition
//        pmin(1, cummax((m - seq_len(m) + 1) * p[o]))[order(o)], o = order(p),
//        and the first case can be checked by hand: sorted 0.005, 0.01, 0.03, 0.04
//        times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max 0.02, 0.03, 0.06, 0.06.
describe('holmAdjust', () => {
  it('matches the step-down definition (doc example)', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 15));
  });

  it('caps at 1, keeps ties in order and handles the empty family', () => {
    const adjusted = holmAdjust([0.5, 0.2, 0.2, 0.9]);
    // sorted 0.2, 0.2, 0.5, 0.9 times 4, 3, 2, 1 = 0.8, 0.6, 1.0, 0.9 -> running max 0.8, 0.8, 1, 1
    [1, 0.8, 0.8, 1].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 15));
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.04])).toEqual([0.04]);
  });

  it('never lowers a p-value and does not mutate its input', () => {
    const input = [0.001, 0.2, 0.013, 0.04, 0.7];
    const adjusted = holmAdjust(input);
    adjusted.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(input[i] as number));
    expect(input).toEqual([0.001, 0.2, 0.013, 0.04, 0.7]);
  });

  it('says what it requires', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow('holmAdjust requires every p-value in [0, 1], got pValues[1] = 1.2');
    expect(() => holmAdjust([Number.NaN])).toThrow('holmAdjust requires every p-value in [0, 1], got pValues[0] = NaN');
  });
});

describe('benjaminiHochberg', () => {
  it('matches scipy.stats.false_discovery_control (doc example)', () => {
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    // false_discovery_control([0.01, 0.04, 0.03, 0.005]) -> [0.02, 0.04, 0.04, 0.02]
    [0.02, 0.04, 0.04, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 15));
  });

  it('matches scipy on a longer family', () => {
    const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216];
    // false_discovery_control(p): [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571429, 0.216, 0.216, 0.216]
    const expected = [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571428571428572, 0.216, 0.216, 0.216];
    benjaminiHochberg(p).forEach((q, i) => expect(q).toBeCloseTo(expected[i] as number, 12));
  });

  it('is never stricter than Holm', () => {
    const p = [0.001, 0.008, 0.039, 0.041, 0.042];
    const bh = benjaminiHochberg(p);
    holmAdjust(p).forEach((h, i) => expect(bh[i]).toBeLessThanOrEqual(h));
  });
});
