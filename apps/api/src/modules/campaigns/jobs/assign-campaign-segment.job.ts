import { Inject, Injectable } from '@nestjs/common';
import { assignVariant } from '@crosslane/domain-experiments';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { orderedVariants } from '../campaign-mapper';
import { CLOCK, type Clock } from '../../../core/clock/clock';

export interface AssignCampaignSegmentPayload {
  campaignId: string;
}

const CHUNK = 10_000;
const PRE_PERIOD_DAYS = 30;

declare module '../../../core/queue/job-types' {
  interface JobTypes {
    [JobName.AssignCampaignSegment]: { payload: AssignCampaignSegmentPayload; result: { assigned: number; total: number } };
  }
}

/**
 * Assigns every member of the target segment (every member when there is
 * none) with the same hash as the assignment endpoint. Chunks are
 * independent and ON CONFLICT DO NOTHING, so a killed worker's retry
 * continues to the same result. The pre-period spend (30 days before the
 * start) is stored as the CUPED covariate.
 */
@Injectable()
@JobHandler(JobName.AssignCampaignSegment)
export class AssignCampaignSegmentJob implements JobRunner<JobName.AssignCampaignSegment> {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: AssignCampaignSegmentPayload, context: JobContext): Promise<{ assigned: number; total: number }> {
    const campaign = await this.prisma.campaign.findUniqueOrThrow({ where: { id: payload.campaignId }, include: { variants: true } });
    const variants = orderedVariants(campaign.variants);
    const seg = campaign.targetSegmentId;
    const start = campaign.startAt ?? this.clock.now();
    const preSince = new Date(start.getTime() - PRE_PERIOD_DAYS * 86_400_000);
    const assignedAt = this.clock.now();
    const [{ n }] = seg
      ? await this.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM segment_membership WHERE "segmentId" = ${seg}::uuid`
      : await this.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM member`;
    const total = Number(n);
    let after = -1n;
    let done = 0;
    let assigned = 0;
    for (;;) {
      await context.throwIfCancelled();
      const members = seg
        ? await this.prisma.$queryRaw<{ id: bigint; memberKey: string }[]>`
            SELECT m.id, m."memberKey" FROM segment_membership s JOIN member m ON m.id = s."memberId"
            WHERE s."segmentId" = ${seg}::uuid AND m.id > ${after} ORDER BY m.id LIMIT ${CHUNK}`
        : await this.prisma.$queryRaw<{ id: bigint; memberKey: string }[]>`
            SELECT id, "memberKey" FROM member WHERE id > ${after} ORDER BY id LIMIT ${CHUNK}`;
      if (members.length === 0) break;
      const keys = members.map((m) => assignVariant(m.memberKey, campaign.salt, variants));
      assigned += await this.prisma.$executeRaw`
        INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt", "preValue")
        SELECT ${campaign.id}::uuid, x.m, x.k, ${assignedAt},
               (SELECT COALESCE(sum(i.amount), 0)::float8 FROM interaction i
                WHERE i."memberId" = x.m AND i.type = 'PURCHASE' AND i."occurredAt" >= ${preSince} AND i."occurredAt" < ${start})
        FROM unnest(${members.map((m) => m.id)}::bigint[], ${keys}::text[]) AS x(m, k)
        ON CONFLICT ("campaignId", "memberId") DO NOTHING`;
      after = members[members.length - 1].id;
      done += members.length;
      await context.reportProgress(
        (100 * done) / Math.max(1, total),
        `Assigned ${done.toLocaleString('en')} of ${total.toLocaleString('en')} members`,
      );
    }
    // Fresh planner statistics for the analyses that follow a bulk assignment (a stale plan took minutes; issue 12).
    if (assigned > 0) await this.prisma.$executeRawUnsafe('ANALYZE campaign_assignment');
    return { assigned, total };
  }
}
