import { describe, expect, it } from 'vitest';
import { groupOwnedItems, homeDomain, includesSorted, scoreEligibleItems, scoreEligibleItemsEase, withOwnedItems } from './serving-index';

describe('owned item sets', () => {
  it('groups pairs into ascending, distinct item ids per member', () => {
    const owned = groupOwnedItems([2, 1, 2, 2], [9, 4, 3, 9]);
    expect([...owned.get(2)!]).toEqual([3, 9]);
    expect([...owned.get(1)!]).toEqual([4]);
  });

  it('appends new interactions without touching the previous map or other members', () => {
    const before = new Map([
      [1, Float64Array.of(5)],
      [3, Float64Array.of(8)],
    ]);
    const after = withOwnedItems(before, [1, 2, 1], [3, 7, 5]);
    expect([...after.get(1)!]).toEqual([3, 5]);
    expect([...after.get(2)!]).toEqual([7]);
    expect(after.get(3)).toBe(before.get(3));
    expect([...before.get(1)!]).toEqual([5]);
    expect(before.has(2)).toBe(false);
  });

  it('finds ids by binary search', () => {
    const sorted = Float64Array.of(2, 3, 5, 8, 13);
    expect([1, 2, 5, 13, 14].map((v) => includesSorted(sorted, v))).toEqual([false, true, true, true, false]);
    expect(includesSorted(new Float64Array(0), 1)).toBe(false);
  });
});

describe('scoreEligibleItems', () => {
  it('scores eligible rows by dot product and marks the others NaN', () => {
    const users = Float32Array.of(1, 2, 3, 0.5, 0.25, 2);
    const items = Float64Array.of(1, 0, 1, 0, 1, 0, 2, 2, 2);
    const scores = new Float64Array(3);
    scoreEligibleItems(users, 1, items, 3, Uint8Array.of(1, 0, 1), scores);
    expect(scores[0]).toBe(2.5);
    expect(scores[1]).toBeNaN();
    expect(scores[2]).toBe(5.5);
  });
});

describe('scoreEligibleItemsEase', () => {
  it('sums the history rows of B and hides ineligible items (the doc example)', () => {
    const scores = new Float64Array(2);
    scoreEligibleItemsEase(Float32Array.of(0, 0.5, 0.25, 0), [0], Uint8Array.of(1, 1), scores);
    expect(Array.from(scores)).toEqual([0, 0.5]);
    scoreEligibleItemsEase(Float32Array.of(0, 0.5, 0.25, 0), [0, 1], Uint8Array.of(1, 0), scores);
    expect(scores[0]).toBe(0.25);
    expect(scores[1]).toBeNaN();
  });
});

describe('homeDomain', () => {
  it('is the domain of most known items, a tie counting as knowledge', () => {
    expect(homeDomain(['PARTNER', 'PARTNER', 'KNOWLEDGE'])).toBe('partner');
    expect(homeDomain(['PARTNER', 'KNOWLEDGE', undefined, undefined])).toBe('knowledge');
    expect(homeDomain([])).toBe('knowledge');
  });
});
