import { Inject, Injectable, Logger } from '@nestjs/common';
import os from 'node:os';
import type {
  DirectionChoiceDto,
  ModelEvaluationDto,
  ModelTimingsDto,
  RecommendationDirectionKey,
  RecommenderModelDto,
  RecommenderScope,
  TrainingParams,
  TuningTrialDto,
} from '@crosslane/contracts';
import {
  choosePerDirection,
  easeFromGramOffThread,
  easeSkipReason,
  evaluateRankingInSlices,
  factorizeImplicitParallel,
  gramMatrix,
  popularityBaseline,
  splitHoldoutPerUser,
  TrainingCancelledError,
  type CandidateChoice,
  type EaseModel,
  type ImplicitAlsModel,
  type InteractionMatrix,
  type ItemDomain,
  type EvaluateRankingOptions,
  type RankingEvaluation,
  type RecommenderModel as ScoringModel,
  tuneCandidates,
  type TuningTrial,
} from '@crosslane/domain-recommender';
import { JobCancelledError, type JobContext } from '../../core/queue/job-handler';
import { float32Bytes, ndcgOf, plainJson } from './model-mapper';
import type { RecommenderModel } from './model-mapper';
import { ModelRegistryService } from './model-registry.service';
import { ModelVersionRepository } from './model-version.repository';
import { RecommenderDataRepository } from './recommender-data.repository';
import { DEFAULT_TRAINING_PARAMS, defaultAlgorithm, splitTrialBudget } from './training-params';
import { CLOCK, type Clock } from '../../core/clock/clock';

export interface TrainRecommenderPayload {
  name: string;
  scope: RecommenderScope;
  params: TrainingParams;
  /** Fixed when the job is queued, so a retry trains on exactly the same data. */
  maxInteractionId: string;
  requestedBy?: string | null;
  /** Set by the retraining cron (deduplication per slot). */
  slot?: string;
  autoActivate?: boolean;
}

export interface TuneRecommenderPayload extends TrainRecommenderPayload {
  trials: number;
  /** Optional wall-clock budget of the search, in seconds. */
  budgetSeconds?: number;
}

/** How much the search may spend: trials, and optionally seconds. */
export interface TuningBudget {
  trials: number;
  seconds?: number;
}

type TuningTable = NonNullable<RecommenderModelDto['params']['tuning']>;

interface TuningResult {
  table: TuningTable;
  bestByAlgorithm: Partial<Record<'als' | 'ease', TuningTrialDto>>;
  validationEvaluations: { als?: RankingEvaluation; ease?: RankingEvaluation };
}

export interface TrainRecommenderResult {
  modelId: string;
  version: number;
  ndcg: number | null;
  baselineNdcg: number | null;
  activated: boolean;
}

const THREADS = Math.max(1, Math.min(2, os.availableParallelism()));

/**
 * The training pipeline both jobs share: load the scope's matrix, split it
 * per member (seeded), optionally tune on a validation split carved from the
 * training part, train with the loss recorded per iteration, evaluate against
 * popularity overall and per direction, refit on all the data for serving,
 * and store the version with its artifact in one transaction.
 *
 * Idempotent: the model row is keyed by the job id, so a retried job reuses
 * and overwrites its own row; the data snapshot is bounded by the payload's
 * maxInteractionId and the trainer is seeded, so the retry stores the same model.
 */
@Injectable()
export class RecommenderTrainingService {
  private readonly logger = new Logger(RecommenderTrainingService.name);

  constructor(
    private readonly versions: ModelVersionRepository,
    private readonly data: RecommenderDataRepository,
    private readonly registry: ModelRegistryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: TrainRecommenderPayload, context: JobContext, tuning?: TuningBudget): Promise<TrainRecommenderResult> {
    const model = await this.modelRowFor(payload, context.jobId, tuning !== undefined);
    try {
      return await this.pipeline(model, payload, context, tuning);
    } catch (error) {
      const cancelled = error instanceof JobCancelledError || error instanceof TrainingCancelledError;
      const message = cancelled ? 'Training cancelled' : error instanceof Error ? error.message : String(error);
      await this.versions.fail(model.id, message);
      if (cancelled) throw new JobCancelledError();
      throw error;
    }
  }

  private modelRowFor(payload: TrainRecommenderPayload, jobId: string, tuned: boolean): Promise<RecommenderModel> {
    return this.versions.start(jobId, {
      name: payload.name,
      algorithm: algorithmLabel(payload.params.algorithm ?? defaultAlgorithm(tuned)) + (tuned ? ' (tuned)' : ''),
      scope: payload.scope,
      params: payload.params,
      createdBy: payload.requestedBy ?? null,
      // From the clock: the retraining cadence measures a model's age against it.
      createdAt: this.clock.now(),
    });
  }

  private async pipeline(
    model: RecommenderModel,
    payload: TrainRecommenderPayload,
    context: JobContext,
    tuning?: TuningBudget,
  ): Promise<TrainRecommenderResult> {
    const started = Date.now();
    await context.reportProgress(1, `Loading the ${payload.scope} interactions`);
    const loaded = await this.data.load(payload.scope, BigInt(payload.maxInteractionId), payload.params.weighting);
    const loadMs = Date.now() - started;
    if (loaded.snapshot.pairs === 0 || loaded.snapshot.members < 2 || loaded.snapshot.items < 2) {
      throw new Error(
        `No data to train on in scope ${payload.scope}: ${loaded.snapshot.members} members, ${loaded.snapshot.items} items with interactions (need at least 2 of each)`,
      );
    }
    await context.throwIfCancelled();
    const algorithm = payload.params.algorithm ?? defaultAlgorithm(tuning !== undefined);
    const easeSkipped = algorithm === 'als' ? null : easeSkipReason(loaded.matrix.itemCount);
    if (algorithm === 'ease' && easeSkipped !== null) throw new Error(easeSkipped);
    const wants = { als: algorithm !== 'ease', ease: algorithm !== 'als' && easeSkipped === null };
    const options = { k: 10, itemDomains: loaded.itemDomains };
    const split = splitHoldoutPerUser(loaded.matrix, { seed: payload.params.seed, fraction: payload.params.holdoutFraction });
    // Candidates are compared on a validation split carved from the training part; the test part only reports.
    const validation = splitHoldoutPerUser(split.train, { seed: payload.params.seed + 1, fraction: payload.params.holdoutFraction });

    let params: TrainingParams = {
      ...payload.params,
      algorithm,
      easeLambda: payload.params.easeLambda ?? DEFAULT_TRAINING_PARAMS.easeLambda,
    };
    let search: TuningResult | undefined;
    let tuneMs: number | undefined;
    const validationEvaluations: { als?: RankingEvaluation; ease?: RankingEvaluation } = {};
    if (tuning) {
      const tuneStart = Date.now();
      search = await this.tune(validation, params, tuning, wants, options, context);
      const bestAls = search.bestByAlgorithm.als;
      const bestEase = search.bestByAlgorithm.ease;
      params = {
        ...params,
        ...(bestAls ? { factors: bestAls.factors!, alpha: bestAls.alpha!, regularization: bestAls.regularization! } : {}),
        ...(bestEase ? { easeLambda: bestEase.lambda! } : {}),
      };
      Object.assign(validationEvaluations, search.validationEvaluations);
      tuneMs = Date.now() - tuneStart;
      await this.versions.recordParams(model.id, { ...params, tuning: search.table });
    } else {
      await context.reportProgress(3, 'Choosing per direction on a validation split');
      if (wants.als)
        validationEvaluations.als = await evaluateOffLoop(
          await this.factorize(validation.train, params, context, false),
          validation.train,
          validation.test,
          options,
        );
      if (wants.ease)
        validationEvaluations.ease = await evaluateOffLoop(
          await this.fitEase(validation.train, params, context),
          validation.train,
          validation.test,
          options,
        );
    }
    const validationPopularity = await evaluateOffLoop(popularityBaseline(validation.train), validation.train, validation.test, options);
    const choice = choosePerDirection({ ...validationEvaluations, popularity: validationPopularity });

    const trainShare = tuning ? [45, 70] : [10, 70];
    const trainStart = Date.now();
    const losses: number[] = [];
    let alsSplit: ImplicitAlsModel | null = null;
    let easeSplit: EaseModel | null = null;
    if (wants.als) {
      let writes = Promise.resolve();
      alsSplit = await this.factorize(split.train, params, context, true, (iteration, loss) => {
        if (loss !== undefined) losses.push(loss);
        const snapshot = [...losses];
        const percent = trainShare[0] + ((trainShare[1] - trainShare[0]) * iteration) / params.iterations;
        writes = writes
          .then(() => this.versions.recordLoss(model.id, snapshot))
          .then(() => context.reportProgress(percent, `Iteration ${iteration} of ${params.iterations}, loss ${loss?.toFixed(5) ?? '?'}`))
          .catch((e: Error) => this.logger.warn(`Could not record iteration ${iteration}: ${e.message}`));
      });
      await writes;
    }
    if (wants.ease) {
      await context.reportProgress(trainShare[1], `EASE, lambda ${params.easeLambda}`);
      easeSplit = await this.fitEase(split.train, params, context);
    }
    const trainMs = Date.now() - trainStart;

    await context.reportProgress(72, 'Evaluating against the popularity baseline');
    const evaluateStart = Date.now();
    const candidates: NonNullable<ModelEvaluationDto['candidates']> = {};
    if (alsSplit)
      candidates.als = plainJson(await evaluateOffLoop(alsSplit, split.train, split.test, options)) as unknown as ModelEvaluationDto;
    if (easeSplit)
      candidates.ease = plainJson(await evaluateOffLoop(easeSplit, split.train, split.test, options)) as unknown as ModelEvaluationDto;
    const baselineMetrics = plainJson(
      await evaluateOffLoop(popularityBaseline(split.train), split.train, split.test, options),
    ) as unknown as ModelEvaluationDto;
    const chosen = candidates[choice.overall]!;
    const metrics: ModelEvaluationDto = {
      overall: chosen.overall,
      byDirection: chosen.byDirection,
      algorithm: choice.overall,
      candidates,
      directions: directionsWithTestFigures(choice, candidates, baselineMetrics),
      ...(easeSkipped !== null ? { skipped: [easeSkipped] } : {}),
    };
    const evaluateMs = Date.now() - evaluateStart;
    await context.throwIfCancelled();

    // The evaluated models saw 80% of each member's items; the ones served are refitted on all of them with the same parameters and seed.
    await context.reportProgress(80, 'Refitting on all the data for serving');
    const refitStart = Date.now();
    const alsFinal = wants.als ? await this.factorize(loaded.matrix, params, context, false) : null;
    const easeFinal = wants.ease ? await this.fitEase(loaded.matrix, params, context) : null;
    const refitMs = Date.now() - refitStart;

    const timings: ModelTimingsDto = {
      loadMs,
      ...(tuneMs !== undefined ? { tuneMs } : {}),
      trainMs,
      evaluateMs,
      refitMs,
      totalMs: Date.now() - started,
    };
    const snapshot = {
      ...loaded.snapshot,
      trainPairs: split.train.byUser.indptr[split.train.userCount],
      testPairs: split.test.byUser.indptr[split.test.userCount],
    };
    await context.reportProgress(95, 'Storing the model version');
    const artifact = {
      factors: alsFinal?.factors ?? 0,
      memberIds: loaded.memberIds,
      itemIds: loaded.itemIds,
      userFactors: float32Bytes(alsFinal?.userFactors ?? new Float64Array(0)),
      itemFactors: float32Bytes(alsFinal?.itemFactors ?? new Float64Array(0)),
      easeWeights: easeFinal ? float32Bytes(easeFinal.weights) : null,
    };
    await this.versions.storeReady(
      model.id,
      artifact,
      {
        params: { ...params, ...(search ? { tuning: search.table } : {}) },
        snapshot,
        metrics: plainJson(metrics),
        baselineMetrics,
        timings,
        lossHistory: losses,
      },
      {
        action: search ? 'recommender.model.tune' : 'recommender.model.train',
        outcome: 'SUCCESS',
        actor: payload.requestedBy ? { id: payload.requestedBy } : null,
        entityType: 'recommender_model',
        entityId: model.id,
        detail: {
          version: model.version,
          scope: payload.scope,
          algorithm: choice.overall,
          winners: Object.fromEntries(Object.entries(choice.byDirection).map(([d, c]) => [d, c.winner])),
          ndcg: metrics.overall.ndcg,
          baselineNdcg: baselineMetrics.overall.ndcg,
          jobId: context.jobId,
          slot: payload.slot ?? null,
        },
      },
    );

    let activated = false;
    if (payload.autoActivate && metrics.overall.ndcg > baselineMetrics.overall.ndcg) {
      await this.registry.activate(model.id, {}, null, null);
      activated = true;
    }
    return { modelId: model.id, version: model.version, ndcg: ndcgOf(metrics), baselineNdcg: ndcgOf(baselineMetrics), activated };
  }

  /**
   * The search (tuneCandidates: Latin hypercube, then compass search, with
   * early stopping) over ALS's factors, alpha and regularisation and EASE's
   * λ, each trial scored by NDCG@10 on the validation split; the test part
   * is never looked at. Stops at the trial budget or the seconds budget,
   * whichever comes first (every algorithm searched gets at least one trial).
   */
  private async tune(
    validation: { train: InteractionMatrix; test: InteractionMatrix },
    params: TrainingParams,
    budget: TuningBudget,
    wants: { als: boolean; ease: boolean },
    options: { k: number; itemDomains: ItemDomain[] },
    context: JobContext,
  ): Promise<TuningResult> {
    const shares = splitTrialBudget(budget.trials, wants.als, wants.ease);
    // XᵀX of the validation training part is shared by every λ tried.
    let gram: Float64Array | null = null;
    const result = await tuneCandidates({
      trials: shares,
      ...(budget.seconds !== undefined ? { seconds: budget.seconds } : {}),
      // Wall time, not the app clock: the budget is of real seconds spent computing.
      now: () => Date.now(),
      seed: params.seed,
      start: {
        als: { factors: params.factors, alpha: params.alpha, regularization: params.regularization },
        ease: { lambda: params.easeLambda! },
      },
      fitAls: (point) =>
        this.factorize(
          validation.train,
          { ...params, factors: point.factors, alpha: point.alpha, regularization: point.regularization },
          context,
          false,
        ),
      fitEase: (lambda) => {
        gram ??= gramMatrix(validation.train.byUser);
        return easeFromGramOffThread(gram, validation.train.byUser, lambda);
      },
      evaluate: (model) => evaluateOffLoop(model, validation.train, validation.test, options),
      beforeTrial: async (algorithm, point, done, total) => {
        const what = algorithm === 'ease' ? `EASE, lambda ${point.lambda}` : `ALS, ${describe(point as AlsPoint)}`;
        await context.reportProgress(3 + (40 * done) / total, `Tuning: trial ${done + 1} of ${total} (${what})`);
        await context.throwIfCancelled();
      },
    });
    const trials = result.trials.map(trialDto);
    const bestByAlgorithm: Partial<Record<'als' | 'ease', TuningTrialDto>> = {};
    for (const [algorithm, trial] of Object.entries(result.bestByAlgorithm) as ['als' | 'ease', TuningTrial][]) {
      bestByAlgorithm[algorithm] = trialDto(trial);
    }
    const stops = Object.values(result.stoppedBy);
    const stoppedBy = stops.includes('seconds') ? 'seconds' : stops.includes('no-improvement') ? 'no-improvement' : 'trials';
    return {
      table: { trials, best: trialDto(result.best), bestByAlgorithm, stoppedBy, stoppedByAlgorithm: { ...result.stoppedBy } },
      bestByAlgorithm,
      validationEvaluations: { ...result.evaluations },
    };
  }

  /** EASE with its inverse on a worker thread, so the job's lock keeps being renewed. */
  private async fitEase(matrix: InteractionMatrix, params: TrainingParams, context: JobContext): Promise<EaseModel> {
    await context.throwIfCancelled();
    const model = await easeFromGramOffThread(
      gramMatrix(matrix.byUser),
      matrix.byUser,
      params.easeLambda ?? DEFAULT_TRAINING_PARAMS.easeLambda!,
    );
    await context.throwIfCancelled();
    return model;
  }

  /**
   * Trains on worker threads so this thread's event loop stays free: the
   * BullMQ lock keeps being renewed and a cancellation request, polled every
   * second, stops the trainer at its next half-iteration.
   */
  private async factorize(
    matrix: InteractionMatrix,
    params: TrainingParams,
    context: JobContext,
    computeLoss: boolean,
    onIteration?: (iteration: number, loss?: number) => void,
  ): Promise<ImplicitAlsModel> {
    await context.throwIfCancelled();
    let cancelled = false;
    const poll = setInterval(() => {
      context.throwIfCancelled().catch((error) => {
        if (error instanceof JobCancelledError) cancelled = true;
      });
    }, 250);
    try {
      return await factorizeImplicitParallel(
        matrix,
        {
          factors: params.factors,
          iterations: params.iterations,
          alpha: params.alpha,
          regularization: params.regularization,
          cgSteps: params.cgSteps,
          seed: params.seed,
        },
        { threads: THREADS, computeLoss, onIteration, shouldCancel: () => cancelled },
      );
    } finally {
      clearInterval(poll);
    }
  }
}

type AlsPoint = { factors: number; alpha: number; regularization: number };

/**
 * evaluateRanking a slice of members at a time, letting the event loop turn
 * between slices: a tune scores dozens of candidates, each taking seconds of
 * this thread (tens of seconds on a loaded machine), and holding the loop
 * that long lost the job's BullMQ lock and the database pool's connections
 * on Online Retail (bench:recommender-product).
 */
function evaluateOffLoop(
  model: ScoringModel,
  train: InteractionMatrix,
  test: InteractionMatrix,
  options: EvaluateRankingOptions,
): Promise<RankingEvaluation> {
  return evaluateRankingInSlices(model, train, test, options, { pause: () => new Promise((resolve) => setImmediate(resolve)) });
}

function trialDto(trial: TuningTrial): TuningTrialDto {
  const p = trial.point;
  const parameters =
    trial.algorithm === 'ease' ? { lambda: p.lambda } : { factors: p.factors, alpha: p.alpha, regularization: p.regularization };
  return { algorithm: trial.algorithm, ...parameters, validationNdcg: trial.validationNdcg, seconds: trial.seconds };
}

function describe(c: AlsPoint): string {
  return `factors ${c.factors}, alpha ${c.alpha}, regularisation ${c.regularization}`;
}

function algorithmLabel(algorithm: TrainingParams['algorithm']): string {
  return algorithm === 'ease' ? 'ease' : algorithm === 'auto' ? 'implicit-als + ease' : 'implicit-als';
}

/** The validation choice per direction, with the test NDCG@10 of the winner and of popularity beside it (what the Models screen shows). */
function directionsWithTestFigures(
  choice: CandidateChoice,
  candidates: NonNullable<ModelEvaluationDto['candidates']>,
  baseline: ModelEvaluationDto,
): Record<RecommendationDirectionKey, DirectionChoiceDto> {
  const out = {} as Record<RecommendationDirectionKey, DirectionChoiceDto>;
  for (const [direction, c] of Object.entries(choice.byDirection) as [
    RecommendationDirectionKey,
    CandidateChoice['byDirection'][RecommendationDirectionKey],
  ][]) {
    const popularityTestNdcg = baseline.byDirection?.[direction]?.ndcg ?? null;
    const testNdcg = c.winner === 'popularity' ? popularityTestNdcg : (candidates[c.winner]?.byDirection?.[direction]?.ndcg ?? null);
    out[direction] = {
      winner: c.winner,
      reason: c.reason,
      usersEvaluated: c.usersEvaluated,
      validationNdcg: c.validationNdcg,
      testNdcg,
      popularityTestNdcg,
      margin: testNdcg !== null && popularityTestNdcg !== null ? testNdcg - popularityTestNdcg : null,
    };
  }
  return out;
}
