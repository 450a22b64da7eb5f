import { Inject } from '@nestjs/common';
import { AuditService } from '../../../core/audit/audit.service';
import { recordJobSuccess } from '../../../core/queue/job-audit';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { payloadInstant } from '../../../core/queue/payload-dates';
import { JobName } from '../../../core/queue/queue-names';
import { ModelFactorsService } from '../model-factors.service';
import { ProfileComputationRepository } from '../profile-computation.repository';
import { InterestTaxonomyService } from '../../taxonomy/interest-taxonomy.service';
import { CLOCK, type Clock } from '../../../core/clock/clock';

export interface ComputeProfilesPayload {
  /** ISO instant: interactions before it count, recency counts to it. In the payload so a retry computes the same profiles. */
  asOf: string;
}

export interface ComputeProfilesResult {
  profiles: number;
  scored: number;
  withLatentFactors: number;
  modelVersion: number | null;
  asOf: string;
}

const FACTOR_CHUNK = 20_000;

/**
 * Recomputes every member's profile in one transaction: the old profiles go
 * and the new ones come from one INSERT ... SELECT (window functions for the
 * quintiles), then the active model's user factors are written in chunks. A
 * killed worker leaves the previous profiles intact; the retry, with the same
 * asOf, reaches the same rows.
 */
@JobHandler(JobName.ComputeProfiles)
export class ComputeProfilesJob implements JobRunner<JobName.ComputeProfiles> {
  constructor(
    private readonly profiles: ProfileComputationRepository,
    private readonly models: ModelFactorsService,
    private readonly audit: AuditService,
    private readonly taxonomy: InterestTaxonomyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: ComputeProfilesPayload, context: JobContext): Promise<ComputeProfilesResult> {
    const asOf = payloadInstant(payload.asOf, 'asOf');
    // Car topics come from the interest taxonomy the business edits (docs/taxonomy.md), read once so the whole run uses one version.
    const car = await this.taxonomy.carVocabulary();
    await context.reportProgress(5, 'Loading the active model');
    const model = await this.models.active();
    await context.throwIfCancelled();

    const result = await this.profiles.underProfilesLock(async (writer) => {
      await context.reportProgress(10, 'Computing recency, frequency, monetary value and affinities');
      const profiles = await writer.replaceAll(asOf, car, this.clock.now());
      // A taxonomy change recomputes car interest as of this same instant (InterestTaxonomyService).
      await writer.recordAsOf(asOf);
      await context.throwIfCancelled();
      let withLatentFactors = 0;
      if (model) {
        const k = model.factors;
        for (let start = 0; start < model.memberIds.length; start += FACTOR_CHUNK) {
          await context.throwIfCancelled();
          const ids = model.memberIds.slice(start, start + FACTOR_CHUNK);
          const flat = Array.from(model.userFactors.subarray(start * k, (start + ids.length) * k));
          withLatentFactors += await writer.writeLatentFactors(ids, flat, k);
          await context.reportProgress(
            70 + (25 * (start + ids.length)) / model.memberIds.length,
            `Latent factors of model v${model.version}`,
          );
        }
      }
      const scored = await writer.countScored();
      return { profiles, scored, withLatentFactors, modelVersion: model?.version ?? null, asOf: asOf.toISOString() };
    });
    await recordJobSuccess(this.audit, context.jobId, {
      action: 'profiles.compute',
      detail: { ...result, carCategories: car.categories, carTags: car.tags },
    });
    await context.reportProgress(100, `${result.profiles} profiles (${result.scored} scored)`);
    return result;
  }
}
