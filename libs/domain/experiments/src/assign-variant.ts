import { murmurHash3 } from './murmur-hash3';

export interface VariantWeight {
  readonly key: string;
  /** Relative weight; weights need not sum to 1. A weight of 0 receives nobody. */
  readonly weight: number;
}

/** Maps a string to a number in [0, 1); must give the same value on every machine. */
export type UnitHash = (input: string) => number;

export interface AssignVariantOptions {
  /** Replace the default hash (MurmurHash3 x86_32, seed 0, scaled by 2^-32). */
  readonly hash?: UnitHash;
}

/**
 * The default unit hash: MurmurHash3 x86_32 (seed 0) of the UTF-8 string,
 * divided by 2^32, so 4.3 billion equally likely buckets.
 *
 * Example: hashToUnitInterval('abc') === 0xb3dd93fa / 2 ** 32 (≈ 0.702600).
 */
export function hashToUnitInterval(input: string): number {
  return murmurHash3(input, 0) / 4294967296;
}

/**
 * Deterministic, sticky variant assignment: the same member in the same
 * campaign gets the same variant on every call, process and machine, with no
 * assignment table to look up.
 *
 * Method: hash-based bucketing as in Kohavi, Tang & Xu, Trustworthy Online
 * Controlled Experiments (2020), ch. 4 ("randomization unit" and hashing with
 * a per-experiment seed). u = hash(campaignSalt + ':' + memberKey) in [0, 1)
 * is placed on the cumulative normalised weights. A per-campaign salt keeps
 * assignments independent across campaigns, so a member who landed in a
 * treatment once is not in the treatment of every campaign. Changing the
 * weights of a running campaign moves members between variants; keep them
 * fixed after launch.
 *
 * Example: assignVariant('member-42', 'spring-wheels-2025', [{key: 'control', weight: 1}, {key: 'course', weight: 1}]) === 'control'
 * (the hash puts that member at u ≈ 0.02296).
 */
export function assignVariant(
  memberKey: string,
  campaignSalt: string,
  variants: readonly VariantWeight[],
  options: AssignVariantOptions = {},
): string {
  const fn = 'assignVariant';
  if (typeof memberKey !== 'string' || memberKey.length === 0) {
    throw new TypeError(`${fn} requires a non-empty memberKey string, got ${JSON.stringify(memberKey)}`);
  }
  if (typeof campaignSalt !== 'string' || campaignSalt.length === 0) {
    throw new TypeError(`${fn} requires a non-empty campaignSalt string, got ${JSON.stringify(campaignSalt)}`);
  }
  if (!Array.isArray(variants) || variants.length === 0) {
    throw new RangeError(`${fn} requires at least 1 variant`);
  }
  const seen = new Set<string>();
  let total = 0;
  variants.forEach((v, i) => {
    if (typeof v.key !== 'string' || v.key.length === 0 || seen.has(v.key)) {
      throw new RangeError(`${fn} requires unique, non-empty variant keys, got variants[${i}].key = ${JSON.stringify(v.key)}`);
    }
    seen.add(v.key);
    if (typeof v.weight !== 'number' || !Number.isFinite(v.weight) || v.weight < 0) {
      throw new RangeError(`${fn} requires variants[${i}].weight to be a finite number >= 0, got ${String(v.weight)}`);
    }
    total += v.weight;
  });
  if (!(total > 0)) {
    throw new RangeError(`${fn} requires a positive total weight, got ${total}`);
  }

  const hash = options.hash ?? hashToUnitInterval;
  const u = hash(`${campaignSalt}:${memberKey}`);
  if (!(u >= 0 && u < 1)) {
    throw new RangeError(`${fn} requires the hash to return a number in [0, 1), got ${String(u)}`);
  }
  let cumulative = 0;
  let last = variants[0].key;
  for (const v of variants) {
    if (v.weight === 0) continue;
    last = v.key;
    cumulative += v.weight / total;
    if (u < cumulative) return v.key;
  }
  // Rounding can leave the cumulative sum a hair below 1; the last weighted variant owns that sliver.
  return last;
}
