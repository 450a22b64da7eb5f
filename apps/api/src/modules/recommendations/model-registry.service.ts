import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { JobRunDto, RecommenderModelDto, RecommenderScope, RecommenderSettingsDto, TrainingParams } from '@crosslane/contracts';
import { Prisma, ModelStatus } from '@crosslane/db';
import { AuditService, type AuditAction } from '../../core/audit/audit.service';
import type { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, mapPage, type Page } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListQuery, stringFilter, whereIdIn } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { toJobDto } from '../../core/queue/job-run.mapper';
import type { ActivateModelDto, RecommenderSettingsInputDto, TrainModelDto, TuneModelDto } from './dto/recommender.dto';
import { beatsBaseline, ndcgOf, toModelDto } from './model-mapper';
import type { RecommenderModel } from './model-mapper';
import { RecommenderDataRepository } from './recommender-data.repository';
import { DEFAULT_TRAINING_PARAMS, DEFAULT_TUNING_TRIALS, defaultAlgorithm, defaultModelName } from './training-params';
import { findOr404 } from '../../core/http/ids';
import { CLOCK, type Clock } from '../../core/clock/clock';

export const MODEL_STATUSES = Object.values(ModelStatus);

export const MODEL_SORTABLE = ['version', 'createdAt', 'status', 'scope', 'name', 'activatedAt'] as const;
export const RETRAINING_SETTING_KEY = 'recommender.retraining';

export const DEFAULT_RETRAINING: Omit<RecommenderSettingsDto, 'updatedAt' | 'updatedBy'> = {
  retrainEvery: 'off',
  scope: 'ALL',
  autoActivate: false,
};

type Actor = AuthenticatedAccount | null;

/**
 * Model versions and their life cycle. One ACTIVE version per scope;
 * activating another turns the previous one back to READY, so a roll-back
 * is one more activation. A version that does not beat popularity on
 * NDCG@10 is activated only with an override and a reason, both audited.
 */
@Injectable()
export class ModelRegistryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
    private readonly data: RecommenderDataRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<Page<RecommenderModelDto>> {
    const where: Prisma.RecommenderModelWhereInput = {
      ...whereIdIn(query),
      status: enumFilter(query.filter, 'status', MODEL_STATUSES),
      scope: stringFilter(query.filter, 'scope'),
    };
    return mapPage(await findPage(this.prisma, this.prisma.recommenderModel, query, where), toModelDto);
  }

  async get(id: string): Promise<RecommenderModelDto> {
    return toModelDto(await this.find(id));
  }

  async enqueueTraining(input: TrainModelDto | TuneModelDto, actor: Actor, ip: string | null, tune: boolean): Promise<JobRunDto> {
    const params: TrainingParams = { ...DEFAULT_TRAINING_PARAMS, algorithm: defaultAlgorithm(tune), ...(input.params ?? {}) };
    const maxInteractionId = await this.data.maxInteractionId();
    if (maxInteractionId === 0n) {
      throw new ConflictException({
        message: 'There are no interactions to train on yet',
        fields: [{ field: 'scope', message: 'no interactions stored' }],
      });
    }
    const payload = {
      name: input.name?.trim() || defaultModelName(input.scope, tune, this.clock.now(), params.algorithm),
      scope: input.scope,
      params,
      maxInteractionId: maxInteractionId.toString(),
      requestedBy: actor?.id ?? null,
      ...(tune ? { trials: (input as TuneModelDto).trials ?? DEFAULT_TUNING_TRIALS } : {}),
      ...(tune && (input as TuneModelDto).budgetSeconds !== undefined ? { budgetSeconds: (input as TuneModelDto).budgetSeconds } : {}),
    };
    const run = await this.jobs.enqueue(tune ? JobName.TuneRecommender : JobName.TrainRecommender, payload, {
      requestedBy: actor?.id ?? null,
    });
    await this.audit.record({
      action: tune ? 'recommender.tune.request' : 'recommender.train.request',
      outcome: 'SUCCESS',
      actor,
      entityType: 'job',
      entityId: run.id,
      detail: { scope: input.scope, params, maxInteractionId: payload.maxInteractionId },
      ip,
    });
    return toJobDto(run);
  }

  async activate(id: string, input: ActivateModelDto, actor: Actor, ip: string | null): Promise<RecommenderModelDto> {
    const model = await this.find(id);
    if (model.status !== 'READY' && model.status !== 'RETIRED') {
      await this.refuse('recommender.model.activate', model, actor, ip, `status ${model.status}`);
      throw new ConflictException({
        message: `Only READY or RETIRED versions can be activated; version ${model.version} is ${model.status}`,
        fields: [{ field: 'id', message: `version is ${model.status}` }],
      });
    }
    const beats = beatsBaseline(model);
    const reason = input.reason?.trim();
    if (!beats) {
      if (!input.override || !reason) {
        await this.refuse('recommender.model.activate', model, actor, ip, 'does not beat popularity on NDCG@10');
        throw new ConflictException({
          message: `Version ${model.version} does not beat the popularity baseline on NDCG@10 (${fmt(ndcgOf(model.metrics))} vs ${fmt(ndcgOf(model.baselineMetrics))}); activate it with override: true and a reason`,
          fields: [
            {
              field: input.override ? 'reason' : 'override',
              message: input.override ? 'a reason is required with an override' : 'override required: the version does not beat popularity',
            },
          ],
        });
      }
    }
    const overrideReason = !beats ? reason! : null;
    const updated = await this.prisma.$transaction(async (tx) => {
      // Serialises activations of one scope across API processes.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`recommender:activate:${model.scope}`}))`;
      const previous = await tx.recommenderModel.findMany({
        where: { scope: model.scope, status: 'ACTIVE', NOT: { id } },
        select: { id: true, version: true },
      });
      await tx.recommenderModel.updateMany({ where: { id: { in: previous.map((p) => p.id) } }, data: { status: 'READY' } });
      const row = await tx.recommenderModel.update({
        where: { id },
        data: { status: 'ACTIVE', activatedAt: this.clock.now(), activatedBy: actor?.id ?? null, overrideReason },
      });
      await this.audit.record(
        {
          action: overrideReason ? 'recommender.model.activate-override' : 'recommender.model.activate',
          outcome: 'SUCCESS',
          actor,
          entityType: 'recommender_model',
          entityId: id,
          detail: {
            version: model.version,
            scope: model.scope,
            previous: previous.map((p) => p.version),
            ndcg: ndcgOf(model.metrics),
            baselineNdcg: ndcgOf(model.baselineMetrics),
            ...(overrideReason ? { reason: overrideReason } : {}),
            automatic: actor === null,
          },
          ip,
        },
        tx,
      );
      return row;
    });
    return toModelDto(updated);
  }

  /** Activates the version that was active before the current one of the scope. */
  async rollback(scope: RecommenderScope, input: ActivateModelDto, actor: Actor, ip: string | null): Promise<RecommenderModelDto> {
    const current = await this.prisma.recommenderModel.findFirst({ where: { scope, status: 'ACTIVE' } });
    const previous = await this.prisma.recommenderModel.findFirst({
      where: { scope, status: 'READY', activatedAt: { not: null }, ...(current ? { NOT: { id: current.id } } : {}) },
      // A pinned clock (CROSSLANE_NOW) gives every activation the same instant: the later version breaks the tie.
      orderBy: [{ activatedAt: 'desc' }, { version: 'desc' }],
    });
    if (!previous) {
      await this.audit.record({
        action: 'recommender.model.rollback',
        outcome: 'FAILURE',
        actor,
        entityType: 'recommender_model',
        entityId: current?.id,
        detail: { scope, reason: 'no earlier active version' },
        ip,
      });
      throw new ConflictException({
        message: `Scope ${scope} has no earlier version to roll back to`,
        fields: [{ field: 'scope', message: 'no earlier active version' }],
      });
    }
    return this.activate(previous.id, input, actor, ip);
  }

  async retire(id: string, actor: Actor, ip: string | null): Promise<RecommenderModelDto> {
    const model = await this.find(id);
    if (model.status !== 'READY' && model.status !== 'ACTIVE' && model.status !== 'FAILED') {
      await this.refuse('recommender.model.retire', model, actor, ip, `status ${model.status}`);
      throw new ConflictException({
        message: `Version ${model.version} is ${model.status} and cannot be retired`,
        fields: [{ field: 'id', message: `version is ${model.status}` }],
      });
    }
    const updated = await this.audit.withChange(
      (tx) => tx.recommenderModel.update({ where: { id }, data: { status: 'RETIRED' } }),
      () => ({
        action: 'recommender.model.retire',
        outcome: 'SUCCESS',
        actor,
        entityType: 'recommender_model',
        entityId: id,
        detail: { version: model.version, scope: model.scope, was: model.status },
        ip,
      }),
    );
    return toModelDto(updated);
  }

  async settings(): Promise<RecommenderSettingsDto> {
    const row = await this.prisma.setting.findUnique({ where: { key: RETRAINING_SETTING_KEY } });
    return {
      ...DEFAULT_RETRAINING,
      ...((row?.value as object | null) ?? {}),
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  }

  async updateSettings(
    input: RecommenderSettingsInputDto,
    actor: AuthenticatedAccount,
    ip: string | null,
  ): Promise<RecommenderSettingsDto> {
    const before = await this.settings();
    const value = {
      retrainEvery: input.retrainEvery,
      scope: input.scope ?? before.scope,
      autoActivate: input.autoActivate ?? before.autoActivate,
    };
    await this.audit.withChange(
      (tx) =>
        tx.setting.upsert({
          where: { key: RETRAINING_SETTING_KEY },
          create: { key: RETRAINING_SETTING_KEY, value, updatedBy: actor.id },
          update: { value, updatedBy: actor.id },
        }),
      () => ({
        action: 'recommender.settings.update',
        outcome: 'SUCCESS',
        actor,
        entityType: 'setting',
        entityId: RETRAINING_SETTING_KEY,
        detail: { from: { retrainEvery: before.retrainEvery, scope: before.scope, autoActivate: before.autoActivate }, to: value },
        ip,
      }),
    );
    return this.settings();
  }

  private async find(id: string): Promise<RecommenderModel> {
    // A malformed id is a missing model, as on every other resource (it answered 400 before).
    return findOr404(id, 'model', (uuid) => this.prisma.recommenderModel.findUnique({ where: { id: uuid } }));
  }

  private async refuse(action: AuditAction, model: RecommenderModel, actor: Actor, ip: string | null, reason: string): Promise<void> {
    await this.audit.record({
      action,
      outcome: 'DENIED',
      actor,
      entityType: 'recommender_model',
      entityId: model.id,
      detail: { version: model.version, reason },
      ip,
    });
  }
}

function fmt(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(4);
}
