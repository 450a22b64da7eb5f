import { kMeans, squaredDistance } from './kmeans';

/**
 * Mean silhouette coefficient: for each point, (b - a) / max(a, b) where a
 * is its mean distance to its own cluster and b the smallest mean distance
 * to another cluster; 0 for a point alone in its cluster. Near 1: tight,
 * well separated clusters. O(n^2): run it on a sample.
 * Method: Rousseeuw, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20, 1987
 * (as sklearn.metrics.silhouette_score, Euclidean).
 *
 * Example: `silhouetteScore([[0], [1], [10], [11]], [0, 0, 1, 1])` is about 0.9 (sklearn: 0.9).
 */
export function silhouetteScore(points: readonly (readonly number[])[], assignments: readonly number[]): number {
  const k = Math.max(...assignments) + 1;
  if (k < 2 || points.length < 2) return 0;
  const sizes = new Array<number>(k).fill(0);
  for (const c of assignments) sizes[c] += 1;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const own = assignments[i];
    if (sizes[own] <= 1) continue;
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j++) {
      if (i !== j) sums[assignments[j]] += Math.sqrt(squaredDistance(points[i], points[j]));
    }
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    total += b === Infinity ? 0 : (b - a) / Math.max(a, b);
  }
  return total / points.length;
}

export interface KChoice {
  k: number;
  inertia: number;
  silhouette: number;
}

/**
 * Inertia (elbow curve) and silhouette for each k in a range, to help choose
 * k. Method: k-means++ per k with the same seed, then silhouetteScore.
 *
 * Example: on two well-separated blobs, the best silhouette of `chooseK(points, 2, 4, 1)` is at k = 2.
 */
export function chooseK(points: readonly (readonly number[])[], kMin: number, kMax: number, seed: number): KChoice[] {
  const out: KChoice[] = [];
  for (let k = kMin; k <= Math.min(kMax, points.length - 1); k++) {
    const result = kMeans(points, k, { seed });
    out.push({ k, inertia: result.inertia, silhouette: silhouetteScore(points, result.assignments) });
  }
  return out;
}
