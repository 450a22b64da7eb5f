import { buildInteractionMatrix, type InteractionMatrix } from './interaction-matrix';
import { createSeededRandom } from './seeded-random';
import { requireInteger } from './validation';

export interface HoldoutSplitOptions {
  /** Share of each user's items held out, rounded half up; default 0.2. */
  readonly fraction?: number;
  readonly seed: number;
}

export interface HoldoutSplit {
  readonly train: InteractionMatrix;
  readonly test: InteractionMatrix;
}

/**
 * Per-user random holdout (leave-some-out, as in Hu, Koren & Volinsky 2008
 * §6, and als_ref.py's split_per_user): each user's distinct items get seeded
 * random keys and the round(fraction · n) with the smallest keys go to test,
 * always leaving at least one in train. With the default 0.2, users with fewer
 * than 3 items stay whole in train (round(0.4) = 0) and are not evaluated.
 * Both matrices keep the full users x items shape.
 *
 * Example: a user with 10 items keeps 8 in train and 2 in test
 * (splitHoldoutPerUser(m, {seed: 1})).
 */
export function splitHoldoutPerUser(matrix: InteractionMatrix, options: HoldoutSplitOptions): HoldoutSplit {
  const fn = 'splitHoldoutPerUser';
  const fraction = options.fraction ?? 0.2;
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`${fn} requires fraction in [0, 1], got ${String(fraction)}`);
  }
  requireInteger(fn, 'seed', options.seed);
  const random = createSeededRandom(options.seed);
  const { indptr, indices, values } = matrix.byUser;
  const nnz = indptr[matrix.userCount];
  const isTest = new Uint8Array(nnz);
  const keys = new Float64Array(nnz);
  let trainCount = 0;
  for (let u = 0; u < matrix.userCount; u++) {
    const s = indptr[u];
    const n = indptr[u + 1] - s;
    for (let t = s; t < s + n; t++) keys[t] = random();
    const testCount = Math.min(Math.floor(fraction * n + 0.5), Math.max(n - 1, 0));
    if (testCount > 0) {
      const order = Array.from({ length: n }, (_, q) => s + q).sort((a, b) => keys[a] - keys[b] || indices[a] - indices[b]);
      for (let q = 0; q < testCount; q++) isTest[order[q]] = 1;
    }
    trainCount += n - testCount;
  }
  const part = (wanted: number, size: number): InteractionMatrix => {
    const users = new Int32Array(size);
    const items = new Int32Array(size);
    const vals = new Float64Array(size);
    let p = 0;
    for (let u = 0; u < matrix.userCount; u++) {
      for (let t = indptr[u]; t < indptr[u + 1]; t++) {
        if (isTest[t] !== wanted) continue;
        users[p] = u;
        items[p] = indices[t];
        vals[p] = values[t];
        p++;
      }
    }
    return buildInteractionMatrix({
      userIndices: users,
      itemIndices: items,
      values: vals,
      userCount: matrix.userCount,
      itemCount: matrix.itemCount,
    });
  };
  return { train: part(0, trainCount), test: part(1, nnz - trainCount) };
}
