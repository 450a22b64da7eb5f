import type { CsrMatrix } from './interaction-matrix';

/**
 * The item-item Gram matrix G = XᵀX of a users x items matrix X given by
 * rows (`byUser`), dense and row-major (itemCount x itemCount), the input of
 * EASE (Steck 2019). numpy: `X.T @ X`.
 *
 * Example: gramMatrix(buildInteractionMatrix({userIndices: [0, 0, 1], itemIndices: [0, 1, 0]}).byUser)
 * is Float64Array [2, 1, 1, 1] (item 0 held by both users, items 0 and 1 together once).
 */
export function gramMatrix(byUser: CsrMatrix): Float64Array {
  const n = byUser.columnCount;
  const G = new Float64Array(n * n);
  gramMatrixInto(byUser, G, 0, n, false);
  return G;
}

/**
 * Writes G = XᵀX into `target` from index `offset` with row stride `stride`:
 * the lower triangle and diagonal only when `lowerOnly` (all a Cholesky
 * factorisation reads, half the work), else every entry. Entries not written
 * are left as they are, and written entries are added to, so `target` starts
 * at zero.
 *
 * Method: one row of G at a time, G[i][j] = Σ_{u holds i} x_ui x_uj over the
 * users holding item i and their items j, so that all the writes of a row
 * land in one row (it stays in L1) instead of scattering over the whole
 * n x n matrix: Σ_u n_u² multiply-adds (half with `lowerOnly`), no item pair
 * visited that no user holds. Summed over users in increasing order.
 *
 * Example: gramMatrixInto(m.byUser, target, 0, m.itemCount, true) leaves target's upper triangle 0.
 */
export function gramMatrixInto(byUser: CsrMatrix, target: Float64Array, offset: number, stride: number, lowerOnly: boolean): void {
  const n = byUser.columnCount;
  const { indptr, indices, values } = byUser;
  // The users of each item (the transpose of byUser), by counting sort: users stay in increasing order.
  const itemStart = new Int32Array(n + 1);
  for (let t = 0; t < indptr[byUser.rowCount]; t++) itemStart[indices[t] + 1]++;
  for (let i = 0; i < n; i++) itemStart[i + 1] += itemStart[i];
  const fill = itemStart.slice(0, n);
  const itemUsers = new Int32Array(indptr[byUser.rowCount]);
  const itemValues = new Float64Array(indptr[byUser.rowCount]);
  for (let u = 0; u < byUser.rowCount; u++) {
    for (let t = indptr[u]; t < indptr[u + 1]; t++) {
      const slot = fill[indices[t]]++;
      itemUsers[slot] = u;
      itemValues[slot] = values[t];
    }
  }
  for (let i = 0; i < n; i++) {
    const row = offset + i * stride;
    for (let s = itemStart[i]; s < itemStart[i + 1]; s++) {
      const u = itemUsers[s];
      const v = itemValues[s];
      const e = indptr[u + 1];
      // Columns are sorted within a user's row, so the lower triangle ends at the first j > i.
      for (let t = indptr[u]; t < e; t++) {
        const j = indices[t];
        if (lowerOnly && j > i) break;
        target[row + j] += v * values[t];
      }
    }
  }
}
