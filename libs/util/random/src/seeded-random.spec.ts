import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

// Reference values: Vigna's xoshiro128starstar.c seeded by two splitmix64.c
// outputs (memcpy into uint32_t[4]), compiled with gcc and run for each seed.
const REFERENCE: Record<number, number[]> = {
  42: [1776835114, 4165204688, 17111135, 2317295270, 2792088233],
  20261128: [2508197191, 1507783024, 1483838433, 3894117831, 1413652733],
  [-1]: [477689756, 2493998634, 555695776, 607808419, 61340979],
};

describe('SeededRandom', () => {
  it.each(Object.entries(REFERENCE))('matches the C reference for seed %s', (seed, expected) => {
    const rng = new SeededRandom(Number(seed));
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual(expected);
  });

  it('gives the doc comment example', () => {
    expect(new SeededRandom(42).nextUint32()).toBe(1_776_835_114);
  });

  it('repeats a stream for the same seed and label, and separates labels and seeds', () => {
    const draw = (seed: number, label?: string) => {
      const rng = new SeededRandom(seed, label);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(7, 'members')).toEqual(draw(7, 'members'));
    expect(draw(7, 'members')).not.toEqual(draw(7, 'items'));
    expect(draw(7, 'members')).not.toEqual(draw(8, 'members'));
    expect(draw(7)).not.toEqual(draw(7, 'members'));
  });

  it('keeps every helper inside its documented range', () => {
    const rng = new SeededRandom(1);
    for (let i = 0; i < 5000; i += 1) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = rng.int(-2, 3);
      expect(k).toBeGreaterThanOrEqual(-2);
      expect(k).toBeLessThanOrEqual(3);
      expect(rng.geometric(0.4)).toBeGreaterThanOrEqual(0);
    }
    expect(rng.hex(12)).toMatch(/^[0-9a-f]{12}$/);
    expect(rng.hex(3)).toMatch(/^[0-9a-f]{3}$/);
  });

  it('draws integers uniformly', () => {
    const rng = new SeededRandom(2);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i += 1) counts[rng.int(0, 3)] += 1;
    counts.forEach((c) => expect(Math.abs(c - 10_000)).toBeLessThan(400));
  });

  it('draws indexes in proportion to weight and never a zero weight', () => {
    const rng = new SeededRandom(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i += 1) counts[rng.weightedIndex([1, 0, 3])] += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.8);
    expect(counts[2] / counts[0]).toBeLessThan(3.2);
  });

  it('gives Poisson counts with the requested mean on both sides of the switch at 30', () => {
    const rng = new SeededRandom(4);
    for (const lambda of [0.5, 4, 45]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i += 1) sum += rng.poisson(lambda);
      expect(sum / 20_000).toBeCloseTo(lambda, lambda < 10 ? 1 : 0);
    }
    expect(rng.poisson(0)).toBe(0);
  });

  it('gives standard normal deviates', () => {
    const rng = new SeededRandom(5);
    const xs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeCloseTo(1, 1);
  });

  it('shuffles a copy and leaves the input as it was', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new SeededRandom(6).shuffled(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
    expect(out).not.toEqual(input);
  });

  it('says what it requires', () => {
    expect(() => new SeededRandom(1.5)).toThrow('SeededRandom requires a safe integer seed, got 1.5');
    expect(() => new SeededRandom(1).int(3, 2)).toThrow('SeededRandom.int requires integers min <= max, got 3 and 2');
    expect(() => new SeededRandom(1).pick([])).toThrow('SeededRandom.pick requires a non-empty array');
    expect(() => new SeededRandom(1).weightedIndex([0, 0])).toThrow('positive total weight');
  });
});
