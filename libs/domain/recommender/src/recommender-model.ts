import { factorDot } from './factor-dot';
import { easeScores, type EaseModel } from './ease';
import type { ResolvedImplicitAlsParams } from './implicit-als-params';
import { requireIndex } from './validation';

/** A trained implicit-ALS model: plain data, so a job can store and reload it. */
export interface ImplicitAlsModel {
  readonly kind: 'implicit-als';
  readonly userCount: number;
  readonly itemCount: number;
  readonly factors: number;
  /** userCount x factors, row-major. */
  readonly userFactors: Float64Array;
  /** itemCount x factors, row-major. */
  readonly itemFactors: Float64Array;
  readonly params: ResolvedImplicitAlsParams;
  /** Normalised loss after each iteration, or null when it was not computed. */
  readonly loss: readonly number[] | null;
}

/** Scores every user the same: the item's number of distinct training users. */
export interface PopularityModel {
  readonly kind: 'popularity';
  readonly itemCount: number;
  readonly scores: Float64Array;
}

export type RecommenderModel = ImplicitAlsModel | EaseModel | PopularityModel;

/**
 * Predicted preference of one user for every item: x_u · y_i for implicit
 * ALS (Hu, Koren & Volinsky 2008, eq. 1's p̂_ui), Σ_i x_ui B_ij over the
 * user's history rows for EASE (Steck 2019), the item's popularity for the
 * baseline.
 *
 * Example: scoreItems({kind: 'popularity', itemCount: 2, scores: Float64Array.of(3, 1)}, 0)
 * is Float64Array [3, 1].
 */
export function scoreItems(model: RecommenderModel, userIndex: number, out?: Float64Array): Float64Array {
  const scores = out ?? new Float64Array(model.itemCount);
  if (scores.length !== model.itemCount) {
    throw new RangeError(`scoreItems requires out to have length ${model.itemCount}, got ${scores.length}`);
  }
  if (model.kind === 'popularity') {
    scores.set(model.scores);
    return scores;
  }
  if (model.kind === 'ease') {
    const h = model.history;
    requireIndex('scoreItems', 'userIndex', userIndex, h.rowCount);
    const s = h.indptr[userIndex];
    const e = h.indptr[userIndex + 1];
    return easeScores(model.weights, model.itemCount, h.indices.subarray(s, e), h.values.subarray(s, e), scores);
  }
  requireIndex('scoreItems', 'userIndex', userIndex, model.userCount);
  const k = model.factors;
  const X = model.userFactors;
  const Y = model.itemFactors;
  const xo = userIndex * k;
  for (let i = 0; i < model.itemCount; i++) scores[i] = factorDot(X, xo, Y, i * k, k);
  return scores;
}
