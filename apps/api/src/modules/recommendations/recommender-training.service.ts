import { Inject, Injectable, Logger } from '@nestjs/common';
import os from 'node:os';
import type { ModelEvaluationDto, ModelTimingsDto, RecommenderScope, TrainingParams, TuningTrialDto } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import {
  evaluateRanking,
  factorizeImplicitParallel,
  popularityBaseline,
  splitHoldoutPerUser,
  TrainingCancelledError,
  type ImplicitAlsModel,
  type InteractionMatrix,
} from '@crosslane/domain-recommender';
import { AuditService } from '../../core/audit/audit.service';
import { PrismaService } from '../../core/database/prisma.service';
import { JobCancelledError, type JobContext } from '../../core/queue/job-handler';
import { float32Bytes, ndcgOf, plainJson } from './model-mapper';
import type { RecommenderModel } from './model-mapper';
import { ModelRegistryService } from './model-registry.service';
import { RecommenderDataRepository } from './recommender-data.repository';
import { sampleTuningGrid, type TuningCandidate } from './training-params';
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
    private readonly prisma: PrismaService,
    private readonly data: RecommenderDataRepository,
    private readonly registry: ModelRegistryService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: TrainRecommenderPayload, context: JobContext, tuningTrials?: number): Promise<TrainRecommenderResult> {
    const model = await this.modelRowFor(payload, context.jobId, tuningTrials !== undefined);
    try {
      return await this.pipeline(model, payload, context, tuningTrials);
    } catch (error) {
      const cancelled = error instanceof JobCancelledError || error instanceof TrainingCancelledError;
      const message = cancelled ? 'Training cancelled' : error instanceof Error ? error.message : String(error);
      await this.prisma.recommenderModel.update({ where: { id: model.id }, data: { status: 'FAILED', error: message } });
      if (cancelled) throw new JobCancelledError();
      throw error;
    }
  }

  private async modelRowFor(payload: TrainRecommenderPayload, jobId: string, tuned: boolean): Promise<RecommenderModel> {
    const existing = await this.prisma.recommenderModel.findFirst({ where: { jobId } });
    const data = {
      name: payload.name,
      algorithm: tuned ? 'implicit-als (tuned)' : 'implicit-als',
      scope: payload.scope,
      status: 'TRAINING' as const,
      params: payload.params as unknown as Prisma.InputJsonValue,
      lossHistory: [],
      error: null,
      metrics: Prisma.DbNull,
      baselineMetrics: Prisma.DbNull,
    };
    if (existing) return this.prisma.recommenderModel.update({ where: { id: existing.id }, data });
    // createdAt from the clock: the retraining cadence measures a model's age against it.
    return this.prisma.recommenderModel.create({ data: { ...data, jobId, createdBy: payload.requestedBy ?? null, createdAt: this.clock.now() } });
  }

  private async pipeline(model: RecommenderModel, payload: TrainRecommenderPayload, context: JobContext, tuningTrials?: number): Promise<TrainRecommenderResult> {
    const started = Date.now();
    await context.reportProgress(1, `Loading the ${payload.scope} interactions`);
    const loaded = await this.data.load(payload.scope, BigInt(payload.maxInteractionId), payload.params.weighting);
    const loadMs = Date.now() - started;
    if (loaded.snapshot.pairs === 0 || loaded.snapshot.members < 2 || loaded.snapshot.items < 2) {
      throw new Error(`No data to train on in scope ${payload.scope}: ${loaded.snapshot.members} members, ${loaded.snapshot.items} items with interactions (need at least 2 of each)`);
    }
    await context.throwIfCancelled();
    const split = splitHoldoutPerUser(loaded.matrix, { seed: payload.params.seed, fraction: payload.params.holdoutFraction });

    let params = payload.params;
    let tuning: { trials: TuningTrialDto[]; best: TuningTrialDto } | undefined;
    let tuneMs: number | undefined;
    const trainShare = tuningTrials ? [45, 70] : [3, 70];
    if (tuningTrials) {
      const tuneStart = Date.now();
      tuning = await this.tune(split.train, params, tuningTrials, context);
      params = { ...params, factors: tuning.best.factors, alpha: tuning.best.alpha, regularization: tuning.best.regularization };
      tuneMs = Date.now() - tuneStart;
      await this.prisma.recommenderModel.update({ where: { id: model.id }, data: { params: { ...params, tuning } as unknown as Prisma.InputJsonValue } });
    }

    const trainStart = Date.now();
    const losses: number[] = [];
    let writes = Promise.resolve();
    const splitModel = await this.factorize(split.train, params, context, true, (iteration, loss) => {
      if (loss !== undefined) losses.push(loss);
      const snapshot = [...losses];
      const percent = trainShare[0] + ((trainShare[1] - trainShare[0]) * iteration) / params.iterations;
      writes = writes
        .then(() => this.prisma.recommenderModel.update({ where: { id: model.id }, data: { lossHistory: snapshot } }))
        .then(() => context.reportProgress(percent, `Iteration ${iteration} of ${params.iterations}, loss ${loss?.toFixed(5) ?? '?'}`))
        .catch((e: Error) => this.logger.warn(`Could not record iteration ${iteration}: ${e.message}`));
    });
    await writes;
    const trainMs = Date.now() - trainStart;

    await context.reportProgress(72, 'Evaluating against the popularity baseline');
    const evaluateStart = Date.now();
    const options = { k: 10, itemDomains: loaded.itemDomains };
    const metrics = plainJson(evaluateRanking(splitModel, split.train, split.test, options)) as unknown as ModelEvaluationDto;
    const baselineMetrics = plainJson(evaluateRanking(popularityBaseline(split.train), split.train, split.test, options)) as unknown as ModelEvaluationDto;
    const evaluateMs = Date.now() - evaluateStart;
    await context.throwIfCancelled();

    // The evaluated model saw 80% of each member's items; the one served is refitted on all of them with the same parameters and seed.
    await context.reportProgress(80, 'Refitting on all the data for serving');
    const refitStart = Date.now();
    const finalModel = await this.factorize(loaded.matrix, params, context, false);
    const refitMs = Date.now() - refitStart;

    const timings: ModelTimingsDto = { loadMs, ...(tuneMs !== undefined ? { tuneMs } : {}), trainMs, evaluateMs, refitMs, totalMs: Date.now() - started };
    const snapshot = { ...loaded.snapshot, trainPairs: split.train.byUser.indptr[split.train.userCount], testPairs: split.test.byUser.indptr[split.test.userCount] };
    await context.reportProgress(95, 'Storing the model version');
    await this.prisma.$transaction(async (tx) => {
      const artifact = {
        factors: finalModel.factors,
        memberIds: loaded.memberIds,
        itemIds: loaded.itemIds,
        userFactors: float32Bytes(finalModel.userFactors),
        itemFactors: float32Bytes(finalModel.itemFactors),
      };
      await tx.modelArtifact.upsert({ where: { modelId: model.id }, create: { modelId: model.id, ...artifact }, update: artifact });
      await tx.recommenderModel.update({
        where: { id: model.id },
        data: {
          status: 'READY',
          params: { ...params, ...(tuning ? { tuning } : {}) } as unknown as Prisma.InputJsonValue,
          snapshot: snapshot as unknown as Prisma.InputJsonValue,
          metrics: metrics as unknown as Prisma.InputJsonValue,
          baselineMetrics: baselineMetrics as unknown as Prisma.InputJsonValue,
          timings: timings as unknown as Prisma.InputJsonValue,
          lossHistory: losses,
          error: null,
        },
      });
      await this.audit.record(
        {
          action: tuning ? 'recommender.model.tune' : 'recommender.model.train',
          outcome: 'SUCCESS',
          actor: payload.requestedBy ? { id: payload.requestedBy } : null,
          entityType: 'recommender_model',
          entityId: model.id,
          detail: { version: model.version, scope: payload.scope, ndcg: metrics.overall.ndcg, baselineNdcg: baselineMetrics.overall.ndcg, jobId: context.jobId, slot: payload.slot ?? null },
        },
        tx,
      );
    });

    let activated = false;
    if (payload.autoActivate && metrics.overall.ndcg > baselineMetrics.overall.ndcg) {
      await this.registry.activate(model.id, {}, null, null);
      activated = true;
    }
    return { modelId: model.id, version: model.version, ndcg: ndcgOf(metrics), baselineNdcg: ndcgOf(baselineMetrics), activated };
  }

  /** Grid sample scored by NDCG@10 on a validation split of the training part; the test part is never looked at. */
  private async tune(train: InteractionMatrix, params: TrainingParams, trials: number, context: JobContext): Promise<{ trials: TuningTrialDto[]; best: TuningTrialDto }> {
    const validation = splitHoldoutPerUser(train, { seed: params.seed + 1, fraction: params.holdoutFraction });
    const candidates = sampleTuningGrid({ factors: params.factors, alpha: params.alpha, regularization: params.regularization }, trials, params.seed);
    const results: TuningTrialDto[] = [];
    for (const [index, candidate] of candidates.entries()) {
      await context.reportProgress(3 + (40 * index) / candidates.length, `Tuning: trial ${index + 1} of ${candidates.length} (${describe(candidate)})`);
      const model = await this.factorize(validation.train, { ...params, ...candidate }, context, false);
      const ndcg = evaluateRanking(model, validation.train, validation.test, { k: 10 }).overall.ndcg;
      results.push({ ...candidate, validationNdcg: Number.isFinite(ndcg) ? ndcg : 0 });
    }
    // Ties go to the earlier trial (the starting parameters come first).
    const best = results.reduce((a, b) => (b.validationNdcg > a.validationNdcg ? b : a));
    return { trials: results, best };
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
        { factors: params.factors, iterations: params.iterations, alpha: params.alpha, regularization: params.regularization, cgSteps: params.cgSteps, seed: params.seed },
        { threads: THREADS, computeLoss, onIteration, shouldCancel: () => cancelled },
      );
    } finally {
      clearInterval(poll);
    }
  }
}

function describe(c: TuningCandidate): string {
  return `factors ${c.factors}, alpha ${c.alpha}, regularisation ${c.regularization}`;
}
