import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';
import { invertSpdBlocked, invertSymmetricPositiveDefinite } from './spd-inverse';
import { spdInverseLayout } from './spd-inverse-blocked';
import { invertSpdParallel } from './spd-inverse-parallel';

/** MᵀM for a seeded random square M: symmetric positive semi-definite, made definite by the shift. */
function randomGram(n: number, seed: number): Float64Array {
  const random = createSeededRandom(seed);
  const M = Float64Array.from({ length: n * n }, () => random() - 0.5);
  const G = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const m = M[k * n + i];
      for (let j = 0; j < n; j++) G[i * n + j] += m * M[k * n + j];
    }
  }
  return G;
}

function shifted(A: Float64Array, n: number, shift: number): Float64Array {
  const B = Float64Array.from(A);
  for (let i = 0; i < n; i++) B[i * n + i] += shift;
  return B;
}

/** Largest entry-wise difference, relative to the largest entry of the reference. */
function relativeError(ours: Float64Array, reference: Float64Array): number {
  let scale = 0;
  let worst = 0;
  for (let t = 0; t < reference.length; t++) {
    scale = Math.max(scale, Math.abs(reference[t]));
    worst = Math.max(worst, Math.abs(ours[t] - reference[t]));
  }
  return worst / scale;
}

describe('invertSpdBlocked', () => {
  it('inverts the doc example', () => {
    const P = invertSpdBlocked(Float64Array.of(2, 1, 1, 1), 2, 1);
    [0.4, -0.2, -0.2, 0.6].forEach((v, t) => expect(P[t]).toBeCloseTo(v, 15));
  });

  it('pads to whole 64-row blocks (spdInverseLayout(100, 1).size is 128), up to what fits 4 GiB', () => {
    expect(spdInverseLayout(100, 1)?.size).toBe(128);
    expect(spdInverseLayout(128, 1)?.size).toBe(128);
    // EASE's limit of 20,000 items fits; 24,000 (4.3 GiB for the matrix alone) does not.
    expect(spdInverseLayout(20_000, 2)?.size).toBe(20_032);
    expect(spdInverseLayout(24_000, 1)).toBeNull();
  });

  it('matches the plain Float64 Cholesky inverse to 1e-9 on random SPD matrices of odd sizes, across several blocks', () => {
    // 1 and 3: inside one block; 63, 65: either side of a block edge; 131, 197: three and four blocks, ragged.
    for (const [n, seed] of [
      [1, 1],
      [3, 2],
      [63, 3],
      [65, 4],
      [131, 5],
      [197, 6],
    ]) {
      const G = randomGram(n, seed);
      const reference = invertSymmetricPositiveDefinite(shifted(G, n, 0.5), n);
      const ours = invertSpdBlocked(G, n, 0.5);
      expect(relativeError(ours, reference)).toBeLessThan(1e-9);
      // A times its inverse is the identity (the reference could be wrong the same way otherwise).
      const A = shifted(G, n, 0.5);
      for (const i of [0, n >> 1, n - 1]) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += A[i * n + k] * ours[k * n + j];
          expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
        }
      }
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(ours[i * n + j]).toBe(ours[j * n + i]);
    }
  });

  it('leaves its input alone and names a failing pivot', () => {
    const A = Float64Array.of(4, 2, 2, 3);
    invertSpdBlocked(A, 2, 1);
    expect(Array.from(A)).toEqual([4, 2, 2, 3]);
    expect(() => invertSpdBlocked(Float64Array.of(1, 2, 2, 1), 2)).toThrow(
      'invertSpdBlocked requires a positive definite matrix; pivot 1 is -3',
    );
    expect(() => invertSpdBlocked(Float64Array.of(1, 2, 3), 2)).toThrow('requires an n x n matrix (4 values), got 3');
  });
});

describe('invertSpdParallel', () => {
  it('gives invertSpdBlocked bit for bit whatever the number of worker threads', async () => {
    const n = 301;
    const G = randomGram(n, 9);
    const single = invertSpdBlocked(G, n, 2);
    for (const threads of [1, 2, 3]) {
      const parallel = await invertSpdParallel(G, n, 2, { threads });
      let differing = 0;
      for (let t = 0; t < n * n; t++) if (!Object.is(parallel[t], single[t])) differing++;
      expect(differing).toBe(0);
    }
    expect(relativeError(single, invertSymmetricPositiveDefinite(shifted(G, n, 2), n))).toBeLessThan(1e-9);
  });

  it('reports a matrix that is not positive definite as the single-thread version does', async () => {
    const n = 300;
    const G = randomGram(n, 10);
    // MᵀM of a 300 x 300 random M is nearly singular; subtracting 1 makes a pivot negative.
    await expect(invertSpdParallel(G, n, -1)).rejects.toThrow('invertSpdParallel requires a positive definite matrix; pivot');
  });
});
