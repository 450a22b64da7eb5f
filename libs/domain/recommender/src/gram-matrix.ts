import type { CsrMatrix } from './interaction-matrix';

/**
 * The item-item Gram matrix G = XᵀX of a users x items matrix X given by
 * rows (`byUser`), dense and row-major (itemCount x itemCount), the input of
 * EASE (Steck 2019). Each user adds the outer product of their own row, so
 * the cost is Σ_u n_u² / 2 multiply-adds over the upper triangle, mirrored at
 * the end; no item pair is visited that no user holds. numpy: `X.T @ X`.
 *
 * Example: gramMatrix(buildInteractionMatrix({userIndices: [0, 0, 1], itemIndices: [0, 1, 0]}).byUser)
 * is Float64Array [2, 1, 1, 1] (item 0 held by both users, items 0 and 1 together once).
 */
export function gramMatrix(byUser: CsrMatrix): Float64Array {
  const n = byUser.columnCount;
  const G = new Float64Array(n * n);
  const { indptr, indices, values } = byUser;
  for (let u = 0; u < byUser.rowCount; u++) {
    const s = indptr[u];
    const e = indptr[u + 1];
    // Columns are sorted within a row, so a < b walks the upper triangle.
    for (let a = s; a < e; a++) {
      const ia = indices[a];
      const va = values[a];
      const row = ia * n;
      for (let b = a; b < e; b++) G[row + indices[b]] += va * values[b];
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) G[j * n + i] = G[i * n + j];
  }
  return G;
}
