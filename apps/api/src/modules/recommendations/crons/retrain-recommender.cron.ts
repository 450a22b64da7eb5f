import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import type { TrainingParams } from '@crosslane/contracts';
import { ModelRegistryService } from '../model-registry.service';
import { RecommenderDataRepository } from '../recommender-data.repository';
import { decideRetraining } from '../retrain-policy';
import { defaultModelName } from '../training-params';
import { CLOCK, type Clock } from '../../../core/clock/clock';

/**
 * Every 15 minutes, in every worker process: reads the cadence an admin set
 * and queues a retraining of the active model's scope, with its parameters,
 * when the policy says so. The slot makes it one job per period.
 */
@Injectable()
export class RetrainRecommenderCron {
  private readonly logger = new Logger(RetrainRecommenderCron.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly registry: ModelRegistryService,
    private readonly data: RecommenderDataRepository,
    private readonly jobs: JobQueueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Cron('*/15 * * * *', { name: 'retrain-recommender' })
  async tick(now = this.clock.now()): Promise<string | null> {
    const settings = await this.registry.settings();
    const active = await this.prisma.recommenderModel.findFirst({ where: { status: 'ACTIVE', scope: settings.scope } });
    const snapshot = active?.snapshot as { maxInteractionId?: string } | null | undefined;
    const maxInteractionId = await this.data.maxInteractionId();
    const decision = decideRetraining({
      cadence: settings.retrainEvery,
      now,
      active: active
        ? {
            createdAt: active.createdAt,
            maxInteractionId: BigInt(snapshot?.maxInteractionId ?? '0'),
            containsErasedMembers: active.containsErasedMembers,
          }
        : null,
      maxInteractionId,
    });
    if (!decision.retrain || !active) return null;
    // The active version's stored parameters (JSON written by training), minus its search table: the same training again.
    const { tuning: _tuning, ...trainingParams } = active.params as unknown as TrainingParams & { tuning?: unknown };
    const run = await this.jobs.enqueue(JobName.TrainRecommender, {
      name: defaultModelName(settings.scope, false, now) + ' (scheduled)',
      scope: settings.scope,
      params: trainingParams,
      maxInteractionId: maxInteractionId.toString(),
      requestedBy: null,
      slot: decision.slot,
      autoActivate: settings.autoActivate,
    });
    this.logger.log(`Scheduled retraining of ${settings.scope}: job ${run.id} (slot ${decision.slot})`);
    return run.id;
  }
}
