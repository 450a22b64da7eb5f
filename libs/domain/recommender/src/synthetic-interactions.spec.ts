import { describe, expect, it } from 'vitest';
import { generateSyntheticInteractions } from './synthetic-interactions';

describe('generateSyntheticInteractions', () => {
  it('gives each user their items from their own group when there is no noise (the doc example)', () => {
    const m = generateSyntheticInteractions({ users: 2, items: 4, groups: 2, itemsPerUser: 2, noise: 0, seed: 1 });
    expect(m.byUser.indptr[2]).toBe(4);
    for (let u = 0; u < 2; u++) {
      const items = [...m.byUser.indices.slice(m.byUser.indptr[u], m.byUser.indptr[u + 1])];
      // Items are dealt to groups in turn: group = item % 2.
      expect(new Set(items.map((i) => i % 2)).size).toBe(1);
    }
  });

  it('is seeded, binary, and popular items are taken more often', () => {
    const options = { users: 500, items: 100, groups: 4, itemsPerUser: 10, noise: 0.5, seed: 3 };
    const a = generateSyntheticInteractions(options);
    expect(generateSyntheticInteractions(options).byUser.indices).toEqual(a.byUser.indices);
    expect(generateSyntheticInteractions({ ...options, seed: 4 }).byUser.indices).not.toEqual(a.byUser.indices);
    expect(new Set(a.byUser.values)).toEqual(new Set([1]));
    const count = (i: number) => a.byItem.indptr[i + 1] - a.byItem.indptr[i];
    expect(count(0)).toBeGreaterThan(count(99));
  });

  it('says what was required', () => {
    expect(() => generateSyntheticInteractions({ users: 1, items: 1, groups: 1, itemsPerUser: 1, noise: 2, seed: 1 })).toThrow(
      'generateSyntheticInteractions requires noise in [0, 1], got 2',
    );
  });
});
