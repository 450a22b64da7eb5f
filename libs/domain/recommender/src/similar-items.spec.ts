import { describe, expect, it } from 'vitest';
import { similarItems } from './similar-items';

const model = { itemCount: 4, factors: 2, itemFactors: Float64Array.of(1, 0, 2, 0.1, 0, 1, 0, 0) };

describe('similarItems', () => {
  it('ranks by cosine similarity, leaving the item itself out (the doc example)', () => {
    const result = similarItems(model, 0, 3);
    expect(result[0].itemIndex).toBe(1);
    expect(result[0].score).toBeCloseTo(2 / Math.hypot(2, 0.1), 15);
    // The orthogonal item and the item without data both score 0; the lower index wins the tie.
    expect(result.slice(1)).toEqual([
      { itemIndex: 2, score: 0 },
      { itemIndex: 3, score: 0 },
    ]);
  });

  it('ignores vector length: a scaled copy scores 1', () => {
    const scaled = { itemCount: 2, factors: 2, itemFactors: Float64Array.of(1, 2, 10, 20) };
    expect(similarItems(scaled, 1, 1)[0].score).toBeCloseTo(1, 15);
  });

  it('says what was required', () => {
    expect(() => similarItems(model, 4, 1)).toThrow('similarItems requires itemIndex to be an integer in [0, 3]');
    expect(() => similarItems(model, 0, 0)).toThrow('similarItems requires n >= 1');
  });
});
