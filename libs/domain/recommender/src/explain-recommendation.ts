import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { InteractionMatrix } from './interaction-matrix';
import type { ImplicitAlsModel } from './recommender-model';
import { requireIndex, requireIntegerAtLeast } from './validation';

export interface ItemContribution {
  readonly itemIndex: number;
  /** This history item's share of the score; the shares add up to `score`. */
  readonly contribution: number;
}

export interface RecommendationExplanation {
  /** y_j · x_u with x_u solved exactly from the member's history (CG in training gets close to it). */
  readonly score: number;
  /** The member's items, largest contribution first (at most n). */
  readonly contributions: ItemContribution[];
}

export interface ExplainRecommendationOptions {
  /** How many contributing items to return; default 5. */
  readonly n?: number;
}

/**
 * Why item j is recommended to member u, in terms of u's own items (Hu, Koren
 * & Volinsky 2008, §5 "Explaining recommendations"; benfred/implicit's
 * `explain`). With W_u = (YᵀY + reg·I + Yᵀ(C_u − I)Y)⁻¹ the exact user vector is
 * x_u = W_u Yᵀ C_u p_u, so the score splits into one term per history item i:
 * y_jᵀ x_u = Σ_i c_ui · (y_jᵀ W_u y_i). W_u comes from a Cholesky factorisation
 * (ml-matrix), and each term is c_ui · (L⁻¹y_j)·(L⁻¹y_i).
 *
 * Example: for a member whose only item is i, explainRecommendation(model, train, u, j).contributions
 * is [{itemIndex: i, contribution: score}].
 */
export function explainRecommendation(
  model: ImplicitAlsModel,
  train: InteractionMatrix,
  userIndex: number,
  itemIndex: number,
  options: ExplainRecommendationOptions = {},
): RecommendationExplanation {
  const fn = 'explainRecommendation';
  requireIndex(fn, 'userIndex', userIndex, train.userCount);
  requireIndex(fn, 'itemIndex', itemIndex, model.itemCount);
  const n = options.n ?? 5;
  requireIntegerAtLeast(fn, 'n', n, 1);
  if (train.itemCount !== model.itemCount) {
    throw new RangeError(`${fn} requires train with the model's ${model.itemCount} items, got ${train.itemCount}`);
  }
  const k = model.factors;
  const Y = model.itemFactors;
  const { alpha, regularization } = model.params;
  const { indptr, indices, values } = train.byUser;
  const s = indptr[userIndex];
  const e = indptr[userIndex + 1];
  if (e === s) return { score: 0, contributions: [] };

  const A = new Float64Array(k * k);
  for (let i = 0; i < model.itemCount; i++) addOuter(A, Y, i * k, k, 1);
  for (let t = s; t < e; t++) addOuter(A, Y, indices[t] * k, k, alpha * values[t]);
  for (let a = 0; a < k; a++) A[a * k + a] += regularization;
  const cholesky = new CholeskyDecomposition(Matrix.from1DArray(k, k, A));
  if (!cholesky.isPositiveDefinite()) {
    throw new RangeError(`${fn} requires a positive definite system; use regularization > 0`);
  }
  const L = cholesky.lowerTriangularMatrix.to2DArray();
  const target = forwardSolve(L, Y, itemIndex * k, k);
  const contributions: ItemContribution[] = [];
  let score = 0;
  for (let t = s; t < e; t++) {
    const z = forwardSolve(L, Y, indices[t] * k, k);
    let dot = 0;
    for (let a = 0; a < k; a++) dot += z[a] * target[a];
    const contribution = (1 + alpha * values[t]) * dot;
    score += contribution;
    contributions.push({ itemIndex: indices[t], contribution });
  }
  contributions.sort((a, b) => b.contribution - a.contribution || a.itemIndex - b.itemIndex);
  return { score, contributions: contributions.slice(0, n) };
}

// Adds weight * y yᵀ, writing each product once into both triangles: (w·y_a)·y_b and (w·y_b)·y_a can round
// differently when w is not a power of two (a tuned alpha), and ml-matrix's Cholesky refuses a matrix that is
// not exactly symmetric.
function addOuter(A: Float64Array, Y: Float64Array, offset: number, k: number, weight: number): void {
  for (let a = 0; a < k; a++) {
    const ya = weight * Y[offset + a];
    for (let b = a; b < k; b++) {
      const term = ya * Y[offset + b];
      A[a * k + b] += term;
      if (b !== a) A[b * k + a] += term;
    }
  }
}

// Solves L z = y for lower-triangular L.
function forwardSolve(L: number[][], Y: Float64Array, offset: number, k: number): Float64Array {
  const z = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let sum = Y[offset + a];
    for (let b = 0; b < a; b++) sum -= L[a][b] * z[b];
    z[a] = sum / L[a][a];
  }
  return z;
}
