import { Injectable } from '@nestjs/common';
import type { Prisma } from '@crosslane/db';
import { PrismaService } from '../../core/database/prisma.service';

export type CampaignWithArms = Prisma.CampaignGetPayload<{ include: { variants: true } }>;

/** One member to assign: its id and the key the variant hash reads. */
export interface AssignableMember {
  id: bigint;
  memberKey: string;
}

/**
 * Every read and write of assigning a campaign's audience in bulk: the
 * members of the target segment (every member when there is none) in id
 * order, and their assignments with the pre-period spend beside them.
 */
@Injectable()
export class SegmentAssignmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  campaign(campaignId: string): Promise<CampaignWithArms> {
    return this.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, include: { variants: true } });
  }

  /** How many members the audience holds: the segment's members, or every member when segmentId is null. */
  async audienceSize(segmentId: string | null): Promise<number> {
    const [{ n }] = segmentId
      ? await this.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM segment_membership WHERE "segmentId" = ${segmentId}::uuid`
      : await this.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM member`;
    return Number(n);
  }

  /** The next `take` members of the audience after member id `after`, in id order. */
  audienceAfter(segmentId: string | null, after: bigint, take: number): Promise<AssignableMember[]> {
    return segmentId
      ? this.prisma.$queryRaw<AssignableMember[]>`
          SELECT m.id, m."memberKey" FROM segment_membership s JOIN member m ON m.id = s."memberId"
          WHERE s."segmentId" = ${segmentId}::uuid AND m.id > ${after} ORDER BY m.id LIMIT ${take}`
      : this.prisma.$queryRaw<AssignableMember[]>`
          SELECT id, "memberKey" FROM member WHERE id > ${after} ORDER BY id LIMIT ${take}`;
  }

  /**
   * Stores each member's arm with its purchase spend in [preFrom, preTo) as the
   * CUPED covariate; a member already assigned keeps its row (ON CONFLICT DO NOTHING).
   * Returns how many rows are new.
   */
  insertAssignments(
    campaignId: string,
    rows: { memberIds: bigint[]; variantKeys: string[] },
    assignedAt: Date,
    preFrom: Date,
    preTo: Date,
  ): Promise<number> {
    return this.prisma.$executeRaw`
      INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt", "preValue")
      SELECT ${campaignId}::uuid, x.m, x.k, ${assignedAt},
             (SELECT COALESCE(sum(i.amount), 0)::float8 FROM interaction i
              WHERE i."memberId" = x.m AND i.type = 'PURCHASE' AND i."occurredAt" >= ${preFrom} AND i."occurredAt" < ${preTo})
      FROM unnest(${rows.memberIds}::bigint[], ${rows.variantKeys}::text[]) AS x(m, k)
      ON CONFLICT ("campaignId", "memberId") DO NOTHING`;
  }

  /** Fresh planner statistics for the analyses that follow a bulk assignment (a stale plan took minutes; issue 12). */
  async refreshPlannerStatistics(): Promise<void> {
    await this.prisma.$executeRawUnsafe('ANALYZE campaign_assignment');
  }
}
