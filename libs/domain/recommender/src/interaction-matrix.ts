import { requireIntegerAtLeast } from './validation';

/**
 * Compressed sparse rows: row r holds columns indices[indptr[r] .. indptr[r+1])
 * in increasing order, with matching values.
 */
export interface CsrMatrix {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Users x items implicit feedback, stored both ways: `byUser` for the user
 * solves and for recommendation, `byItem` (its transpose) for the item solves.
 */
export interface InteractionMatrix {
  readonly userCount: number;
  readonly itemCount: number;
  readonly byUser: CsrMatrix;
  readonly byItem: CsrMatrix;
}

export interface InteractionTriples {
  readonly userIndices: ArrayLike<number>;
  readonly itemIndices: ArrayLike<number>;
  /** Strength of each interaction (plays, purchases); absent means 1 each. */
  readonly values?: ArrayLike<number>;
  /** Defaults to the largest user index + 1. */
  readonly userCount?: number;
  /** Defaults to the largest item index + 1. */
  readonly itemCount?: number;
}

/**
 * Builds a users x items CSR matrix and its transpose from (user, item, value)
 * triples, summing duplicates and dropping pairs whose sum is 0, as
 * scipy.sparse's csr_matrix + sum_duplicates + eliminate_zeros do. Two stable
 * counting sorts (by item, then by user) order the triples in O(nnz + users + items).
 *
 * Example: buildInteractionMatrix({userIndices: [0, 0, 1], itemIndices: [1, 1, 0]}).byUser.values
 * is Float64Array [2, 1] (the two (0, 1) rows summed).
 */
export function buildInteractionMatrix(triples: InteractionTriples): InteractionMatrix {
  const fn = 'buildInteractionMatrix';
  const { userIndices: users, itemIndices: items, values } = triples;
  const n = users.length;
  if (items.length !== n || (values !== undefined && values.length !== n)) {
    throw new RangeError(
      `${fn} requires userIndices, itemIndices and values of equal length, got ${n}, ${items.length}` +
        (values === undefined ? '' : `, ${values.length}`),
    );
  }
  let maxUser = -1;
  let maxItem = -1;
  for (let t = 0; t < n; t++) {
    const u = users[t];
    const i = items[t];
    if (!Number.isInteger(u) || u < 0 || !Number.isInteger(i) || i < 0) {
      throw new RangeError(`${fn} requires non-negative integer indices, got user ${String(u)}, item ${String(i)} at position ${t}`);
    }
    if (values !== undefined && !(Number.isFinite(values[t]) && values[t] >= 0)) {
      throw new RangeError(`${fn} requires finite values >= 0 (implicit feedback), got ${String(values[t])} at position ${t}`);
    }
    if (u > maxUser) maxUser = u;
    if (i > maxItem) maxItem = i;
  }
  const userCount = triples.userCount ?? maxUser + 1;
  const itemCount = triples.itemCount ?? maxItem + 1;
  requireIntegerAtLeast(fn, 'userCount', userCount, maxUser + 1);
  requireIntegerAtLeast(fn, 'itemCount', itemCount, maxItem + 1);

  const byItemOrder = countingSortOrder(items, itemCount, null);
  const order = countingSortOrder(users, userCount, byItemOrder);

  const indptr = new Int32Array(userCount + 1);
  const indices = new Int32Array(n);
  const summed = new Float64Array(n);
  let nnz = 0;
  let t = 0;
  while (t < n) {
    const u = users[order[t]];
    const i = items[order[t]];
    let sum = 0;
    while (t < n && users[order[t]] === u && items[order[t]] === i) {
      sum += values === undefined ? 1 : values[order[t]];
      t++;
    }
    if (sum !== 0) {
      indices[nnz] = i;
      summed[nnz] = sum;
      nnz++;
      indptr[u + 1]++;
    }
  }
  for (let u = 0; u < userCount; u++) indptr[u + 1] += indptr[u];
  const byUser: CsrMatrix = {
    rowCount: userCount,
    columnCount: itemCount,
    indptr,
    indices: indices.slice(0, nnz),
    values: summed.slice(0, nnz),
  };
  return { userCount, itemCount, byUser, byItem: transposeCsr(byUser) };
}

/**
 * Transpose of a CSR matrix by one counting pass; walking rows in order leaves
 * every output row's columns sorted.
 *
 * Example: transposeCsr(buildInteractionMatrix({userIndices: [0, 1], itemIndices: [1, 1]}).byUser).indices
 * is Int32Array [0, 1].
 */
export function transposeCsr(m: CsrMatrix): CsrMatrix {
  const nnz = m.indptr[m.rowCount];
  const indptr = new Int32Array(m.columnCount + 1);
  for (let t = 0; t < nnz; t++) indptr[m.indices[t] + 1]++;
  for (let c = 0; c < m.columnCount; c++) indptr[c + 1] += indptr[c];
  const next = indptr.slice(0, m.columnCount);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let r = 0; r < m.rowCount; r++) {
    for (let t = m.indptr[r]; t < m.indptr[r + 1]; t++) {
      const dest = next[m.indices[t]]++;
      indices[dest] = r;
      values[dest] = m.values[t];
    }
  }
  return { rowCount: m.columnCount, columnCount: m.rowCount, indptr, indices, values };
}

/**
 * Number of stored (user, item) pairs after duplicates were summed: the nnz
 * of the CSR matrix.
 *
 * Example: interactionCount(buildInteractionMatrix({userIndices: [0, 0, 0], itemIndices: [0, 1, 1]})) === 2
 */
export function interactionCount(matrix: InteractionMatrix): number {
  return matrix.byUser.indptr[matrix.userCount];
}

function countingSortOrder(keys: ArrayLike<number>, keyCount: number, within: Int32Array | null): Int32Array {
  const n = keys.length;
  const start = new Int32Array(keyCount + 1);
  for (let t = 0; t < n; t++) start[keys[t] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const order = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const t = within === null ? s : within[s];
    order[start[keys[t]]++] = t;
  }
  return order;
}
