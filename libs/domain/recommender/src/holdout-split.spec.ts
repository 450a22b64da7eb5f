import { describe, expect, it } from 'vitest';
import { splitHoldoutPerUser } from './holdout-split';
import { buildInteractionMatrix } from './interaction-matrix';

// User u has u + 1 items (0..u): 1, 2, ..., 10 items.
const users: number[] = [];
const items: number[] = [];
for (let u = 0; u < 10; u++) {
  for (let i = 0; i <= u; i++) {
    users.push(u);
    items.push(i);
  }
}
const matrix = buildInteractionMatrix({ userIndices: users, itemIndices: items, values: users.map((u) => u + 1) });

function rowLengths(m: typeof matrix): number[] {
  return Array.from({ length: m.userCount }, (_, u) => m.byUser.indptr[u + 1] - m.byUser.indptr[u]);
}

describe('splitHoldoutPerUser', () => {
  it('holds out round-half-up 20% of each user’s items, leaving at least one in train (the doc example)', () => {
    const { train, test } = splitHoldoutPerUser(matrix, { seed: 1 });
    // n:     1  2  3  4  5  6  7  8  9  10
    // test:  0  0  1  1  1  1  1  2  2  2   (floor(0.2 n + 0.5))
    expect(rowLengths(test)).toEqual([0, 0, 1, 1, 1, 1, 1, 2, 2, 2]);
    expect(rowLengths(train)).toEqual([1, 2, 2, 3, 4, 5, 6, 6, 7, 8]);
  });

  it('partitions the interactions, keeping their values and the full shape', () => {
    const { train, test } = splitHoldoutPerUser(matrix, { fraction: 0.5, seed: 3 });
    expect([train.userCount, train.itemCount, test.userCount, test.itemCount]).toEqual([10, 10, 10, 10]);
    for (let u = 0; u < 10; u++) {
      const trainItems = Array.from(train.byUser.indices.subarray(train.byUser.indptr[u], train.byUser.indptr[u + 1]));
      const testItems = Array.from(test.byUser.indices.subarray(test.byUser.indptr[u], test.byUser.indptr[u + 1]));
      expect([...trainItems, ...testItems].sort((a, b) => a - b)).toEqual(Array.from({ length: u + 1 }, (_, i) => i));
      for (let t = test.byUser.indptr[u]; t < test.byUser.indptr[u + 1]; t++) expect(test.byUser.values[t]).toBe(u + 1);
    }
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const a = splitHoldoutPerUser(matrix, { seed: 5 });
    const b = splitHoldoutPerUser(matrix, { seed: 5 });
    expect(b.test.byUser.indices).toEqual(a.test.byUser.indices);
    const others = [6, 7, 8].map((seed) => splitHoldoutPerUser(matrix, { seed }).test.byUser.indices);
    expect(others.some((o) => o.join() !== a.test.byUser.indices.join())).toBe(true);
  });

  it('does not mutate the matrix', () => {
    const copy = structuredClone(matrix);
    splitHoldoutPerUser(matrix, { seed: 1 });
    expect(matrix).toEqual(copy);
  });

  it('says what was required', () => {
    expect(() => splitHoldoutPerUser(matrix, { fraction: 1.5, seed: 1 })).toThrow('splitHoldoutPerUser requires fraction in [0, 1]');
    expect(() => splitHoldoutPerUser(matrix, { seed: Number.NaN })).toThrow('splitHoldoutPerUser requires seed');
  });
});
