import type { InteractionMatrix } from './interaction-matrix';
import { averagePrecisionAtK, ndcgAtK, precisionAtK, recallAtK } from './ranking-metrics';
import { scoreItems, type RecommenderModel } from './recommender-model';
import { topKIndices } from './top-k';
import { requireIntegerAtLeast } from './validation';

/** Which side of a joint campaign an item belongs to. */
export type ItemDomain = 'KNOWLEDGE' | 'PARTNER';

/** From the member's home domain (in training) to the domain of the items recommended. */
export type RecommendationDirection = 'knowledge->knowledge' | 'knowledge->partner' | 'partner->knowledge' | 'partner->partner';

export const RECOMMENDATION_DIRECTIONS: readonly RecommendationDirection[] = [
  'knowledge->knowledge',
  'knowledge->partner',
  'partner->knowledge',
  'partner->partner',
];

export interface RankingMetrics {
  readonly k: number;
  /** Users with at least one held-out item in scope. */
  readonly usersEvaluated: number;
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly map: number;
  /** Distinct items in any top-K list / items in scope. */
  readonly coverage: number;
}

export interface RankingEvaluation {
  readonly overall: RankingMetrics;
  /** Present when itemDomains was given. */
  readonly byDirection: Readonly<Record<RecommendationDirection, RankingMetrics>> | null;
}

export interface EvaluateRankingOptions {
  /** Cut-off; default 10. */
  readonly k?: number;
  /** Domain of every item (length itemCount), to break the metrics down by direction. */
  readonly itemDomains?: ArrayLike<ItemDomain>;
}

/**
 * Offline top-K evaluation on a holdout (the protocol of als_ref.py): every
 * user with held-out items is scored over the whole catalogue with its
 * training items excluded, ties broken towards the lower item index, and
 * precision@K, recall@K, NDCG@K and MAP@K are averaged over those users;
 * coverage counts the distinct items of all their lists (definitions in
 * ranking-metrics.ts; Herlocker et al. 2004, "Evaluating collaborative
 * filtering recommender systems", ACM TOIS 22(1)).
 *
 * By direction: a member's home domain is the domain of most of their
 * training items (a tie counts as KNOWLEDGE, the platform's own side). For
 * each target domain D the member's list is re-ranked over D's items only and
 * judged against their held-out D items, so 'knowledge->partner' answers
 * "how good is the partner carousel shown to a knowledge member". A member
 * counts in home->D when they have a held-out item in D; coverage is over
 * D's catalogue.
 *
 * Example: a model that ranks each user's one held-out item first has
 * evaluateRanking(model, train, test, {k: 1}).overall.ndcg === 1.
 */
export function evaluateRanking(
  model: RecommenderModel,
  train: InteractionMatrix,
  test: InteractionMatrix,
  options: EvaluateRankingOptions = {},
): RankingEvaluation {
  const evaluation = new RankingEvaluator('evaluateRanking', model, train, test, options);
  for (let u = 0; u < test.userCount; u++) evaluation.addUser(u);
  return evaluation.result();
}

/**
 * evaluateRanking, giving the caller's thread back every `usersPerSlice`
 * evaluated users (default 64) by awaiting `pause`: the same figures, but a
 * job that evaluates dozens of candidates on a loaded machine keeps its
 * event loop turning (its queue lock renewed, its database pool alive)
 * instead of holding it for tens of seconds per candidate. The pause comes
 * in as an argument, so this library stays free of any runtime's scheduler.
 *
 * Example: await evaluateRankingInSlices(model, train, test, {k: 10}, {pause: () => new Promise((r) => setImmediate(r))})
 * equals evaluateRanking(model, train, test, {k: 10}).
 */
export async function evaluateRankingInSlices(
  model: RecommenderModel,
  train: InteractionMatrix,
  test: InteractionMatrix,
  options: EvaluateRankingOptions,
  slicing: { readonly pause: () => Promise<void>; readonly usersPerSlice?: number },
): Promise<RankingEvaluation> {
  const fn = 'evaluateRankingInSlices';
  const perSlice = slicing.usersPerSlice ?? 64;
  requireIntegerAtLeast(fn, 'usersPerSlice', perSlice, 1);
  const evaluation = new RankingEvaluator(fn, model, train, test, options);
  let inSlice = 0;
  for (let u = 0; u < test.userCount; u++) {
    if (!evaluation.addUser(u)) continue;
    if (++inSlice === perSlice) {
      inSlice = 0;
      await slicing.pause();
    }
  }
  return evaluation.result();
}

/** One pass of the protocol above, a user at a time. */
class RankingEvaluator {
  private readonly k: number;
  private readonly domains: ArrayLike<ItemDomain> | undefined;
  private readonly overall: MetricSums;
  private readonly directions = new Map<RecommendationDirection, MetricSums>();
  private readonly scores: Float64Array;
  private readonly inTrain: Uint8Array;

  constructor(
    fn: string,
    private readonly model: RecommenderModel,
    private readonly train: InteractionMatrix,
    private readonly test: InteractionMatrix,
    options: EvaluateRankingOptions,
  ) {
    const k = options.k ?? 10;
    requireIntegerAtLeast(fn, 'k', k, 1);
    const itemCount = model.itemCount;
    if (train.itemCount !== itemCount || test.itemCount !== itemCount || train.userCount !== test.userCount) {
      throw new RangeError(
        `${fn} requires train and test with the model's ${itemCount} items and the same users, got ` +
          `${train.userCount}x${train.itemCount} and ${test.userCount}x${test.itemCount}`,
      );
    }
    const domains = options.itemDomains;
    if (domains !== undefined) {
      if (domains.length !== itemCount) {
        throw new RangeError(`${fn} requires itemDomains of length ${itemCount}, got ${domains.length}`);
      }
      for (let i = 0; i < itemCount; i++) {
        if (domains[i] !== 'KNOWLEDGE' && domains[i] !== 'PARTNER') {
          throw new RangeError(`${fn} requires itemDomains of 'KNOWLEDGE' or 'PARTNER', got ${String(domains[i])} at ${i}`);
        }
      }
      for (const direction of RECOMMENDATION_DIRECTIONS) {
        const target: ItemDomain = direction.endsWith('knowledge') ? 'KNOWLEDGE' : 'PARTNER';
        let size = 0;
        for (let i = 0; i < itemCount; i++) if (domains[i] === target) size++;
        this.directions.set(direction, new MetricSums(k, size));
      }
    }
    this.k = k;
    this.domains = domains;
    this.overall = new MetricSums(k, itemCount);
    this.scores = new Float64Array(itemCount);
    this.inTrain = new Uint8Array(itemCount);
  }

  /** Scores user u if they have held-out items; says whether they were evaluated. */
  addUser(u: number): boolean {
    const { k, domains, scores, inTrain } = this;
    const tr = this.train.byUser;
    const te = this.test.byUser;
    if (te.indptr[u + 1] === te.indptr[u]) return false;
    scoreItems(this.model, u, scores);
    for (let t = tr.indptr[u]; t < tr.indptr[u + 1]; t++) inTrain[tr.indices[t]] = 1;
    const relevant = new Set<number>(te.indices.subarray(te.indptr[u], te.indptr[u + 1]));
    this.overall.add(
      topKIndices(scores, k, (i) => inTrain[i] === 1),
      relevant,
    );

    if (domains !== undefined) {
      let knowledge = 0;
      for (let t = tr.indptr[u]; t < tr.indptr[u + 1]; t++) if (domains[tr.indices[t]] === 'KNOWLEDGE') knowledge++;
      const home = 2 * knowledge >= tr.indptr[u + 1] - tr.indptr[u] ? 'knowledge' : 'partner';
      for (const target of ['KNOWLEDGE', 'PARTNER'] as const) {
        const relevantInTarget = new Set<number>();
        for (const i of relevant) if (domains[i] === target) relevantInTarget.add(i);
        if (relevantInTarget.size === 0) continue;
        const direction = `${home}->${target.toLowerCase()}` as RecommendationDirection;
        const list = topKIndices(scores, k, (i) => inTrain[i] === 1 || domains[i] !== target);
        this.directions.get(direction)?.add(list, relevantInTarget);
      }
    }
    for (let t = tr.indptr[u]; t < tr.indptr[u + 1]; t++) inTrain[tr.indices[t]] = 0;
    return true;
  }

  result(): RankingEvaluation {
    let byDirection: Record<RecommendationDirection, RankingMetrics> | null = null;
    if (this.domains !== undefined) {
      byDirection = {} as Record<RecommendationDirection, RankingMetrics>;
      for (const [direction, sums] of this.directions) byDirection[direction] = sums.result();
    }
    return { overall: this.overall.result(), byDirection };
  }
}

class MetricSums {
  private users = 0;
  private precision = 0;
  private recall = 0;
  private ndcg = 0;
  private map = 0;
  private readonly recommended = new Set<number>();

  constructor(
    private readonly k: number,
    private readonly catalogueSize: number,
  ) {}

  add(list: Int32Array, relevant: ReadonlySet<number>): void {
    this.users++;
    this.precision += precisionAtK(list, relevant, this.k);
    this.recall += recallAtK(list, relevant, this.k);
    // The ideal list cannot be longer than the catalogue (als_ref.py's kk).
    this.ndcg += ndcgAtK(list, relevant, Math.min(this.k, this.catalogueSize));
    this.map += averagePrecisionAtK(list, relevant, this.k);
    for (let r = 0; r < list.length; r++) this.recommended.add(list[r]);
  }

  result(): RankingMetrics {
    const n = Math.max(this.users, 1);
    return {
      k: this.k,
      usersEvaluated: this.users,
      precision: this.precision / n,
      recall: this.recall / n,
      ndcg: this.ndcg / n,
      map: this.map / n,
      coverage: this.catalogueSize > 0 ? this.recommended.size / this.catalogueSize : 0,
    };
  }
}
