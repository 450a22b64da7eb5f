import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../core/clock/clock';
import { AuditService } from '../../../core/audit/audit.service';
import { recordJobSuccess } from '../../../core/queue/job-audit';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { payloadInstant } from '../../../core/queue/payload-dates';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import { InterestTaxonomyService } from '../../taxonomy/interest-taxonomy.service';
import { ProfileComputationRepository } from '../profile-computation.repository';

export interface RecomputeCarInterestPayload {
  /** The asOf of the profiles being corrected (the last profile computation's). */
  asOf: string;
  /** Knowledge categories and tags whose car status the taxonomy change moved: only their members are touched. */
  categories: string[];
  tags: string[];
}

export interface RecomputeCarInterestResult {
  profiles: number;
  segmentsJobId: string | null;
}

/**
 * After a change to the interest taxonomy: recomputes the car interest of
 * the members the change can affect, with the taxonomy as it is when the job
 * runs (so two quick edits end with the later one), then re-materialises the
 * segments, since rules such as the car-enthusiast segment read car interest.
 */
@JobHandler(JobName.RecomputeCarInterest)
export class RecomputeCarInterestJob implements JobRunner<JobName.RecomputeCarInterest> {
  constructor(
    private readonly profiles: ProfileComputationRepository,
    private readonly taxonomy: InterestTaxonomyService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: RecomputeCarInterestPayload, context: JobContext): Promise<RecomputeCarInterestResult> {
    const asOf = payloadInstant(payload.asOf, 'asOf');
    await context.reportProgress(10, 'Reading the interest taxonomy');
    const car = await this.taxonomy.carVocabulary();
    await context.throwIfCancelled();
    await context.reportProgress(
      20,
      `Car interest of members who touched ${payload.categories.length} categories and ${payload.tags.length} tags`,
    );
    // Under the same lock as compute-profiles: a full computation and this correction never interleave.
    const profiles = await this.profiles.recomputeCarInterest(asOf, car, { categories: payload.categories, tags: payload.tags });
    await context.reportProgress(90, 'Queueing the segments');
    // Behaviour windows count back from now, as when an operator re-materialises (SegmentsService.enqueueMaterialise).
    const run = await this.jobs.enqueue(JobName.MaterialiseSegments, { asOf: this.clock.now().toISOString() });
    const result = { profiles, segmentsJobId: run.id };
    await recordJobSuccess(this.audit, context.jobId, {
      action: 'profiles.recompute-car-interest',
      detail: { ...result, changedCategories: payload.categories, changedTags: payload.tags },
    });
    await context.reportProgress(100, `${profiles} profiles updated`);
    return result;
  }
}
