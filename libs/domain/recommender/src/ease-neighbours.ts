import type { EaseModel } from './ease';
import type { ItemContribution, RecommendationExplanation } from './explain-recommendation';
import type { ScoredItem } from './recommend-top-n';
import { topKIndices } from './top-k';
import { requireIndex, requireIntegerAtLeast } from './validation';

/** The part of an EASE model that neighbours and explanations need (serving keeps the weights as Float32). */
export interface EaseWeights {
  readonly weights: EaseModel['weights'] | Float32Array;
  readonly itemCount: number;
}

/**
 * Items most raised by having item i under EASE ("people who took this also
 * took"): row i of B, the weight item i adds to each other item's score
 * (Steck 2019, §3: B is the item-item model itself), the item left out, ties
 * to the lower index. Unlike cosine similarity of factors it is not
 * symmetric: B_ij is scaled by item j's own 1/P_jj.
 *
 * Example: with B = [[0, 1/3], [1/2, 0]], easeSimilarItems(m, 0, 1) is [{itemIndex: 1, score: 1/3}].
 */
export function easeSimilarItems(model: EaseWeights, itemIndex: number, n: number): ScoredItem[] {
  const fn = 'easeSimilarItems';
  requireIndex(fn, 'itemIndex', itemIndex, model.itemCount);
  requireIntegerAtLeast(fn, 'n', n, 1);
  const row = model.weights.subarray(itemIndex * model.itemCount, (itemIndex + 1) * model.itemCount);
  const top = topKIndices(row, n, (j) => j === itemIndex);
  return Array.from(top, (j) => ({ itemIndex: j, score: row[j] }));
}

/**
 * Why EASE recommends item j: its score is Σ_i x_ui B_ij over the member's
 * history, so each history item's contribution is exactly x_ui B_ij (no
 * solve needed, unlike ALS). Largest first, ties to the lower index, at most n.
 *
 * Example: with B = [[0, 1/3], [1/2, 0]], explainEaseRecommendation(m, [0], null, 1).contributions
 * is [{itemIndex: 0, contribution: 1/3}].
 */
export function explainEaseRecommendation(
  model: EaseWeights,
  historyItems: ArrayLike<number>,
  historyValues: ArrayLike<number> | null,
  itemIndex: number,
  n = 5,
): RecommendationExplanation {
  const fn = 'explainEaseRecommendation';
  requireIndex(fn, 'itemIndex', itemIndex, model.itemCount);
  requireIntegerAtLeast(fn, 'n', n, 1);
  const contributions: ItemContribution[] = [];
  let score = 0;
  for (let t = 0; t < historyItems.length; t++) {
    const i = historyItems[t];
    requireIndex(fn, 'history item', i, model.itemCount);
    const contribution = (historyValues === null ? 1 : historyValues[t]) * model.weights[i * model.itemCount + itemIndex];
    score += contribution;
    contributions.push({ itemIndex: i, contribution });
  }
  contributions.sort((a, b) => b.contribution - a.contribution || a.itemIndex - b.itemIndex);
  return { score, contributions: contributions.slice(0, n) };
}
