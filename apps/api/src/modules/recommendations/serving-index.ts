/**
 * Pure helpers over the serving cache's in-memory index: members' item sets
 * as sorted Float64Arrays (ids are exact below 2^53), and scoring into a
 * reused buffer. No I/O and no allocation per scored item.
 */

import { factorDot } from '@crosslane/domain-recommender';

const EMPTY = new Float64Array(0);

/** Groups member x item pairs (any order, duplicates allowed) into each member's ascending, distinct item ids. */
export function groupOwnedItems(memberIds: readonly number[], itemIds: readonly number[]): Map<number, Float64Array> {
  const lists = new Map<number, number[]>();
  for (let t = 0; t < memberIds.length; t++) {
    let list = lists.get(memberIds[t]);
    if (!list) lists.set(memberIds[t], (list = []));
    list.push(itemIds[t]);
  }
  const owned = new Map<number, Float64Array>();
  for (const [member, list] of lists) owned.set(member, distinctSorted(Float64Array.from(list)));
  return owned;
}

/**
 * A new map in which the members of `memberIds` also own the paired items;
 * the arrays of every other member are shared with `owned`, which is left as it was.
 *
 * Example: withOwnedItems(new Map([[1, Float64Array.of(5)]]), [1, 2], [3, 7]).get(1) is Float64Array [3, 5].
 */
export function withOwnedItems(
  owned: ReadonlyMap<number, Float64Array>,
  memberIds: readonly number[],
  itemIds: readonly number[],
): Map<number, Float64Array> {
  const next = new Map(owned);
  const added = groupOwnedItems(memberIds, itemIds);
  for (const [member, items] of added) {
    const before = owned.get(member) ?? EMPTY;
    const merged = new Float64Array(before.length + items.length);
    merged.set(before);
    merged.set(items, before.length);
    next.set(member, distinctSorted(merged));
  }
  return next;
}

/** True when `value` is in the ascending array (binary search). */
export function includesSorted(sorted: Float64Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Writes into `scores` the dot product of user row `row` with every item row
 * whose `eligible` flag is 1, and NaN for the others (topKIndices never picks
 * NaN). Item factors come as the exact Float64 copy of the stored Float32
 * ones (no conversion per multiply; the same products), scored by the
 * recommender's factorDot, so a score does not depend on how it is served.
 */
export function scoreEligibleItems(
  userFactors: Float32Array,
  row: number,
  itemFactors: Float64Array,
  k: number,
  eligible: Uint8Array,
  scores: Float64Array,
): void {
  const xo = row * k;
  for (let i = 0; i < eligible.length; i++) {
    if (eligible[i] === 0) {
      scores[i] = NaN;
      continue;
    }
    scores[i] = factorDot(userFactors, xo, itemFactors, i * k, k);
  }
}

/**
 * EASE's scores (Steck 2019: the sum of the history items' rows of B) for
 * the eligible items, NaN for the others; `historyRows` are the model rows
 * of the member's items (binary feedback, as served).
 *
 * Example: with B = [[0, 0.5], [0.25, 0]], history row 0 and both items eligible, scores become [0, 0.5].
 */
export function scoreEligibleItemsEase(
  weights: Float32Array,
  historyRows: readonly number[],
  eligible: Uint8Array,
  scores: Float64Array,
): void {
  const n = eligible.length;
  scores.fill(0);
  for (const r of historyRows) {
    const o = r * n;
    for (let j = 0; j < n; j++) scores[j] += weights[o + j];
  }
  for (let j = 0; j < n; j++) if (eligible[j] === 0) scores[j] = NaN;
}

/** Which side a member is on for a direction: the domain of most of their items that the model knows (a tie counts as KNOWLEDGE), as evaluateRanking defines it. */
export function homeDomain(domains: readonly ('KNOWLEDGE' | 'PARTNER' | undefined)[]): 'knowledge' | 'partner' {
  let knowledge = 0;
  let known = 0;
  for (const d of domains) {
    if (d === undefined) continue;
    known++;
    if (d === 'KNOWLEDGE') knowledge++;
  }
  return 2 * knowledge >= known ? 'knowledge' : 'partner';
}

function distinctSorted(values: Float64Array): Float64Array {
  values.sort();
  let n = 0;
  for (let t = 0; t < values.length; t++) if (t === 0 || values[t] !== values[t - 1]) values[n++] = values[t];
  return n === values.length ? values : values.slice(0, n);
}
