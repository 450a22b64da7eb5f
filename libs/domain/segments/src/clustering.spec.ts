import { describe, expect, it } from 'vitest';
import { describeCluster } from './describe-cluster';
import { kMeans } from './kmeans';
import { chooseK, silhouetteScore } from './silhouette';
import { standardise } from './standardise';
import { SeededRandom } from '@crosslane/util-random';

function blobs(seed: number): number[][] {
  const rng = new SeededRandom(seed);
  const centres = [
    [0, 0],
    [10, 10],
    [0, 10],
  ];
  return Array.from({ length: 90 }, (_, i) => centres[i % 3].map((c) => c + rng.normal() * 0.5));
}

describe('k-means and choosing k', () => {
  it('finds two clusters on the doc example', () => {
    const result = kMeans([[0], [0.2], [10], [10.2]], 2, { seed: 1 });
    expect(result.inertia).toBeCloseTo(0.04, 10);
    expect(result.assignments[0]).toBe(result.assignments[1]);
    expect(result.assignments[2]).not.toBe(result.assignments[0]);
  });

  it('gives the same clusters for the same seed and recovers three blobs', () => {
    const points = blobs(7);
    const a = kMeans(points, 3, { seed: 42 });
    const b = kMeans(points, 3, { seed: 42 });
    expect(a.assignments).toEqual(b.assignments);
    for (let i = 0; i < points.length; i += 3) expect(new Set([a.assignments[i], a.assignments[i + 1], a.assignments[i + 2]]).size).toBe(3);
  });

  it('matches sklearn silhouette_score on a small example', () => {
    // sklearn.metrics.silhouette_score([[0],[1],[10],[11]], [0,0,1,1]) = 0.8997493734335839
    expect(silhouetteScore([[0], [1], [10], [11]], [0, 0, 1, 1])).toBeCloseTo(0.8997493734335839, 12);
  });

  it('peaks the silhouette at the true k and lowers inertia as k grows', () => {
    const choices = chooseK(blobs(3), 2, 6, 1);
    const best = choices.reduce((x, y) => (y.silhouette > x.silhouette ? y : x));
    expect(best.k).toBe(3);
    for (let i = 1; i < choices.length; i++) expect(choices[i].inertia).toBeLessThanOrEqual(choices[i - 1].inertia + 1e-9);
  });

  it('standardises columns to mean 0 and sd 1 (the doc example) without mutating', () => {
    const rows = [[1], [3]];
    expect(standardise(rows).rows).toEqual([[-1], [1]]);
    expect(rows).toEqual([[1], [3]]);
    expect(
      standardise([
        [5, 1],
        [5, 2],
      ]).rows.map((r) => r[0]),
    ).toEqual([0, 0]);
  });

  it('describes a cluster by what sets it apart (the doc example)', () => {
    expect(
      describeCluster({ means: [2000], size: 10, topCategories: ['motorsport'] }, { labels: ['monetary'], means: [500], sds: [500] }),
    ).toBe('much higher monetary; top categories: motorsport');
    expect(
      describeCluster(
        { means: [510, 0.2], size: 4, topCategories: [], rfm: { r: 3, f: 2.5, m: 3 } },
        { labels: ['monetary', 'car interest'], means: [500, 0.4], sds: [500, 0.2] },
      ),
    ).toBe('lower car interest; RFM 3.0/2.5/3.0');
  });
});
