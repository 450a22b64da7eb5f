import type { RankingEvaluation } from './evaluate-ranking';
import { ALS_SEARCH_SPACE, EASE_SEARCH_SPACE, proposeSearchPoint, type ScoredPoint, type SearchPoint } from './hyperparameter-search';
import type { PersonalCandidate } from './choose-per-direction';
import type { RecommenderModel } from './recommender-model';
import { requireIntegerAtLeast } from './validation';

/** One trial of the search: what was tried, its validation NDCG@10 and how long it took. */
export interface TuningTrial {
  readonly algorithm: PersonalCandidate;
  readonly point: SearchPoint;
  readonly validationNdcg: number;
  readonly seconds: number;
}

/** Why a search ended: its trials ran out, its seconds ran out, or validation NDCG stopped improving. */
export type TuningStop = 'trials' | 'seconds' | 'no-improvement';

export interface TuneCandidatesOptions {
  /** Trials per algorithm; 0 leaves an algorithm out. */
  readonly trials: Readonly<Record<PersonalCandidate, number>>;
  /** Wall-clock budget of the whole search; shared between the algorithms in proportion to their trials. */
  readonly seconds?: number;
  /** Milliseconds clock, injected so tests and benchmarks control time. */
  readonly now: () => number;
  readonly seed: number;
  /** The requested parameters, tried first: {factors, alpha, regularization} for ALS, {lambda} for EASE. */
  readonly start: Readonly<Partial<Record<PersonalCandidate, SearchPoint>>>;
  /**
   * Early stopping on the validation split: an algorithm's search ends once
   * this many trials in a row after its random phase raised its best
   * validation NDCG@10 by less than `minGain` (relative). Default 8 for ALS, 3 for EASE.
   */
  readonly patience?: Readonly<Partial<Record<PersonalCandidate, number>>>;
  /** Relative improvement that counts as progress for `patience`; default 0.001 (0.1%). */
  readonly minGain?: number;
  readonly fitAls?: (point: SearchPoint) => Promise<RecommenderModel>;
  readonly fitEase?: (lambda: number) => Promise<RecommenderModel>;
  /** Scores a model on the validation split (never the test split); may answer later (evaluateRankingInSlices). */
  readonly evaluate: (model: RecommenderModel) => RankingEvaluation | Promise<RankingEvaluation>;
  /** Called before each trial (progress, cancellation); `done` trials are finished out of `total` planned. */
  readonly beforeTrial?: (algorithm: PersonalCandidate, point: SearchPoint, done: number, total: number) => Promise<void> | void;
}

export interface TuneCandidatesResult {
  readonly trials: readonly TuningTrial[];
  /** The best trial overall (the earlier on a tie). */
  readonly best: TuningTrial;
  readonly bestByAlgorithm: Readonly<Partial<Record<PersonalCandidate, TuningTrial>>>;
  /** The validation evaluation of each algorithm's best trial (for the per-direction choice). */
  readonly evaluations: Readonly<Partial<Record<PersonalCandidate, RankingEvaluation>>>;
  /** Why each algorithm's search ended. */
  readonly stoppedBy: Readonly<Partial<Record<PersonalCandidate, TuningStop>>>;
}

/** Points drawn at random before refining, per algorithm: ALS's three dimensions get up to 4, EASE's one gets 2. */
function initialPoints(algorithm: PersonalCandidate, trials: number): number {
  return algorithm === 'ease' ? 2 : Math.min(4, Math.max(1, Math.floor(trials / 3)));
}

/**
 * The tune job's search, per algorithm: proposeSearchPoint (the requested
 * point, a Latin hypercube of random points, then a compass search around
 * the best; Bergstra & Bengio 2012, Kolda, Lewis & Torczon 2003) over
 * ALS_SEARCH_SPACE and EASE_SEARCH_SPACE, each trial fitted on the
 * validation split's training part and scored by NDCG@10 on its held-out
 * part. A search ends at its trial budget, its share of the seconds budget,
 * or, once past the random phase, when `patience` trials in a row did not
 * improve its best by `minGain` (early stopping on the validation split:
 * the compass has reached a plateau and further trials would only polish
 * it). EASE runs first, since its one-dimensional search is short and its
 * best is the bar ALS must clear. Every algorithm with trials gets at least
 * one. Deterministic for a given seed, scores and clock.
 *
 * Example: with trials {als: 0, ease: 1} and start {ease: {lambda: 100}},
 * the one trial fits EASE with λ = 100.
 */
export async function tuneCandidates(options: TuneCandidatesOptions): Promise<TuneCandidatesResult> {
  const fn = 'tuneCandidates';
  const order: PersonalCandidate[] = ['ease', 'als'];
  for (const a of order) requireIntegerAtLeast(fn, `trials.${a}`, options.trials[a], 0);
  const total = options.trials.als + options.trials.ease;
  if (total === 0) throw new RangeError(`${fn} requires at least one trial`);
  if (options.trials.als > 0 && !options.fitAls) throw new RangeError(`${fn} requires fitAls when ALS has trials`);
  if (options.trials.ease > 0 && !options.fitEase) throw new RangeError(`${fn} requires fitEase when EASE has trials`);
  const minGain = options.minGain ?? 0.001;

  const started = options.now();
  const trials: TuningTrial[] = [];
  const bestByAlgorithm: Partial<Record<PersonalCandidate, TuningTrial>> = {};
  const evaluations: Partial<Record<PersonalCandidate, RankingEvaluation>> = {};
  const stoppedBy: Partial<Record<PersonalCandidate, TuningStop>> = {};
  let spentShare = 0;

  for (const algorithm of order) {
    const budget = options.trials[algorithm];
    if (budget === 0) continue;
    spentShare += budget;
    // An algorithm's seconds end where its cumulative share of the trials ends.
    const deadline = options.seconds !== undefined ? started + (options.seconds * 1000 * spentShare) / total : Infinity;
    const space = algorithm === 'als' ? ALS_SEARCH_SPACE : EASE_SEARCH_SPACE;
    const random = initialPoints(algorithm, budget);
    const patience = options.patience?.[algorithm] ?? (algorithm === 'als' ? 8 : 3);
    requireIntegerAtLeast(fn, `patience.${algorithm}`, patience, 1);
    const start = options.start[algorithm];
    const tried: ScoredPoint[] = [];
    let stale = 0;
    stoppedBy[algorithm] = 'trials';
    for (let t = 0; t < budget; t++) {
      if (t > 0 && options.now() >= deadline) {
        stoppedBy[algorithm] = 'seconds';
        break;
      }
      if (stale >= patience) {
        stoppedBy[algorithm] = 'no-improvement';
        break;
      }
      const point = proposeSearchPoint(space, tried, { seed: options.seed, start, initialPoints: random });
      await options.beforeTrial?.(algorithm, point, trials.length, total);
      const trialStart = options.now();
      const model = algorithm === 'als' ? await options.fitAls!(point) : await options.fitEase!(point.lambda);
      const evaluation = await options.evaluate(model);
      const ndcg = Number.isFinite(evaluation.overall.ndcg) ? evaluation.overall.ndcg : 0;
      const trial: TuningTrial = { algorithm, point, validationNdcg: ndcg, seconds: (options.now() - trialStart) / 1000 };
      tried.push({ point, score: ndcg });
      trials.push(trial);
      const previous = bestByAlgorithm[algorithm];
      if (tried.length > random + (start ? 1 : 0)) stale = previous && ndcg <= previous.validationNdcg * (1 + minGain) ? stale + 1 : 0;
      // Ties go to the earlier trial (the requested parameters come first).
      if (!previous || ndcg > previous.validationNdcg) {
        bestByAlgorithm[algorithm] = trial;
        evaluations[algorithm] = evaluation;
      }
    }
  }
  const best = trials.reduce((a, b) => (b.validationNdcg > a.validationNdcg ? b : a));
  return { trials, best, bestByAlgorithm, evaluations, stoppedBy };
}
