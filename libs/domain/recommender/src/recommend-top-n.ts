import { scoreItems, type RecommenderModel } from './recommender-model';
import { topKIndices } from './top-k';
import { requireIndex, requireIntegerAtLeast } from './validation';

export interface ScoredItem {
  readonly itemIndex: number;
  readonly score: number;
}

export interface RecommendTopNOptions {
  /** Items never to return, typically what the member already has. */
  readonly exclude?: Iterable<number>;
  /** Only items for which this is true, e.g. partner products for a partner carousel. */
  readonly filter?: (itemIndex: number) => boolean;
}

/**
 * The n items with the highest predicted preference for one member, best
 * first, ties to the lower item index: the top-N task of Cremonesi, Koren &
 * Turrin 2010; scores are x_u · y_i for implicit ALS (Hu, Koren & Volinsky 2008).
 *
 * Example: recommendTopN({kind: 'popularity', itemCount: 3, scores: Float64Array.of(5, 9, 7)}, 0, 2, {exclude: [1]})
 * is [{itemIndex: 2, score: 7}, {itemIndex: 0, score: 5}].
 */
export function recommendTopN(model: RecommenderModel, userIndex: number, n: number, options: RecommendTopNOptions = {}): ScoredItem[] {
  const fn = 'recommendTopN';
  requireIntegerAtLeast(fn, 'n', n, 1);
  if (model.kind === 'implicit-als') requireIndex(fn, 'userIndex', userIndex, model.userCount);
  else if (model.kind === 'ease') requireIndex(fn, 'userIndex', userIndex, model.history.rowCount);
  else requireIntegerAtLeast(fn, 'userIndex', userIndex, 0);
  const scores = scoreItems(model, userIndex);
  const excluded = new Uint8Array(model.itemCount);
  for (const i of options.exclude ?? []) {
    if (Number.isInteger(i) && i >= 0 && i < model.itemCount) excluded[i] = 1;
  }
  const filter = options.filter;
  const top = topKIndices(scores, n, (i) => excluded[i] === 1 || (filter !== undefined && !filter(i)));
  return Array.from(top, (itemIndex) => ({ itemIndex, score: scores[itemIndex] }));
}
