import { describe, expect, it } from 'vitest';
import {
  countBound,
  decodeSketch,
  differenceBelow,
  encodeSketch,
  prefilterBound,
  sketchCellsFor,
  sketchFingerprint,
  sketchMembers,
  sketchPrefilter,
  symmetricDifference,
} from './member-set-sketch';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => BigInt(from + i));

describe('member-set sketch (IBLT)', () => {
  it('lists exactly who differs (the doc example)', () => {
    expect(symmetricDifference(sketchMembers([1n, 2n, 3n], 16), sketchMembers([1n, 2n], 16))).toEqual({
      decoded: true,
      onlyInFirst: [3n],
      onlyInSecond: [],
      size: 1,
    });
  });

  it('finds one member missing from a set of a million, in a sketch of 192 cells (3.8 kB)', () => {
    const all = range(1, 1_000_001);
    const withoutOne = all.filter((id) => id !== 424_242n);
    const diff = symmetricDifference(sketchMembers(all, 64), sketchMembers(withoutOne, 64));
    expect(diff).toEqual({ decoded: true, onlyInFirst: [424_242n], onlyInSecond: [], size: 1 });
  });

  it('is exact for every difference below k in both directions, across 200 random trials at k = 50', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const base = range(trial * 10_000, trial * 10_000 + 2_000);
      const removed = next() % 25;
      const added = next() % 25;
      const other = [...base.slice(removed), ...range(5_000_000 + trial * 100, 5_000_000 + trial * 100 + added)];
      const k = 50;
      expect(differenceBelow(sketchMembers(base, sketchCellsFor(k)), sketchMembers(other, sketchCellsFor(k)), k)).toBe(removed + added);
    }
  });

  it('says "not below k" for sets far apart and for equal sizes with different members', () => {
    const a = sketchMembers(range(0, 5_000), sketchCellsFor(10));
    const b = sketchMembers(range(2_500, 7_500), sketchCellsFor(10));
    expect(differenceBelow(a, b, 10)).toBeNull();
    expect(differenceBelow(a, sketchMembers(range(0, 4_000), 32), 10)).toBeNull();
    // A sketch made for a smaller k cannot prove a difference of at least a larger k: too close, conservatively.
    expect(differenceBelow(sketchMembers(range(0, 5_000), 32), sketchMembers(range(200, 5_200), 32), 100)).toBe(99);
  });

  it('compares a larger sketch with a smaller one by folding, and round-trips through bytes', () => {
    const big = sketchMembers(range(0, 3_000), 256);
    const small = sketchMembers(range(3, 3_000), 32);
    expect(differenceBelow(big, small, 10)).toBe(3);
    const copy = decodeSketch(encodeSketch(big), big.size);
    expect(sketchFingerprint(copy)).toBe(sketchFingerprint(sketchMembers(range(0, 3_000).reverse(), 64)));
    expect(sketchFingerprint(copy)).not.toBe(sketchFingerprint(small));
  });

  it('bounds the difference from the counts alone, never above the true difference', () => {
    const a = sketchMembers(range(0, 1_000), 32);
    const b = sketchMembers(range(7, 1_010), 32);
    expect(countBound(a, b)).toBeLessThanOrEqual(17);
    expect(countBound(a, sketchMembers(range(5_000, 6_000), 32))).toBeGreaterThan(100);
  });

  it('sizes a sketch by k, and refuses what it cannot store', () => {
    expect(sketchCellsFor(10)).toBe(32);
    expect(sketchCellsFor(50)).toBe(128);
    expect(() => sketchMembers([], 12)).toThrow(/power of two/);
  });

  it('pre-filter: the doc example, and the signature is 96 integers whatever k', () => {
    expect(prefilterBound(sketchPrefilter(sketchMembers([1n, 2n, 3n], 32)), sketchPrefilter(sketchMembers([1n, 2n], 32)))).toBe(1);
    expect(sketchPrefilter(sketchMembers(range(0, 500), sketchCellsFor(1_000)))).toHaveLength(96);
  });

  it('pre-filter never rules out a set within k: its bound is at most the true difference, across 300 random trials and sketch sizes', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let trial = 0; trial < 300; trial++) {
      const k = [10, 50, 200][trial % 3];
      const base = range(trial * 7_000, trial * 7_000 + 3_000);
      const removed = next() % (2 * k);
      const added = next() % (2 * k);
      const other = [...base.slice(removed), ...range(9_000_000 + trial * 1_000, 9_000_000 + trial * 1_000 + added)];
      // Different cell counts on purpose: a release stored under one k, compared under another.
      const a = sketchPrefilter(sketchMembers(base, sketchCellsFor(k)));
      const b = sketchPrefilter(sketchMembers(other, sketchCellsFor(2 * k)));
      expect(prefilterBound(a, b)).toBeLessThanOrEqual(removed + added);
      if (removed + added < k) expect(prefilterBound(a, b)).toBeLessThan(k);
    }
  });

  it('pre-filter rules out unrelated sets of similar size at k = 50, so the store returns almost nothing to decode', () => {
    let ruledOut = 0;
    const k = 50;
    const mine = sketchPrefilter(sketchMembers(range(0, 300), sketchCellsFor(k)));
    for (let other = 1; other <= 100; other++) {
      const theirs = sketchPrefilter(sketchMembers(range(other * 10_000, other * 10_000 + 300 + (other % 40)), sketchCellsFor(k)));
      if (prefilterBound(mine, theirs) >= k) ruledOut += 1;
    }
    expect(ruledOut).toBe(100);
  });
});
