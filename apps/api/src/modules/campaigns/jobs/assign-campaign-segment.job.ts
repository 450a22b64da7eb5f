import { Inject } from '@nestjs/common';
import { assignVariant } from '@crosslane/domain-experiments';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { orderedVariants } from '../campaign-mapper';
import { CLOCK, type Clock } from '../../../core/clock/clock';
import { SegmentAssignmentRepository } from '../segment-assignment.repository';

export interface AssignCampaignSegmentPayload {
  campaignId: string;
}

const CHUNK = 10_000;
const PRE_PERIOD_DAYS = 30;

/**
 * Assigns every member of the target segment (every member when there is
 * none) with the same hash as the assignment endpoint. Chunks are
 * independent and ON CONFLICT DO NOTHING, so a killed worker's retry
 * continues to the same result. The pre-period spend (30 days before the
 * start) is stored as the CUPED covariate.
 */
@JobHandler(JobName.AssignCampaignSegment)
export class AssignCampaignSegmentJob implements JobRunner<JobName.AssignCampaignSegment> {
  constructor(
    private readonly assignments: SegmentAssignmentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: AssignCampaignSegmentPayload, context: JobContext): Promise<{ assigned: number; total: number }> {
    const campaign = await this.assignments.campaign(payload.campaignId);
    const variants = orderedVariants(campaign.variants);
    const seg = campaign.targetSegmentId;
    const start = campaign.startAt ?? this.clock.now();
    const preSince = new Date(start.getTime() - PRE_PERIOD_DAYS * 86_400_000);
    const assignedAt = this.clock.now();
    const total = await this.assignments.audienceSize(seg);
    let after = -1n;
    let done = 0;
    let assigned = 0;
    for (;;) {
      await context.throwIfCancelled();
      const members = await this.assignments.audienceAfter(seg, after, CHUNK);
      if (members.length === 0) break;
      const keys = members.map((m) => assignVariant(m.memberKey, campaign.salt, variants));
      assigned += await this.assignments.insertAssignments(
        campaign.id,
        { memberIds: members.map((m) => m.id), variantKeys: keys },
        assignedAt,
        preSince,
        start,
      );
      after = members[members.length - 1].id;
      done += members.length;
      await context.reportProgress(
        (100 * done) / Math.max(1, total),
        `Assigned ${done.toLocaleString('en')} of ${total.toLocaleString('en')} members`,
      );
    }
    if (assigned > 0) await this.assignments.refreshPlannerStatistics();
    return { assigned, total };
  }
}
