import { describe, expect, it } from 'vitest';
import { buildInteractionMatrix, interactionCount, transposeCsr } from './interaction-matrix';

describe('buildInteractionMatrix', () => {
  it('sums duplicates (the doc example)', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 0, 1], itemIndices: [1, 1, 0] });
    expect(m.byUser.values).toEqual(Float64Array.of(2, 1));
    expect(Array.from(m.byUser.indptr)).toEqual([0, 1, 2]);
    expect(Array.from(m.byUser.indices)).toEqual([1, 0]);
  });

  it('builds sorted CSR rows and their transpose from unordered triples', () => {
    const m = buildInteractionMatrix({
      userIndices: [2, 0, 2, 1, 0, 2],
      itemIndices: [3, 2, 0, 1, 0, 3],
      values: [1, 5, 2, 4, 3, 1.5],
    });
    expect([m.userCount, m.itemCount, interactionCount(m)]).toEqual([3, 4, 5]);
    expect(Array.from(m.byUser.indptr)).toEqual([0, 2, 3, 5]);
    expect(Array.from(m.byUser.indices)).toEqual([0, 2, 1, 0, 3]);
    expect(Array.from(m.byUser.values)).toEqual([3, 5, 4, 2, 2.5]);
    expect(Array.from(m.byItem.indptr)).toEqual([0, 2, 3, 4, 5]);
    expect(Array.from(m.byItem.indices)).toEqual([0, 2, 1, 0, 2]);
    expect(Array.from(m.byItem.values)).toEqual([3, 2, 4, 5, 2.5]);
  });

  it('keeps empty users and items when the counts are given', () => {
    const m = buildInteractionMatrix({ userIndices: [1], itemIndices: [1], userCount: 3, itemCount: 4 });
    expect(Array.from(m.byUser.indptr)).toEqual([0, 0, 1, 1]);
    expect(Array.from(m.byItem.indptr)).toEqual([0, 0, 1, 1, 1]);
  });

  it('drops pairs whose values sum to 0, as scipy eliminate_zeros does', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 0], itemIndices: [0, 1], values: [0, 2] });
    expect(Array.from(m.byUser.indices)).toEqual([1]);
  });

  it('does not mutate its inputs', () => {
    const users = Int32Array.of(1, 0, 1);
    const items = [2, 2, 0];
    const values = [1, 2, 3];
    buildInteractionMatrix({ userIndices: users, itemIndices: items, values });
    expect(Array.from(users)).toEqual([1, 0, 1]);
    expect(items).toEqual([2, 2, 0]);
    expect(values).toEqual([1, 2, 3]);
  });

  it('says what was required', () => {
    expect(() => buildInteractionMatrix({ userIndices: [0], itemIndices: [0, 1] })).toThrow(
      'buildInteractionMatrix requires userIndices, itemIndices and values of equal length',
    );
    expect(() => buildInteractionMatrix({ userIndices: [-1], itemIndices: [0] })).toThrow(
      'buildInteractionMatrix requires non-negative integer indices',
    );
    expect(() => buildInteractionMatrix({ userIndices: [0], itemIndices: [0], values: [-2] })).toThrow(
      'buildInteractionMatrix requires finite values >= 0',
    );
    expect(() => buildInteractionMatrix({ userIndices: [3], itemIndices: [0], userCount: 2 })).toThrow(
      'buildInteractionMatrix requires userCount >= 4',
    );
  });
});

describe('interactionCount', () => {
  it('counts distinct pairs (the doc example)', () => {
    expect(interactionCount(buildInteractionMatrix({ userIndices: [0, 0, 0], itemIndices: [0, 1, 1] }))).toBe(2);
  });
});

describe('transposeCsr', () => {
  it('lists each column’s rows in order (the doc example)', () => {
    const t = transposeCsr(buildInteractionMatrix({ userIndices: [0, 1], itemIndices: [1, 1] }).byUser);
    expect(t.indices).toEqual(Int32Array.of(0, 1));
    expect(Array.from(t.indptr)).toEqual([0, 0, 2]);
  });
});
