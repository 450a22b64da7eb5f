import { describe, expect, it } from 'vitest';
import { averagePrecisionAtK, catalogueCoverage, ndcgAtK, precisionAtK, recallAtK } from './ranking-metrics';

describe('ranking metrics (the doc examples)', () => {
  it('precision@K divides hits by K', () => {
    expect(precisionAtK([3, 1, 2], new Set([1, 9]), 2)).toBe(0.5);
    // A list shorter than K still divides by K, as als_ref.py does.
    expect(precisionAtK([1], new Set([1]), 4)).toBe(0.25);
  });

  it('recall@K divides hits by the relevant count', () => {
    expect(recallAtK([3, 1, 2], new Set([1, 9]), 2)).toBe(0.5);
  });

  it('NDCG@K discounts by log2(rank + 1) and normalises by the ideal list', () => {
    expect(ndcgAtK([3, 1], new Set([1]), 2)).toBe(1 / Math.log2(3));
    // Hits at ranks 1 and 3 of 3, two relevant: (1 + 1/2) / (1 + 1/log2 3).
    expect(ndcgAtK([5, 6, 7], new Set([5, 7]), 3)).toBeCloseTo((1 + 0.5) / (1 + 1 / Math.log2(3)), 15);
    expect(ndcgAtK([1, 2], new Set([1, 2]), 2)).toBe(1);
  });

  it('AP@K averages precision at the hits over min(|relevant|, K)', () => {
    expect(averagePrecisionAtK([1, 3, 2], new Set([1, 2]), 3)).toBe((1 + 2 / 3) / 2);
    // Five relevant, K = 2: the denominator is 2, so a perfect top 2 scores 1.
    expect(averagePrecisionAtK([1, 2], new Set([1, 2, 3, 4, 5]), 2)).toBe(1);
  });

  it('coverage counts distinct recommended items over the catalogue', () => {
    expect(
      catalogueCoverage(
        [
          [0, 1],
          [1, 2],
        ],
        8,
      ),
    ).toBe(0.375);
  });

  it('says what was required', () => {
    expect(() => precisionAtK([1], new Set([1]), 0)).toThrow('precisionAtK requires k >= 1');
    expect(() => recallAtK([1], new Set(), 1)).toThrow('recallAtK requires at least 1 relevant item');
    expect(() => catalogueCoverage([], 0)).toThrow('catalogueCoverage requires catalogueSize >= 1');
  });
});
