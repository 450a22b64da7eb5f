/**
 * Seeded pseudo-random numbers for the demo world and k-means (its own
 * library so product code can use it without importing the demo world).
 *
 * Method: xoshiro128** 1.0 (David Blackman and Sebastiano Vigna, "Scrambled
 * linear pseudorandom number generators", 2018; reference C code at
 * https://prng.di.unimi.it/xoshiro128starstar.c). Its 128-bit state is filled
 * from the seed by SplitMix64 (https://prng.di.unimi.it/splitmix64.c), the
 * seeding the authors recommend, so that nearby seeds (1, 2, 3) still give
 * unrelated streams.
 *
 * Why this and not Math.random: the demo world must come out byte-identical
 * for the same seed, on every machine, so that a screenshot, a test or a bug
 * report about "member m_3fa2..." means the same thing everywhere. Why not
 * mulberry32: its 32-bit state gives a period of 2^32 and it cannot emit
 * every 32-bit value; xoshiro128** has period 2^128 - 1, passes BigCrush, and
 * still needs only 32-bit integer operations (Math.imul), so it is as fast.
 *
 * Example: `new SeededRandom(42).nextUint32()` is 1_776_835_114, the value the
 * reference C code prints for the same SplitMix64 seeding (asserted in the spec).
 */
export class SeededRandom {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /**
   * @param seed any safe integer (negative seeds are read as 64-bit two's complement)
   * @param stream an optional label that gives an independent stream for the same
   *   seed, so one phase of generation can change without shifting the others
   */
  constructor(seed: number, stream = '') {
    if (!Number.isSafeInteger(seed)) {
      throw new Error(`SeededRandom requires a safe integer seed, got ${String(seed)}`);
    }
    let state = BigInt.asUintN(64, BigInt(seed));
    if (stream !== '') state ^= fnv1a64(stream);
    const words: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
      let z = state;
      z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
      z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
      z ^= z >> 31n;
      // Low word first: the order a little-endian memcpy of uint64_t into uint32_t[4] gives.
      words.push(Number(z & 0xffffffffn), Number(z >> 32n));
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s3 = 1; // the all-zero state is a fixed point
  }

  /** The next 32-bit unsigned integer of the stream. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new Error(`SeededRandom.int requires integers min <= max, got ${min} and ${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, each equally likely. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('SeededRandom.pick requires a non-empty array');
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn with probability proportional to its (non-negative) weight. */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i += 1) total += weights[i];
    if (!(total > 0)) throw new Error('SeededRandom.weightedIndex requires a positive total weight');
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i += 1) {
      target -= weights[i];
      if (target < 0) return i;
    }
    // Rounding can leave a sliver past the end: the last positive weight takes it.
    for (let i = weights.length - 1; i >= 0; i -= 1) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /** A standard normal deviate (Box-Muller; one of the pair is discarded for simplicity). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) never happens
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma^2)): the heavy right tail of per-person activity and spend. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /**
   * A Poisson count with mean lambda: Knuth's multiplication method below 30,
   * the rounded normal approximation above (its error there is below what a
   * demo data set can show).
   */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda >= 30) {
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    }
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = this.next();
    while (product > limit) {
      k += 1;
      product *= this.next();
    }
    return k;
  }

  /** Failures before the first success with probability p: 0, 1, 2, ... */
  geometric(p: number): number {
    if (!(p > 0 && p <= 1)) throw new Error(`SeededRandom.geometric requires 0 < p <= 1, got ${p}`);
    if (p === 1) return 0;
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** `length` lowercase hexadecimal characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** A shuffled copy (Fisher-Yates); the input is left as it was. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** FNV-1a, 64-bit, over the UTF-16 code units of a stream label. */
function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = BigInt.asUintN(64, hash * 0x100000001b3n);
  }
  return hash;
}
