import { describe, expect, it } from 'vitest';
import { buildInteractionMatrix } from './interaction-matrix';
import { popularityBaseline } from './popularity-baseline';

describe('popularityBaseline', () => {
  it('scores items by their number of distinct training users (the doc example)', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 1, 1], itemIndices: [1, 1, 0] });
    expect(popularityBaseline(m).scores).toEqual(Float64Array.of(1, 2));
  });

  it('counts a user once however strong the interaction', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 0, 1], itemIndices: [0, 0, 1], values: [5, 5, 1] });
    expect(Array.from(popularityBaseline(m).scores)).toEqual([1, 1]);
  });
});
