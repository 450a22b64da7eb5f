import type { InteractionMatrix } from './interaction-matrix';

export interface ImplicitLoss {
  /** sum over all pairs of c_ui (p_ui - x_u·y_i)² + reg (|X|² + |Y|²). */
  readonly total: number;
  /** total / (sum of c over all pairs): comparable across datasets, as implicit reports it. */
  readonly normalised: number;
}

/**
 * The implicit-feedback objective (Hu, Koren & Volinsky 2008, eq. 3) over all
 * user-item pairs without visiting the unobserved ones: Σ_u x_uᵀ(YᵀY)x_u counts
 * every pair with c = 1, then each observed pair is corrected to c (1 - s)².
 * Factors are row-major with row stride `stride` (default: factors).
 *
 * Example: for one user and item with x = y = [1], r = 1, alpha = 1, reg = 0,
 * implicitAlsLoss(...).total === 0 (the prediction 1 matches p = 1).
 */
export function implicitAlsLoss(
  matrix: InteractionMatrix,
  userFactors: Float64Array,
  itemFactors: Float64Array,
  factors: number,
  alpha: number,
  regularization: number,
  stride: number = factors,
): ImplicitLoss {
  const { userCount, itemCount } = matrix;
  const k = factors;
  const gram = new Float64Array(k * k);
  for (let i = 0; i < itemCount; i++) {
    const yo = i * stride;
    for (let a = 0; a < k; a++) {
      const ya = itemFactors[yo + a];
      for (let b = 0; b < k; b++) gram[a * k + b] += ya * itemFactors[yo + b];
    }
  }
  let total = 0;
  let regSum = 0;
  const { indptr, indices, values } = matrix.byUser;
  let confidenceSum = 0;
  for (let u = 0; u < userCount; u++) {
    const xo = u * stride;
    for (let a = 0; a < k; a++) {
      const xa = userFactors[xo + a];
      regSum += xa * xa;
      let row = 0;
      for (let b = 0; b < k; b++) row += gram[a * k + b] * userFactors[xo + b];
      total += xa * row;
    }
    for (let t = indptr[u]; t < indptr[u + 1]; t++) {
      const yo = indices[t] * stride;
      let s = 0;
      for (let a = 0; a < k; a++) s += userFactors[xo + a] * itemFactors[yo + a];
      const c = 1 + alpha * values[t];
      confidenceSum += c;
      total += c * (1 - s) * (1 - s) - s * s;
    }
  }
  for (let i = 0; i < itemCount; i++) {
    for (let a = 0; a < k; a++) regSum += itemFactors[i * stride + a] ** 2;
  }
  total += regularization * regSum;
  const nnz = indptr[userCount];
  const mass = confidenceSum + userCount * itemCount - nnz;
  return { total, normalised: mass > 0 ? total / mass : 0 };
}
