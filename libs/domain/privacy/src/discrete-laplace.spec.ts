import { describe, expect, it } from 'vitest';
import {
  epsilonAsRational,
  geometricErrorBound,
  noisyCount,
  sampleTwoSidedGeometric,
  twoSidedGeometricProbability,
  type RandomInt,
} from './discrete-laplace';

/** A seeded uniform integer source for tests only (mulberry32 pairs with rejection, so every integer below 2^48 is equally likely). */
function seededRandomInt(seed: number): RandomInt {
  let state = seed >>> 0;
  const next32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (max) => {
    if (max <= 2 ** 32) {
      const limit = Math.floor(2 ** 32 / max) * max;
      for (;;) {
        const x = next32();
        if (x < limit) return x % max;
      }
    }
    const limit = Math.floor(2 ** 48 / max) * max;
    for (;;) {
      const x = (next32() & 0xffff) * 2 ** 32 + next32();
      if (x < limit) return x % max;
    }
  };
}

describe('two-sided geometric mechanism', () => {
  it('has the closed-form probabilities (the doc example: epsilon ln 2 gives P(0) = 1/3)', () => {
    expect(twoSidedGeometricProbability(0, Math.log(2))).toBeCloseTo(1 / 3, 12);
    expect(twoSidedGeometricProbability(-2, Math.log(2))).toBeCloseTo(1 / 3 / 4, 12);
    let total = 0;
    for (let z = -2000; z <= 2000; z++) total += twoSidedGeometricProbability(z, 0.1);
    expect(total).toBeCloseTo(1, 9);
  });

  it('draws match the closed form: chi-square over 10^6 draws at epsilon 0.5 with a fixed seed', () => {
    const epsilon = 0.5;
    const random = seededRandomInt(20261206);
    const draws = 1_000_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < draws; i++) {
      const z = sampleTwoSidedGeometric(epsilon, random);
      counts.set(z, (counts.get(z) ?? 0) + 1);
    }
    // Bins -12..12, with both tails pooled so every expected count is large.
    const edge = 12;
    let chi = 0;
    let bins = 0;
    // Each tail: P(Z > 12) = a^13 / (1 + a).
    const tail = Math.exp(-epsilon * (edge + 1)) / (1 + Math.exp(-epsilon));
    for (let z = -edge; z <= edge; z++) {
      bins++;
      const expected = draws * twoSidedGeometricProbability(z, epsilon);
      const observed = counts.get(z) ?? 0;
      chi += (observed - expected) ** 2 / expected;
    }
    for (const side of [-1, 1]) {
      const expected = draws * tail;
      const observed = [...counts.entries()].filter(([z]) => z * side > edge).reduce((s, [, n]) => s + n, 0);
      chi += (observed - expected) ** 2 / expected;
      bins++;
    }
    // 27 bins, 26 degrees of freedom: the 0.999 quantile of chi-square(26) is 54.05 (R: qchisq(0.999, 26)).
    expect(bins).toBe(27);
    expect(chi).toBeLessThan(54.05);
    // The mean is 0 and the variance 2a/(1-a)^2 (a = e^-0.5: 7.92), within sampling error.
    const values = [...counts.entries()];
    const mean = values.reduce((s, [z, n]) => s + z * n, 0) / draws;
    const variance = values.reduce((s, [z, n]) => s + (z - mean) ** 2 * n, 0) / draws;
    const a = Math.exp(-epsilon);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeCloseTo((2 * a) / (1 - a) ** 2, 0);
  });

  it('gives the same draws for the same seed', () => {
    const a = seededRandomInt(5);
    const b = seededRandomInt(5);
    const first = Array.from({ length: 20 }, () => sampleTwoSidedGeometric(0.1, a));
    expect(Array.from({ length: 20 }, () => sampleTwoSidedGeometric(0.1, b))).toEqual(first);
  });

  it('states the 95% error bound (the doc example) and holds it about 95% of the time', () => {
    expect(geometricErrorBound(0.1, 0.95)).toBe(30);
    const random = seededRandomInt(11);
    let inside = 0;
    for (let i = 0; i < 20_000; i++) if (Math.abs(sampleTwoSidedGeometric(0.1, random)) <= 30) inside++;
    expect(inside / 20_000).toBeGreaterThan(0.945);
    expect(inside / 20_000).toBeLessThan(0.965);
  });

  it('never releases a negative count, reads epsilon as a rational and refuses nonsense', () => {
    const random = seededRandomInt(3);
    for (let i = 0; i < 1_000; i++) expect(noisyCount(0, 0.1, random)).toBeGreaterThanOrEqual(0);
    expect(epsilonAsRational(0.25)).toEqual({ numerator: 1, denominator: 4 });
    expect(() => sampleTwoSidedGeometric(0, random)).toThrow(/0 < epsilon/);
    expect(() => noisyCount(-1, 0.1, random)).toThrow(/non-negative/);
  });
});
