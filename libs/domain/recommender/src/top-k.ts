/**
 * Indices of the k highest scores, best first, ties to the lower index (the
 * order als_ref.py's lexsort gives). Entries for which `skip` is true and NaN
 * scores are never chosen; fewer than k come back when fewer remain.
 * A single pass with insertion into a sorted k-array: k is small (10) next to
 * the catalogue.
 *
 * Example: topKIndices(Float64Array.of(0.1, 0.9, 0.5, 0.9), 2) is Int32Array [1, 3].
 */
export function topKIndices(scores: ArrayLike<number>, k: number, skip?: (index: number) => boolean): Int32Array {
  const best = new Int32Array(k);
  const bestScore = new Float64Array(k);
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s === s) || (skip !== undefined && skip(i))) continue;
    // Later indices lose ties, so only a strictly higher score enters a full list.
    if (count === k && !(s > bestScore[k - 1])) continue;
    let pos = count < k ? count++ : k - 1;
    while (pos > 0 && bestScore[pos - 1] < s) {
      best[pos] = best[pos - 1];
      bestScore[pos] = bestScore[pos - 1];
      pos--;
    }
    best[pos] = i;
    bestScore[pos] = s;
  }
  return best.slice(0, count);
}
