import { Matrix, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';
import { invertSymmetricPositiveDefinite } from './spd-inverse';

describe('invertSymmetricPositiveDefinite', () => {
  it('inverts the doc example', () => {
    const P = invertSymmetricPositiveDefinite(Float64Array.of(3, 1, 1, 2), 2);
    [0.4, -0.2, -0.2, 0.6].forEach((v, t) => expect(P[t]).toBeCloseTo(v, 15));
  });

  it('agrees with ml-matrix on random SPD matrices of sizes that exercise the 4-row blocks and the remainders', () => {
    const random = createSeededRandom(7);
    for (const n of [1, 3, 4, 5, 9, 17]) {
      const M = Matrix.from1DArray(
        n,
        n,
        Array.from({ length: n * n }, () => random() - 0.5),
      );
      const A = M.transpose().mmul(M).add(Matrix.eye(n, n).mul(0.5));
      const P = invertSymmetricPositiveDefinite(Float64Array.from(A.to1DArray()), n);
      const expected = inverse(A).to1DArray();
      for (let t = 0; t < n * n; t++) expect(P[t]).toBeCloseTo(expected[t], 10);
      // Exactly symmetric by construction.
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(P[i * n + j]).toBe(P[j * n + i]);
    }
  });

  it('leaves its input alone and names a failing pivot', () => {
    const A = Float64Array.of(4, 2, 2, 3);
    invertSymmetricPositiveDefinite(A, 2);
    expect(Array.from(A)).toEqual([4, 2, 2, 3]);
    expect(() => invertSymmetricPositiveDefinite(Float64Array.of(1, 2, 2, 1), 2)).toThrow(
      'invertSymmetricPositiveDefinite requires a positive definite matrix; pivot 1 is -3',
    );
    expect(() => invertSymmetricPositiveDefinite(Float64Array.of(1, 2, 3), 2)).toThrow('requires an n x n matrix (4 values), got 3');
  });
});
