import type { ImplicitAlsModel } from './recommender-model';
import type { ScoredItem } from './recommend-top-n';
import { topKIndices } from './top-k';
import { requireIndex, requireIntegerAtLeast } from './validation';

/** The part of a model that item similarity needs. */
export type ItemFactors = Pick<ImplicitAlsModel, 'itemFactors' | 'factors' | 'itemCount'>;

/**
 * The n items whose latent vectors have the highest cosine similarity to
 * item `itemIndex`'s ("people who bought this also bought"; Koren, Bell &
 * Volinsky 2009, "Matrix factorization techniques for recommender systems",
 * IEEE Computer 42(8): neighbours in factor space), the item itself left out,
 * ties to the lower index. An item without data has zero factors and
 * similarity 0 to everything.
 *
 * Example: with factors [1, 0], [2, 0.1], [0, 1], similarItems(m, 0, 1)[0].itemIndex === 1.
 */
export function similarItems(itemFactors: ItemFactors, itemIndex: number, n: number): ScoredItem[] {
  const fn = 'similarItems';
  const { itemCount, factors: k, itemFactors: Y } = itemFactors;
  requireIndex(fn, 'itemIndex', itemIndex, itemCount);
  requireIntegerAtLeast(fn, 'n', n, 1);
  const norms = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += Y[i * k + j] ** 2;
    norms[i] = Math.sqrt(s);
  }
  const q = itemIndex * k;
  const scores = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    const denominator = norms[i] * norms[itemIndex];
    if (denominator === 0) continue;
    let s = 0;
    for (let j = 0; j < k; j++) s += Y[i * k + j] * Y[q + j];
    scores[i] = s / denominator;
  }
  const top = topKIndices(scores, n, (i) => i === itemIndex);
  return Array.from(top, (i) => ({ itemIndex: i, score: scores[i] }));
}
