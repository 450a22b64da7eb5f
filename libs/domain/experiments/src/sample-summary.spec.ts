import { describe, expect, it } from 'vitest';
import { summariseSample, summaryFromSums } from './sample-summary';

// Reference: numpy 2.4, numpy.var(values, ddof=1).
describe('summariseSample and summaryFromSums', () => {
  it('give the unbiased variance (doc examples)', () => {
    expect(summariseSample([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 4.571428571428571 });
    const s = summaryFromSums(8, 40, 232);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.variance).toBeCloseTo(4.571428571428571, 14);
  });

  it('stay accurate when the mean dwarfs the spread (Welford)', () => {
    const s = summariseSample([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(s.variance).toBeCloseTo(30, 9);
  });

  it('refuse empty or non-numeric input', () => {
    expect(() => summariseSample([])).toThrow('summariseSample requires at least 1 value');
    expect(() => summariseSample([1, Number.NaN])).toThrow('summariseSample requires values[1] to be a finite number, got NaN');
  });

  it('does not mutate its input', () => {
    const values = [3, 1, 2];
    summariseSample(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
