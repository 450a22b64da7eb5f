import type { RandomSource } from './seeded-random';

// Why this exists: the trainer is benchmarked against numpy's reference
// (tools/als_ref.py), which draws its initial factors from
// `np.random.default_rng(seed).random(...)`. Drawing the very same doubles
// makes both trainers start from bit-identical factors for the same seed, so
// the comparison is like for like instead of being buried in seed-to-seed
// noise, and a model can be cross-checked with numpy tooling.

// numpy's SeedSequence (numpy/random/bit_generator.pyx), after Melissa
// O'Neill's seed_seq_fe ("randutils", 2015).
const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

// PCG64's 128-bit LCG multiplier (PCG_DEFAULT_MULTIPLIER_128), whole for the
// one-off seeding and as 32-bit limbs, least significant first, for drawing.
const MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;
const MASK_128 = (1n << 128n) - 1n;
const M0 = 0x9fccf645;
const M1 = 0x4385df64;
const M2 = 0x1fc65da4;
const M3 = 0x2360ed05;

/** Doubles drawn per refill: the per-call function stays small enough for V8 to inline. */
const BATCH = 512;
const TWO_POW_MINUS_32 = 1 / 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
/** Adding then subtracting 1.5 * 2^52 rounds a double of magnitude below 2^51 to the nearest integer. */
const ROUNDER = 6755399441055744;

/**
 * numpy's default generator: returns exactly the doubles that
 * `np.random.default_rng(seed).random()` returns, in order. The seed's
 * little-endian 32-bit words go through numpy's SeedSequence (a pool of 4
 * words, `generate_state(4, uint64)`), which seeds PCG64 (O'Neill 2014, "PCG:
 * A Family of Simple Fast Space-Efficient Statistically Good Algorithms for
 * Random Number Generation", https://www.pcg-random.org/paper.html): a
 * 128-bit LCG whose XSL-RR output gives 64 bits per step, of which the top 53
 * make the double.
 *
 * Example: createNumpyRandom(1)() === 0.5118216247002567 (numpy: default_rng(1).random()).
 */
export function createNumpyRandom(seed: number): RandomSource {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(
      `createNumpyRandom requires seed to be an integer in [0, 2^53 - 1] (numpy rejects negative seeds), got ${String(seed)}`,
    );
  }
  // PCG64 reads generate_state(4, uint64) as val[0..3], each from two words,
  // little-endian; pcg64_set_seed takes initstate = val[0] << 64 | val[1] and
  // initseq = val[2] << 64 | val[3].
  const words = seedSequenceWords(seedEntropy(seed), 8);
  const val = (k: number): bigint => (BigInt(words[2 * k + 1]) << 32n) | BigInt(words[2 * k]);
  const initState = (val(0) << 64n) | val(1);
  const initSeq = (val(2) << 64n) | val(3);
  // pcg_setseq_128_srandom_r: state = 0, step, state += initstate, step.
  const increment = ((initSeq << 1n) | 1n) & MASK_128;
  let state = increment; // the first step from 0: 0 * M + inc
  state = (state + initState) & MASK_128;
  state = (state * MULTIPLIER + increment) & MASK_128;

  // The state as signed 32-bit limbs, least significant first; the increment as unsigned ones.
  const s = Int32Array.from(limbs(state));
  const [i0, i1, i2, i3] = limbs(increment);
  const buffer = new Float64Array(BATCH);
  let next = BATCH;

  const refill = (): void => {
    let a0 = s[0];
    let a1 = s[1];
    let a2 = s[2];
    let a3 = s[3];
    for (let k = 0; k < BATCH; k++) {
      // state = state * M + inc (mod 2^128), one 32-bit column at a time.
      // Math.imul gives each column's low 32 bits exactly; the carry out of a
      // column is its sum taken in doubles, whose rounding error (< 2^16)
      // vanishes once the exact low bits are subtracted and it is rounded.
      const u0 = a0 >>> 0;
      const u1 = a1 >>> 0;
      const u2 = a2 >>> 0;
      const n0 = (Math.imul(a0, M0) + i0) | 0;
      const k1 = (u0 * M0 + i0 - (n0 >>> 0)) * TWO_POW_MINUS_32 + ROUNDER - ROUNDER;
      const n1 = (((Math.imul(a0, M1) + Math.imul(a1, M0)) | 0) + ((i1 + k1) | 0)) | 0;
      const k2 = (u0 * M1 + u1 * M0 + i1 + k1 - (n1 >>> 0)) * TWO_POW_MINUS_32 + ROUNDER - ROUNDER;
      const n2 = (((Math.imul(a0, M2) + Math.imul(a1, M1)) | 0) + ((Math.imul(a2, M0) + ((i2 + k2) | 0)) | 0)) | 0;
      const k3 = (u0 * M2 + u1 * M1 + u2 * M0 + i2 + k2 - (n2 >>> 0)) * TWO_POW_MINUS_32 + ROUNDER - ROUNDER;
      // The top column only needs its low 32 bits.
      const n3 = (((Math.imul(a0, M3) + Math.imul(a1, M2)) | 0) + ((Math.imul(a2, M1) + Math.imul(a3, M0)) | 0) + ((i3 + k3) | 0)) | 0;
      a0 = n0;
      a1 = n1;
      a2 = n2;
      a3 = n3;
      // XSL-RR: rotate (high 64 ^ low 64) right by the state's top 6 bits.
      // Branch-free: a data-dependent branch here mispredicts half the time.
      let xh = n3 ^ n1;
      let xl = n2 ^ n0;
      const rot = n3 >>> 26;
      const swap = (xh ^ xl) & -(rot >>> 5);
      xh ^= swap;
      xl ^= swap;
      const r = rot & 31;
      // (x << 1) << (31 - r) is x << (32 - r), but 0 when r = 0.
      const hi = (xh >>> r) | ((xl << 1) << (31 - r));
      const lo = (xl >>> r) | ((xh << 1) << (31 - r));
      // numpy's next_double: (next64 >> 11) * 2^-53.
      buffer[k] = ((hi >>> 0) * 2097152 + (lo >>> 11)) * TWO_POW_MINUS_53;
    }
    s[0] = a0;
    s[1] = a1;
    s[2] = a2;
    s[3] = a3;
    next = 0;
  };

  return () => {
    if (next === BATCH) refill();
    return buffer[next++];
  };
}

/** numpy's _int_to_uint32_array: the seed's 32-bit words, least significant first; 0 gives [0]. */
function seedEntropy(seed: number): number[] {
  const words = [seed % 4294967296];
  const high = Math.floor(seed / 4294967296);
  if (high > 0) words.push(high);
  return words;
}

/** SeedSequence(entropy).generate_state(count, uint32), default pool size, no spawn key. */
function seedSequenceWords(entropy: readonly number[], count: number): number[] {
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (result ^ (result >>> XSHIFT)) >>> 0;
  };
  // mix_entropy: hash the entropy into the pool, then mix every word into every other.
  const pool: number[] = [];
  for (let i = 0; i < POOL_SIZE; i++) pool.push(hashmix(i < entropy.length ? entropy[i] : 0));
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  // generate_state: cycle through the pool, hashing with the second constant pair.
  let hashB = INIT_B;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let v = (pool[i % POOL_SIZE] ^ hashB) >>> 0;
    hashB = Math.imul(hashB, MULT_B) >>> 0;
    v = Math.imul(v, hashB) >>> 0;
    out.push((v ^ (v >>> XSHIFT)) >>> 0);
  }
  return out;
}

/** A 128-bit value as four unsigned 32-bit limbs, least significant first. */
function limbs(value: bigint): [number, number, number, number] {
  return [0n, 32n, 64n, 96n].map((shift) => Number((value >> shift) & 0xffffffffn)) as [number, number, number, number];
}
