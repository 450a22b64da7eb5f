/** A source of uniform doubles in [0, 1). */
export type RandomSource = () => number;

/**
 * Seeded uniform generator: SplitMix32 seeding into sfc32 (Small Fast Counting
 * generator, Doty-Humphrey, PractRand 0.94), drawing 53-bit doubles from two
 * 32-bit outputs. Every random choice in this library goes through it, so the
 * same seed gives the same split and the same model on every platform.
 *
 * Example: createSeededRandom(1)() === createSeededRandom(1)() (same seed, same stream).
 */
export function createSeededRandom(seed: number): RandomSource {
  // SplitMix32 spreads nearby seeds (1, 2, 3) into unrelated sfc32 states.
  let s = (Math.trunc(seed) ^ 0x9e3779b9) | 0;
  const mix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  // High bits of a seed beyond 32 still matter.
  const high = Math.floor(Math.trunc(seed) / 4294967296) | 0;
  let a = mix() ^ high;
  let b = mix();
  let c = mix();
  let d = 1;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}
