import { SeededRandom } from '@crosslane/util-random';

export interface KMeansResult {
  centroids: number[][];
  /** Cluster index per point. */
  assignments: number[];
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
  iterations: number;
}

/**
 * k-means (Lloyd's algorithm) with k-means++ seeding: the first centre is a
 * random point, each next one is drawn with probability proportional to the
 * squared distance to the nearest centre chosen so far. Same seed, same
 * clusters. Method: Arthur and Vassilvitskii, "k-means++: the advantages of
 * careful seeding", SODA 2007; Lloyd, "Least squares quantization in PCM", 1982.
 *
 * Example: `kMeans([[0], [0.2], [10], [10.2]], 2, { seed: 1 }).inertia` is 0.04
 * (two clusters {0, 0.2} and {10, 10.2}).
 */
export function kMeans(points: readonly (readonly number[])[], k: number, options: { seed: number; maxIterations?: number }): KMeansResult {
  if (!Number.isInteger(k) || k < 1) throw new Error(`kMeans requires k >= 1, got ${k}`);
  if (points.length < k) throw new Error(`kMeans requires at least k = ${k} points, got ${points.length}`);
  const rng = new SeededRandom(options.seed, 'k-means');
  const maxIterations = options.maxIterations ?? 100;
  const centroids = seedPlusPlus(points, k, rng);
  const assignments = new Array<number>(points.length).fill(-1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let i = 0; i < points.length; i++) {
      const nearest = nearestCentroid(points[i], centroids).index;
      if (nearest !== assignments[i]) {
        assignments[i] = nearest;
        changed = true;
      }
    }
    if (!changed) break;
    const d = points[0].length;
    const sums = centroids.map(() => new Array<number>(d).fill(0));
    const counts = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      counts[assignments[i]] += 1;
      for (let j = 0; j < d; j++) sums[assignments[i]][j] += p[j];
    });
    for (let c = 0; c < k; c++) {
      // An emptied cluster keeps its centre rather than vanishing.
      if (counts[c] > 0) centroids[c] = sums[c].map((s) => s / counts[c]);
    }
  }
  const inertia = points.reduce((sum, p, i) => sum + squaredDistance(p, centroids[assignments[i]]), 0);
  return { centroids, assignments, inertia, iterations };
}

function seedPlusPlus(points: readonly (readonly number[])[], k: number, rng: SeededRandom): number[][] {
  const centroids: number[][] = [[...points[rng.int(0, points.length - 1)]]];
  const distances = points.map((p) => squaredDistance(p, centroids[0]));
  while (centroids.length < k) {
    const total = distances.reduce((a, b) => a + b, 0);
    let index: number;
    if (total === 0) {
      index = rng.int(0, points.length - 1);
    } else {
      let target = rng.next() * total;
      index = 0;
      while (index < points.length - 1 && target >= distances[index]) {
        target -= distances[index];
        index += 1;
      }
    }
    const centre = [...points[index]];
    centroids.push(centre);
    points.forEach((p, i) => {
      distances[i] = Math.min(distances[i], squaredDistance(p, centre));
    });
  }
  return centroids;
}

export function nearestCentroid(point: readonly number[], centroids: readonly (readonly number[])[]): { index: number; distance: number } {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((c, i) => {
    const d = squaredDistance(point, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return { index: best, distance: bestDistance };
}

export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] - b[j]) ** 2;
  return sum;
}
