import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { explainRecommendation } from './explain-recommendation';
import { factorizeImplicit } from './factorize-implicit';
import { buildInteractionMatrix } from './interaction-matrix';
import { scoreItems } from './recommender-model';

const train = buildInteractionMatrix({
  userIndices: [0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 4],
  itemIndices: [0, 1, 2, 1, 3, 0, 2, 2, 3, 4, 4],
  values: [1, 2, 1, 1, 1, 3, 1, 1, 2, 1, 1],
});
const model = factorizeImplicit(train, { factors: 3, iterations: 30, alpha: 2, regularization: 0.3, seed: 4 });

describe('explainRecommendation', () => {
  it('splits the exactly solved score over the member’s items', () => {
    const k = 3;
    const Y = model.itemFactors;
    // x_u from the normal equations, solved directly with ml-matrix.
    const A = Matrix.eye(k, k).mul(0.3);
    const b = Matrix.zeros(k, 1);
    for (let i = 0; i < 5; i++)
      for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) A.set(a, c, A.get(a, c) + Y[i * k + a] * Y[i * k + c]);
    for (const [i, r] of [
      [0, 1],
      [1, 2],
      [2, 1],
    ]) {
      for (let a = 0; a < k; a++) {
        b.set(a, 0, b.get(a, 0) + (1 + 2 * r) * Y[i * k + a]);
        for (let c = 0; c < k; c++) A.set(a, c, A.get(a, c) + 2 * r * Y[i * k + a] * Y[i * k + c]);
      }
    }
    const x = solve(A, b).getColumn(0);
    const exact = x[0] * Y[12] + x[1] * Y[13] + x[2] * Y[14];
    const explanation = explainRecommendation(model, train, 0, 4);
    expect(explanation.score).toBeCloseTo(exact, 12);
    const sum = explanation.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(exact, 12);
    expect(explanation.contributions.map((c) => c.itemIndex).sort()).toEqual([0, 1, 2]);
    const shares = explanation.contributions.map((c) => c.contribution);
    expect([...shares].sort((p, q) => q - p)).toEqual(shares);
    // The trained (CG) model's score is close to the exact one.
    expect(scoreItems(model, 0)[4]).toBeCloseTo(exact, 3);
  });

  it('explains a model whose alpha and weights are not powers of two (a tuned model), where rounding used to break symmetry', () => {
    // alpha 4.87 with weights 1.3 and 0.7: (w·y_a)·y_b and (w·y_b)·y_a round differently, and Cholesky refused the system.
    const weighted = buildInteractionMatrix({
      userIndices: [0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 4],
      itemIndices: [0, 1, 2, 1, 3, 0, 2, 2, 3, 4, 4],
      values: [1.3, 0.7, 2.9, 1, 1.1, 3, 0.3, 1, 2.2, 1, 1],
    });
    const tuned = factorizeImplicit(weighted, { factors: 8, iterations: 20, alpha: 4.87, regularization: 0.013, seed: 7 });
    for (let user = 0; user < 5; user++) {
      for (let item = 0; item < 5; item++) {
        const explanation = explainRecommendation(tuned, weighted, user, item);
        const sum = explanation.contributions.reduce((s, c) => s + c.contribution, 0);
        if (explanation.contributions.length === weighted.byUser.indptr[user + 1] - weighted.byUser.indptr[user]) {
          expect(sum).toBeCloseTo(explanation.score, 10);
        }
        expect(Number.isFinite(explanation.score)).toBe(true);
      }
    }
  });

  it('gives the whole score to the only item of a one-item member (the doc example)', () => {
    const explanation = explainRecommendation(model, train, 4, 0);
    expect(explanation.contributions).toEqual([{ itemIndex: 4, contribution: explanation.score }]);
  });

  it('returns at most n items and nothing for a member without history', () => {
    expect(explainRecommendation(model, train, 0, 3, { n: 2 }).contributions).toHaveLength(2);
    const empty = buildInteractionMatrix({ userIndices: [0], itemIndices: [0], userCount: 6, itemCount: 5 });
    expect(explainRecommendation(model, empty, 5, 0)).toEqual({ score: 0, contributions: [] });
  });

  it('says what was required', () => {
    expect(() => explainRecommendation(model, train, 9, 0)).toThrow('explainRecommendation requires userIndex');
    expect(() => explainRecommendation(model, train, 0, 0, { n: 0 })).toThrow('explainRecommendation requires n >= 1');
  });
});
