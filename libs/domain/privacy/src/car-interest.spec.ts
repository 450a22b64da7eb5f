import { describe, expect, it } from 'vitest';
import { carInterestBucket, isCarInterested } from './car-interest';

describe('car interest', () => {
  it('buckets by the share of car interactions (the doc examples)', () => {
    expect(carInterestBucket(3, 10)).toBe('some');
    expect(isCarInterested(1, 1)).toBe(false);
    expect(carInterestBucket(5, 10)).toBe('high');
    expect(carInterestBucket(2, 20)).toBe('none');
    expect(carInterestBucket(0, 0)).toBe('none');
  });

  it('refuses impossible counts', () => {
    expect(() => carInterestBucket(3, 2)).toThrow('0 <= carInteractions <= knowledgeInteractions; got 3 of 2');
  });
});
