import { describe, expect, it } from 'vitest';
import { mixtureSprt, msprtTwoMeans, msprtTwoProportions, type MsprtState } from './msprt';
import { summaryFromSums } from './sample-summary';
import { welchTTest } from './welch-t-test';

// Reference: Python 3 (math only) with the formulas of Johari et al. (2017):
//   logL = 0.5*log(V/(V+t2)) + t2*d*d/(2*V*(V+t2)); p = min(1, exp(-logL))
//   half = sqrt(2*V*(V+t2)/t2*(log(1/alpha) + 0.5*log((V+t2)/V))); interval d ± half
describe('mixtureSprt', () => {
  it('matches the closed form (doc example)', () => {
    const r = mixtureSprt(0.01, 0.000004, { mixtureVariance: 0.0001 });
    expect(r.pValue).toBeCloseTo(3.0732725306465356e-5, 15);
    expect(r.likelihoodRatio).toBeCloseTo(32538.604696721326, 6);
    expect(r.lower).toBeCloseTo(0.003796922206344775, 14);
    expect(r.upper).toBeCloseTo(0.016203077793655225, 14);
    expect(r.rejectNull).toBe(true);
  });

  it('rejects exactly when the confidence sequence excludes the null', () => {
    for (const d of [0.002, 0.004, 0.0047, 0.005, 0.008]) {
      const r = mixtureSprt(d, 0.000004, { mixtureVariance: 0.0001 });
      expect(r.rejectNull).toBe(r.lower > 0 || r.upper < 0);
    }
  });

  it('only lowers the p-value and narrows the interval across looks', () => {
    const first = mixtureSprt(0.01, 0.000004, { mixtureVariance: 0.0001 });
    const second = mixtureSprt(0.002, 0.000003, { mixtureVariance: 0.0001 }, first);
    expect(second.pValue).toBe(first.pValue);
    expect(second.lower).toBeGreaterThanOrEqual(first.lower);
    expect(second.upper).toBeLessThanOrEqual(first.upper);
  });

  it('says what it requires', () => {
    expect(() => mixtureSprt(0.01, 0, { mixtureVariance: 0.0001 })).toThrow(
      'mixtureSprt requires variance to be a positive finite number, got 0',
    );
    expect(() => mixtureSprt(0.01, 0.1, { mixtureVariance: -1 })).toThrow(
      'mixtureSprt requires options.mixtureVariance to be a positive finite number, got -1',
    );
  });
});

describe('msprtTwoProportions and msprtTwoMeans', () => {
  it('match the closed form', () => {
    const p = msprtTwoProportions({ successes: 500, n: 10000 }, { successes: 600, n: 10000 }, { mixtureVariance: 0.0001 });
    expect(p.pValue).toBeCloseTo(0.04167757403783741, 12);
    expect(p.lower).toBeCloseTo(0.00021104079705860056, 12);
    expect(p.upper).toBeCloseTo(0.019788959202941388, 12);
    const m = msprtTwoMeans({ n: 1000, mean: 10, variance: 25 }, { n: 1000, mean: 10.8, variance: 25 }, { mixtureVariance: 0.25 });
    expect(m.pValue).toBeCloseTo(0.0118260139885602, 12);
    expect(m.lower).toBeCloseTo(0.11663081648338713, 12);
    expect(m.upper).toBeCloseTo(1.483369183516613, 12);
  });

  it('say what they require', () => {
    expect(() => msprtTwoProportions({ successes: 0, n: 10 }, { successes: 0, n: 10 }, { mixtureVariance: 0.01 })).toThrow(
      'msprtTwoProportions requires at least one arm with both successes and failures',
    );
    expect(() => msprtTwoMeans({ n: 1, mean: 1, variance: 0 }, { n: 5, mean: 1, variance: 1 }, { mixtureVariance: 0.01 })).toThrow(
      'msprtTwoMeans requires at least 2 values in each sample, got a.n = 1',
    );
  });
});

// Seeded generator (mulberry32) and Box–Muller normals: the simulation is the same on every run.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number, mean: number): number {
  return mean + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Running COUNT, SUM and SUM of squares, as a dashboard would read them from SQL at each look. */
class RunningSums {
  n = 0;
  sum = 0;
  sumOfSquares = 0;
  add(x: number): void {
    this.n++;
    this.sum += x;
    this.sumOfSquares += x * x;
  }
  summary() {
    return summaryFromSums(this.n, this.sum, this.sumOfSquares);
  }
}

function simulate(seed: number, effect: number): { msprtRejected: number; peekingRejected: number } {
  const random = mulberry32(seed);
  const sequences = 200;
  const looks = 50;
  const perLook = 20;
  let msprtRejected = 0;
  let peekingRejected = 0;
  for (let s = 0; s < sequences; s++) {
    const a = new RunningSums();
    const b = new RunningSums();
    let state: MsprtState | undefined;
    let peeked = false;
    for (let look = 0; look < looks; look++) {
      for (let i = 0; i < perLook; i++) {
        a.add(normal(random, 0));
        b.add(normal(random, effect));
      }
      state = msprtTwoMeans(a.summary(), b.summary(), { mixtureVariance: 0.01 }, state);
      if (welchTTest(a.summary(), b.summary()).pValue < 0.05) peeked = true;
    }
    if (state !== undefined && state.pValue <= 0.05) msprtRejected++;
    if (peeked) peekingRejected++;
  }
  return { msprtRejected: msprtRejected / sequences, peekingRejected: peekingRejected / sequences };
}

describe('mSPRT under continuous monitoring (seeded simulation, 50 looks)', () => {
  it('keeps false positives at or below alpha where peeking at a t-test does not', () => {
    const { msprtRejected, peekingRejected } = simulate(20250101, 0);
    // 200 sequences: 0.05 + 3 standard errors = 0.096
    expect(msprtRejected).toBeLessThanOrEqual(0.096);
    expect(peekingRejected).toBeGreaterThan(0.12);
  });

  it('still finds a real effect', () => {
    expect(simulate(7, 0.3).msprtRejected).toBeGreaterThan(0.9);
  });
});
