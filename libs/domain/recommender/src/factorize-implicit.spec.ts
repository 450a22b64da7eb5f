import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { factorizeImplicit } from './factorize-implicit';
import { implicitAlsLoss } from './implicit-loss';
import { buildInteractionMatrix, type InteractionMatrix } from './interaction-matrix';
import { createNumpyRandom } from './numpy-pcg64-random';
import { scoreItems } from './recommender-model';
import { randomInteractionMatrix } from './random-interaction-matrix.fixture';
import { TrainingCancelledError } from './training-cancelled-error';

// The spec's matrices: counts 1 to 3 per pair, so confidence weighting is exercised.
const randomMatrix = (users: number, items: number, density: number, seed: number) =>
  randomInteractionMatrix(users, items, density, seed, true);
/** x_u solved exactly from the normal equations, with ml-matrix. */
function directUserSolve(m: InteractionMatrix, u: number, Y: Float64Array, k: number, alpha: number, reg: number): number[] {
  const A = Matrix.eye(k, k).mul(reg);
  const b = Matrix.zeros(k, 1);
  for (let i = 0; i < m.itemCount; i++) {
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) A.set(a, c, A.get(a, c) + Y[i * k + a] * Y[i * k + c]);
  }
  const { indptr, indices, values } = m.byUser;
  for (let t = indptr[u]; t < indptr[u + 1]; t++) {
    const i = indices[t];
    const conf = 1 + alpha * values[t];
    for (let a = 0; a < k; a++) {
      b.set(a, 0, b.get(a, 0) + conf * Y[i * k + a]);
      for (let c = 0; c < k; c++) A.set(a, c, A.get(a, c) + (conf - 1) * Y[i * k + a] * Y[i * k + c]);
    }
  }
  return solve(A, b).getColumn(0);
}

describe('factorizeImplicit', () => {
  it('fits a rank-1 matrix exactly: every score x_u·y_i converges to 1 (the doc example)', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 0, 1, 1], itemIndices: [0, 1, 0, 1] });
    const model = factorizeImplicit(m, { factors: 1, iterations: 10, alpha: 1, regularization: 0, seed: 1 });
    for (const u of [0, 1]) {
      // The sparse terms run in float32 (as in als_ref.py): about 7 significant digits.
      for (const s of scoreItems(model, u)) expect(s).toBeCloseTo(1, 6);
    }
  });

  it('with as many CG steps as factors, the first user sweep equals a direct solve of the normal equations', () => {
    const m = randomMatrix(30, 25, 0.2, 7);
    const k = 5;
    const alpha = 2;
    const reg = 0.5;
    const model = factorizeImplicit(m, { factors: k, iterations: 1, alpha, regularization: reg, cgSteps: k, seed: 11 });
    // The initial item factors: numpy's default_rng stream fills users first, then items, row by row, in float32.
    const random = createNumpyRandom(11);
    for (let n = 0; n < m.userCount * k; n++) random();
    const Y0 = Float64Array.from({ length: m.itemCount * k }, () => Math.fround(random() * 0.01));
    for (const u of [0, 13, 29]) {
      const exact = directUserSolve(m, u, Y0, k, alpha, reg);
      const got = Array.from(model.userFactors.subarray(u * k, u * k + k));
      // Exact up to the float32 sparse terms: about 7 significant digits.
      for (let a = 0; a < k; a++) expect(got[a]).toBeCloseTo(exact[a], 7);
    }
  });

  it('warm-started CG sweeps reach the exact ALS fixed point: user factors solve their normal equations', () => {
    const m = randomMatrix(40, 30, 0.15, 3);
    const k = 4;
    const model = factorizeImplicit(m, { factors: k, iterations: 200, alpha: 3, regularization: 1, seed: 5 });
    const exact = directUserSolve(m, 7, model.itemFactors, k, 3, 1);
    for (let a = 0; a < k; a++) expect(model.userFactors[7 * k + a]).toBeCloseTo(exact[a], 3);
  });

  it('gives the same model for the same seed, and another for another seed', () => {
    const m = randomMatrix(50, 40, 0.1, 1);
    const params = { factors: 8, iterations: 3, alpha: 2, regularization: 1, seed: 42 };
    const a = factorizeImplicit(m, params);
    const b = factorizeImplicit(m, params);
    const c = factorizeImplicit(m, { ...params, seed: 43 });
    expect(b.userFactors).toEqual(a.userFactors);
    expect(b.itemFactors).toEqual(a.itemFactors);
    expect(c.userFactors).not.toEqual(a.userFactors);
  });

  it('does not mutate the interaction matrix', () => {
    const m = randomMatrix(20, 20, 0.2, 9);
    const copy = structuredClone(m);
    factorizeImplicit(m, { factors: 4, iterations: 2, alpha: 5, regularization: 1, seed: 1 });
    expect(m).toEqual(copy);
  });

  it('gives users and items without interactions zero factors', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 2], itemIndices: [0, 0], userCount: 4, itemCount: 3 });
    const model = factorizeImplicit(m, { factors: 3, iterations: 2, alpha: 1, regularization: 0.1, seed: 1 });
    expect(Array.from(model.userFactors.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(Array.from(model.userFactors.subarray(9, 12))).toEqual([0, 0, 0]);
    expect(Array.from(model.itemFactors.subarray(3, 9))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('records a decreasing loss when asked, and reports every iteration', () => {
    const m = randomMatrix(60, 50, 0.1, 2);
    const seen: [number, number | undefined][] = [];
    const model = factorizeImplicit(
      m,
      { factors: 6, iterations: 5, alpha: 4, regularization: 0.5, seed: 3 },
      { computeLoss: true, onIteration: (iteration, loss) => seen.push([iteration, loss]) },
    );
    expect(seen.map(([i]) => i)).toEqual([1, 2, 3, 4, 5]);
    const loss = model.loss as number[];
    expect(seen.map(([, l]) => l)).toEqual(loss);
    for (let i = 1; i < loss.length; i++) expect(loss[i]).toBeLessThanOrEqual(loss[i - 1]);
    const final = implicitAlsLoss(m, model.userFactors, model.itemFactors, 6, 4, 0.5);
    expect(loss[4]).toBeCloseTo(final.normalised, 12);
  });

  it('reports no loss unless asked', () => {
    const m = randomMatrix(10, 10, 0.3, 2);
    const losses: (number | undefined)[] = [];
    const model = factorizeImplicit(
      m,
      { factors: 2, iterations: 2, alpha: 1, regularization: 1, seed: 3 },
      { onIteration: (_, loss) => losses.push(loss) },
    );
    expect(model.loss).toBeNull();
    expect(losses).toEqual([undefined, undefined]);
  });

  it('aborts with TrainingCancelledError when shouldCancel returns true', () => {
    const m = randomMatrix(10, 10, 0.3, 2);
    let polls = 0;
    const run = (): unknown =>
      factorizeImplicit(m, { factors: 2, iterations: 5, alpha: 1, regularization: 1, seed: 3 }, { shouldCancel: () => ++polls > 3 });
    expect(run).toThrow(TrainingCancelledError);
    polls = 0;
    expect(run).toThrow('factorizeImplicit was cancelled after 1 completed iteration(s)');
  });

  it.each([
    [{ factors: 0 }, 'factorizeImplicit requires factors >= 1'],
    [{ factors: 2.5 }, 'factorizeImplicit requires factors >= 1'],
    [{ iterations: 0 }, 'factorizeImplicit requires iterations >= 1'],
    [{ alpha: -1 }, 'factorizeImplicit requires alpha >= 0'],
    [{ regularization: Number.NaN }, 'factorizeImplicit requires regularization >= 0'],
    [{ cgSteps: 0 }, 'factorizeImplicit requires cgSteps >= 1'],
    [{ seed: 0.5 }, 'factorizeImplicit requires seed to be a safe integer'],
    [{ seed: -1 }, 'factorizeImplicit requires seed >= 0 (an integer), got -1'],
  ])('rejects %o', (bad, message) => {
    const m = randomMatrix(5, 5, 0.5, 1);
    const params = { factors: 2, iterations: 1, alpha: 1, regularization: 1, seed: 1, ...bad };
    expect(() => factorizeImplicit(m, params)).toThrow(message);
  });
});
