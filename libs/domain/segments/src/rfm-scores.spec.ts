import { describe, expect, it } from 'vitest';
import { quintileScores, rfmScores } from './rfm-scores';

describe('quintileScores', () => {
  it('gives ties the same score (the doc example)', () => {
    expect(quintileScores([10, 20, 20, 30, 40], 'higherIsBetter')).toEqual([1, 2, 2, 4, 5]);
  });

  it('splits ten distinct values into quintiles of two, lower-is-better reversed', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quintileScores(values, 'higherIsBetter')).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores(values, 'lowerIsBetter')).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('scores a lone member 1/1/1 and does not mutate its input', () => {
    const members = [{ recencyDays: 3, frequency: 2, monetary: 10 }];
    expect(rfmScores(members)).toEqual([{ r: 1, f: 1, m: 1 }]);
    expect(members).toEqual([{ recencyDays: 3, frequency: 2, monetary: 10 }]);
  });
});
