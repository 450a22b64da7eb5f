import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';

describe('createSeededRandom', () => {
  it('repeats its stream for the same seed (the doc example)', () => {
    expect(createSeededRandom(1)()).toBe(createSeededRandom(1)());
    const a = createSeededRandom(123);
    const b = createSeededRandom(123);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it('gives unrelated streams for nearby seeds, including seeds beyond 32 bits', () => {
    expect(createSeededRandom(1)()).not.toBe(createSeededRandom(2)());
    expect(createSeededRandom(2 ** 32 + 1)()).not.toBe(createSeededRandom(1)());
  });

  it('draws uniform doubles in [0, 1)', () => {
    const random = createSeededRandom(7);
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // Mean of n uniforms: 0.5 ± 4 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });
});
