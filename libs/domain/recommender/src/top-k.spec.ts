import { describe, expect, it } from 'vitest';
import { topKIndices } from './top-k';

describe('topKIndices', () => {
  it('orders by score, ties to the lower index (the doc example)', () => {
    expect(topKIndices(Float64Array.of(0.1, 0.9, 0.5, 0.9), 2)).toEqual(Int32Array.of(1, 3));
  });

  it('skips excluded entries and NaN, and returns fewer when fewer remain', () => {
    expect(Array.from(topKIndices([3, Number.NaN, 2, 5], 3, (i) => i === 3))).toEqual([0, 2]);
  });

  it('agrees with a full sort on random scores with many ties', () => {
    const scores = Array.from({ length: 500 }, (_, i) => Math.floor(((i * 7919) % 101) / 7));
    const expected = scores
      .map((s, i) => [s, i])
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 25)
      .map(([, i]) => i);
    expect(Array.from(topKIndices(scores, 25))).toEqual(expected);
  });
});
