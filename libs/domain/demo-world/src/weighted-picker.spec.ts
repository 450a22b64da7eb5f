import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@crosslane/util-random';
import { WeightedPicker, zipfWeights } from './weighted-picker';

describe('WeightedPicker', () => {
  it('gives the doc comment example: a zero weight is never drawn', () => {
    const picker = new WeightedPicker([7, 8], [0, 1]);
    const rng = new SeededRandom(1);
    for (let i = 0; i < 1000; i += 1) expect(picker.pick(rng)).toBe(8);
  });

  it('draws values in proportion to their weights', () => {
    const picker = new WeightedPicker([10, 20, 30], [1, 2, 7]);
    const rng = new SeededRandom(2);
    const counts: Record<number, number> = { 10: 0, 20: 0, 30: 0 };
    for (let i = 0; i < 50_000; i += 1) counts[picker.pick(rng)] += 1;
    expect(counts[10] / 50_000).toBeCloseTo(0.1, 1);
    expect(counts[20] / 50_000).toBeCloseTo(0.2, 1);
    expect(counts[30] / 50_000).toBeCloseTo(0.7, 1);
  });

  it('says what it requires', () => {
    expect(() => new WeightedPicker([], [])).toThrow('WeightedPicker requires as many weights as values');
    expect(() => new WeightedPicker([1], [-1])).toThrow('WeightedPicker requires non-negative weights, got -1 at 0');
    expect(() => new WeightedPicker([1, 2], [0, 0])).toThrow('positive total weight');
  });
});

describe('zipfWeights', () => {
  it('gives the doc comment example', () => {
    const w = zipfWeights(3, 1);
    expect(w[0]).toBe(1);
    expect(w[1]).toBe(0.5);
    expect(w[2]).toBeCloseTo(1 / 3, 12);
  });
});
