import { describe, expect, it } from 'vitest';
import { ALS_SEARCH_SPACE, EASE_SEARCH_SPACE, proposeSearchPoint, type ScoredPoint, type SearchPoint } from './hyperparameter-search';

// A smooth stand-in for validation NDCG with its peak outside the old grid
// (regularisation 100, above its 10): 0.3 at factors 64, alpha 2, regularisation 100.
const peak = (p: SearchPoint) =>
  0.3 *
  Math.exp(
    -((Math.log2(p.factors) - 6) ** 2) / 8 - (Math.log10(p.alpha) - Math.log10(2)) ** 2 / 2 - (Math.log10(p.regularization) - 2) ** 2 / 2,
  );

function run(trials: number, seed: number, objective: (p: SearchPoint) => number, start?: SearchPoint): ScoredPoint[] {
  const tried: ScoredPoint[] = [];
  for (let t = 0; t < trials; t++) {
    const point = proposeSearchPoint(ALS_SEARCH_SPACE, tried, { seed, start });
    tried.push({ point, score: objective(point) });
  }
  return tried;
}

function exhaustiveGridBest(objective: (p: SearchPoint) => number): number {
  let best = -Infinity;
  for (const factors of [8, 16, 32, 64, 128, 256]) {
    for (let a = -1; a <= 2.001; a += 0.25) {
      for (let r = -2; r <= 3.001; r += 0.25) best = Math.max(best, objective({ factors, alpha: 10 ** a, regularization: 10 ** r }));
    }
  }
  return best;
}

describe('proposeSearchPoint', () => {
  const start = { factors: 16, alpha: 5, regularization: 1 };

  it('tries the requested point first (the doc example), then covers the ranges', () => {
    const tried = run(5, 1, peak, start);
    expect(tried[0].point).toEqual(start);
    const regs = tried
      .slice(1)
      .map((t) => Math.log10(t.point.regularization))
      .sort((a, b) => a - b);
    // Latin hypercube: one of the four initial points in each quarter of the log range.
    regs.forEach((r, q) => expect(Math.floor((r + 2) / 1.25)).toBe(q));
  });

  it('stays in the ranges, snaps factors to powers of two, and never repeats a point', () => {
    const tried = run(30, 3, peak, start);
    const keys = new Set<string>();
    for (const { point } of tried) {
      expect(Math.log2(point.factors) % 1).toBe(0);
      expect(point.factors).toBeGreaterThanOrEqual(8);
      expect(point.factors).toBeLessThanOrEqual(256);
      expect(point.alpha).toBeGreaterThanOrEqual(0.1);
      expect(point.alpha).toBeLessThanOrEqual(100);
      expect(point.regularization).toBeGreaterThanOrEqual(0.01);
      expect(point.regularization).toBeLessThanOrEqual(1000);
      keys.add(JSON.stringify(point));
    }
    expect(keys.size).toBe(30);
  });

  it("with 30 trials (the tune job's default for ALS) gets within 1% of the best point of an exhaustive grid, over several seeds", () => {
    const gridBest = exhaustiveGridBest(peak);
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const best = Math.max(...run(30, seed, peak, start).map((t) => t.score));
      expect(best).toBeGreaterThanOrEqual(0.99 * gridBest);
    }
  });

  it('gives the same search for the same seed and scores', () => {
    expect(run(12, 7, peak, start)).toEqual(run(12, 7, peak, start));
    expect(run(12, 7, peak, start)).not.toEqual(run(12, 8, peak, start));
  });

  it('searches EASE lambda on its own log range', () => {
    const tried: ScoredPoint[] = [];
    for (let t = 0; t < 8; t++) {
      const point = proposeSearchPoint(EASE_SEARCH_SPACE, tried, { seed: 1, start: { lambda: 100 }, initialPoints: 3 });
      tried.push({ point, score: -((Math.log10(point.lambda) - 2.5) ** 2) });
    }
    const best = tried.reduce((a, b) => (b.score > a.score ? b : a));
    expect(Math.abs(Math.log10(best.point.lambda) - 2.5)).toBeLessThan(0.25);
  });

  it('says what was required', () => {
    expect(() => proposeSearchPoint([], [], { seed: 1 })).toThrow('proposeSearchPoint requires at least one dimension');
    expect(() => proposeSearchPoint([{ name: 'x', min: 0, max: 1 }], [], { seed: 1 })).toThrow(
      'proposeSearchPoint requires 0 < min <= max for x, got 0..1',
    );
    expect(() => proposeSearchPoint(EASE_SEARCH_SPACE, [], { seed: 1, initialPoints: 0 })).toThrow(
      'proposeSearchPoint requires initialPoints >= 1',
    );
  });
});
