import type { InteractionMatrix } from './interaction-matrix';
import type { PopularityModel } from './recommender-model';

/**
 * Most-popular baseline: every member gets the items with the most distinct
 * training users (the "POP" baseline of Cremonesi, Koren & Turrin 2010,
 * "Performance of recommender algorithms on top-N recommendation tasks",
 * RecSys). A trained model that cannot beat it by a wide margin is not worth
 * shipping.
 *
 * Example: popularityBaseline(buildInteractionMatrix({userIndices: [0, 1, 1], itemIndices: [1, 1, 0]})).scores
 * is Float64Array [1, 2].
 */
export function popularityBaseline(train: InteractionMatrix): PopularityModel {
  const { indptr } = train.byItem;
  const scores = new Float64Array(train.itemCount);
  for (let i = 0; i < train.itemCount; i++) scores[i] = indptr[i + 1] - indptr[i];
  return { kind: 'popularity', itemCount: train.itemCount, scores };
}
