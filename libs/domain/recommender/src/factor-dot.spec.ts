import { describe, expect, it } from 'vitest';
import { factorDot } from './factor-dot';

describe('factorDot', () => {
  it('gives the doc example, an odd length with its last term in the even accumulator', () => {
    expect(factorDot(Float64Array.of(1, 2, 3), 0, Float64Array.of(4, 5, 6), 0, 3)).toBe(32);
  });

  it('reads the rows at their offsets and gives a Float32 row the score of its exact Float64 copy', () => {
    const users = Float32Array.of(9, 9, 0.1, 0.2, 0.3, 0.4);
    const items = Float64Array.of(0.5, 0.25, 0.125, 2, 9);
    expect(factorDot(users, 2, items, 0, 4)).toBe(factorDot(Float64Array.from(users), 2, items, 0, 4));
    expect(factorDot(users, 2, items, 0, 4)).toBeCloseTo(0.1 * 0.5 + 0.2 * 0.25 + 0.3 * 0.125 + 0.4 * 2, 6);
  });
});
