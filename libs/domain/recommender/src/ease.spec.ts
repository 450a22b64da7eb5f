import { describe, expect, it } from 'vitest';
import { easeFromGram, easeFromGramOffThread, easeScores, easeSkipReason, fitEase, fitEaseOffThread } from './ease';
import { easeSimilarItems, explainEaseRecommendation } from './ease-neighbours';
import { evaluateRanking } from './evaluate-ranking';
import { gramMatrix } from './gram-matrix';
import { buildInteractionMatrix } from './interaction-matrix';
import { recommendTopN } from './recommend-top-n';
import { scoreItems } from './recommender-model';

// Users {0, 1} and {0}: G = [[2, 1], [1, 1]], λ = 1 gives P = [[2, -1], [-1, 3]] / 5,
// so B_01 = -P_01 / P_11 = 1/3 and B_10 = -P_10 / P_00 = 1/2 (worked by hand).
const tiny = buildInteractionMatrix({ userIndices: [0, 0, 1], itemIndices: [0, 1, 0] });

// 6 users x 5 items, one weighted row; B computed with numpy 2.4.6 as in Steck's paper:
// G = X.T @ X; G[d] += 2; P = np.linalg.inv(G); B = P / -np.diag(P); B[d] = 0
const X = [
  [1, 1, 0, 0, 1],
  [1, 0, 1, 0, 0],
  [0, 1, 1, 1, 0],
  [1, 1, 1, 0, 0],
  [0, 0, 0, 1, 1],
  [2, 0, 1, 0, 3],
];
const NUMPY_B = [
  0.0, 0.20769230769230765, 0.4229035166816951, -0.2431986809563066, 0.8404074702886247, 0.1947700631199278, 0.0, 0.19477006311992792,
  0.19126133553173946, -0.17657045840407465, 0.42290351668169524, 0.20769230769230776, 0.0, 0.19043693322341304, -0.0526315789473683,
  -0.26600541027953106, 0.22307692307692303, 0.20829576194770058, 0.0, 0.30730050933786074, 0.44634806131650134, -0.09999999999999996,
  -0.027953110910730317, 0.14921681780708979, 0.0,
];
// (X @ B)[2]: user 2's scores.
const NUMPY_USER_2 = [0.351668169522092, 0.4307692307692308, 0.4030658250676285, 0.3816982687551525, 0.07809847198641778];

function matrixOf(rows: number[][]) {
  const userIndices: number[] = [];
  const itemIndices: number[] = [];
  const values: number[] = [];
  rows.forEach((row, u) => row.forEach((v, i) => v !== 0 && (userIndices.push(u), itemIndices.push(i), values.push(v))));
  return buildInteractionMatrix({ userIndices, itemIndices, values, userCount: rows.length, itemCount: rows[0].length });
}

describe('fitEase', () => {
  it('matches the hand-computed 2-item case (the doc example)', () => {
    const model = fitEase(tiny, { lambda: 1 });
    expect(model.weights[0]).toBe(0);
    expect(model.weights[1]).toBeCloseTo(1 / 3, 15);
    expect(model.weights[2]).toBeCloseTo(1 / 2, 15);
    expect(model.weights[3]).toBe(0);
    // User 1 has item 0 only: item 1 scores B_01.
    expect(recommendTopN(model, 1, 1, { exclude: [0] })).toEqual([{ itemIndex: 1, score: model.weights[1] }]);
  });

  it('matches numpy on a weighted 6 x 5 matrix, weights and user scores', () => {
    const model = fitEase(matrixOf(X), { lambda: 2 });
    for (let t = 0; t < 25; t++) expect(model.weights[t]).toBeCloseTo(NUMPY_B[t], 12);
    const scores = scoreItems(model, 2);
    for (let j = 0; j < 5; j++) expect(scores[j]).toBeCloseTo(NUMPY_USER_2[j], 12);
  });

  it('does not modify its input and gives identical weights on every run', () => {
    const train = matrixOf(X);
    const before = JSON.stringify([Array.from(train.byUser.values), Array.from(train.byUser.indices), Array.from(train.byItem.values)]);
    const a = fitEase(train, { lambda: 2 });
    const b = fitEase(train, { lambda: 2 });
    expect(JSON.stringify([Array.from(train.byUser.values), Array.from(train.byUser.indices), Array.from(train.byItem.values)])).toBe(
      before,
    );
    expect(
      Buffer.from(a.weights.buffer, a.weights.byteOffset, a.weights.byteLength).equals(
        Buffer.from(b.weights.buffer, b.weights.byteOffset, b.weights.byteLength),
      ),
    ).toBe(true);

    const gram = gramMatrix(train.byUser);
    const gramCopy = Float64Array.from(gram);
    easeFromGram(gram, train.byUser, 5);
    expect(gram).toEqual(gramCopy);
  });

  it('shrinks towards zero as lambda grows and ranks co-occurring items first', () => {
    // Items 0 and 1 always together, item 2 alone: a user with item 0 is recommended 1 before 2.
    const train = matrixOf([
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
      [1, 1, 1],
    ]);
    const model = fitEase(train, { lambda: 0.5 });
    const user = buildInteractionMatrix({ userIndices: [0], itemIndices: [0], userCount: 1, itemCount: 3 });
    const top = recommendTopN({ ...model, history: user.byUser }, 0, 2, { exclude: [0] });
    expect(top.map((s) => s.itemIndex)).toEqual([1, 2]);
    const strong = fitEase(train, { lambda: 1000 });
    expect(Math.abs(strong.weights[1])).toBeLessThan(Math.abs(model.weights[1]) / 100);
  });

  it('is evaluated by the same protocol as ALS', () => {
    const train = matrixOf([
      [1, 1, 0],
      [1, 0, 0],
      [0, 1, 1],
    ]);
    const test = buildInteractionMatrix({ userIndices: [1], itemIndices: [1], userCount: 3, itemCount: 3 });
    const report = evaluateRanking(fitEase(train, { lambda: 0.1 }), train, test, { k: 1 });
    expect(report.overall).toMatchObject({ usersEvaluated: 1, ndcg: 1 });
  });

  it('says what was required, and why it skips a large catalogue', () => {
    expect(() => fitEase(tiny, { lambda: 0 })).toThrow('fitEase requires lambda > 0 (a finite number), got 0');
    expect(() => fitEase(tiny, { lambda: Number.NaN })).toThrow('fitEase requires lambda > 0');
    expect(easeSkipReason(20_000)).toBeNull();
    expect(easeSkipReason(25_000)).toBe(
      'EASE skipped: 25000 items is more than the 20000 it is fitted on (two dense 25000 x 25000 matrices, 9.3 GiB)',
    );
    const wide = buildInteractionMatrix({ userIndices: [0], itemIndices: [20_000] });
    expect(() => fitEase(wide, { lambda: 1 })).toThrow('fitEase: EASE skipped: 20001 items');
  });
});

describe('easeScores, easeSimilarItems and explainEaseRecommendation', () => {
  const model = fitEase(tiny, { lambda: 1 });

  it('score a history as the sum of its rows (doc examples)', () => {
    expect(Array.from(easeScores(model.weights, 2, [0], null))).toEqual([0, model.weights[1]]);
    expect(easeSimilarItems(model, 0, 1)).toEqual([{ itemIndex: 1, score: model.weights[1] }]);
    expect(easeSimilarItems(model, 1, 1)).toEqual([{ itemIndex: 0, score: model.weights[2] }]);
  });

  it('split a score exactly over the history items', () => {
    const wide = fitEase(matrixOf(X), { lambda: 2 });
    // User 2 holds items 1, 2 and 3; item 0's score is the sum of their shares.
    const why = explainEaseRecommendation(wide, [1, 2, 3], null, 0, 3);
    expect(why.score).toBeCloseTo(NUMPY_USER_2[0], 12);
    expect(why.contributions.map((c) => c.itemIndex)).toEqual([2, 1, 3]);
    expect(why.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(why.score, 14);
    expect(() => explainEaseRecommendation(wide, [7], null, 0)).toThrow(
      'explainEaseRecommendation requires history item to be an integer in [0, 4], got 7',
    );
  });
});

describe('fitEaseOffThread', () => {
  it('gives the same weights bit for bit as the in-thread fit, and reports a bad input', async () => {
    const train = matrixOf(X);
    const a = fitEase(train, { lambda: 2 });
    const b = await fitEaseOffThread(train, { lambda: 2 });
    expect(
      Buffer.from(b.weights.buffer, b.weights.byteOffset, b.weights.byteLength).equals(
        Buffer.from(a.weights.buffer, a.weights.byteOffset, a.weights.byteLength),
      ),
    ).toBe(true);
    await expect(fitEaseOffThread(train, { lambda: -1 })).rejects.toThrow('fitEaseOffThread requires lambda > 0');
    // A Gram matrix that is not positive definite fails in the worker and says why.
    await expect(easeFromGramOffThread(Float64Array.of(1, 2, 2, 1), tiny.byUser, 1e-9)).rejects.toThrow(
      'easeFromGramOffThread requires a positive definite matrix; pivot 1',
    );
  });
});
