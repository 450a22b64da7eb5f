// Ranking metrics at a cut-off K for one user, with the definitions of
// shared/tools/als_ref.py so the benchmark compares like with like. Binary
// relevance: an item is a hit when it is in the user's held-out set.

function requireK(fn: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn} requires k >= 1 (an integer), got ${String(k)}`);
}

function requireRelevant(fn: string, relevant: ReadonlySet<number>): void {
  if (relevant.size === 0) throw new RangeError(`${fn} requires at least 1 relevant item`);
}

function hitCount(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r])) hits++;
  return hits;
}

/**
 * Precision@K: hits in the top K divided by K, even when the list is shorter
 * (Manning, Raghavan & Schütze 2008, Introduction to Information Retrieval §8.4).
 *
 * Example: precisionAtK([3, 1, 2], new Set([1, 9]), 2) === 0.5
 */
export function precisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  requireK('precisionAtK', k);
  return hitCount(ranked, relevant, k) / k;
}

/**
 * Recall@K: hits in the top K divided by the number of relevant items
 * (Manning, Raghavan & Schütze 2008 §8.3).
 *
 * Example: recallAtK([3, 1, 2], new Set([1, 9]), 2) === 0.5
 */
export function recallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  requireK('recallAtK', k);
  requireRelevant('recallAtK', relevant);
  return hitCount(ranked, relevant, k) / relevant.size;
}

/**
 * NDCG@K with binary gains and a log2(rank + 1) discount, normalised by the
 * ideal list that puts min(|relevant|, K) hits first (Järvelin & Kekäläinen
 * 2002, "Cumulated gain-based evaluation of IR techniques", ACM TOIS 20(4)).
 *
 * Example: ndcgAtK([3, 1], new Set([1]), 2) === 1 / Math.log2(3)
 */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  requireK('ndcgAtK', k);
  requireRelevant('ndcgAtK', relevant);
  let dcg = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    if (relevant.has(ranked[r])) dcg += 1 / Math.log2(r + 2);
  }
  let idcg = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
  return dcg / idcg;
}

/**
 * AP@K: the mean of precision@j over the ranks j <= K that are hits, divided by
 * min(|relevant|, K) (the MAP@K of als_ref.py and of Kaggle's ml_metrics); MAP@K
 * is its mean over users.
 *
 * Example: averagePrecisionAtK([1, 3, 2], new Set([1, 2]), 3) === (1 + 2 / 3) / 2
 */
export function averagePrecisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  requireK('averagePrecisionAtK', k);
  requireRelevant('averagePrecisionAtK', relevant);
  let hits = 0;
  let sum = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    if (relevant.has(ranked[r])) {
      hits++;
      sum += hits / (r + 1);
    }
  }
  return sum / Math.min(relevant.size, k);
}

/**
 * Catalogue coverage: distinct items appearing in any recommendation list,
 * divided by the catalogue size (Ge, Delgado-Battenfeld & Jannach 2010,
 * "Beyond accuracy", RecSys).
 *
 * Example: catalogueCoverage([[0, 1], [1, 2]], 8) === 0.375
 */
export function catalogueCoverage(lists: Iterable<ArrayLike<number>>, catalogueSize: number): number {
  if (!Number.isInteger(catalogueSize) || catalogueSize < 1) {
    throw new RangeError(`catalogueCoverage requires catalogueSize >= 1, got ${String(catalogueSize)}`);
  }
  const seen = new Set<number>();
  for (const list of lists) for (let r = 0; r < list.length; r++) seen.add(list[r]);
  return seen.size / catalogueSize;
}
