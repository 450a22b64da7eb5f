import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CampaignAssignmentDto, OfferType } from '@crosslane/contracts';
import { assignVariant } from '@crosslane/domain-experiments';
import { PrismaService } from '../../core/database/prisma.service';
import { orderedVariants } from './campaign-mapper';
import { CampaignsService } from './campaigns.service';
import { CLOCK, type Clock } from '../../core/clock/clock';

/**
 * Sticky assignment: the variant is a pure function of (salt, memberKey,
 * weights), so every call and every process answers the same; the row in
 * campaign_assignment is written once (ON CONFLICT DO NOTHING) and wins if
 * it ever disagrees (weights are frozen after launch anyway).
 */
@Injectable()
export class CampaignAssignmentService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async assign(campaignId: string, memberKey: string, expose: boolean): Promise<CampaignAssignmentDto> {
    const campaign = await this.campaigns.find(campaignId);
    if (campaign.status !== 'RUNNING') {
      throw new ConflictException({
        message: `Members are assigned only while a campaign is RUNNING; this one is ${campaign.status}`,
        fields: [{ field: 'status', message: `is ${campaign.status}` }],
      });
    }
    const member = await this.prisma.member.findUnique({ where: { memberKey }, select: { id: true } });
    if (!member)
      throw new NotFoundException({
        message: `memberKey: no member ${memberKey}`,
        fields: [{ field: 'memberKey', message: 'no such member' }],
      });
    const variants = orderedVariants(campaign.variants);
    const variantKey = assignVariant(memberKey, campaign.salt, variants);
    const now = this.clock.now();
    await this.prisma.$executeRaw`
      INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt")
      VALUES (${campaignId}::uuid, ${member.id}, ${variantKey}, ${now})
      ON CONFLICT ("campaignId", "memberId") DO NOTHING`;
    if (expose) {
      // Exposure is logged once: the first call sets it, later calls leave it.
      await this.prisma.$executeRaw`
        UPDATE campaign_assignment SET "exposedAt" = ${now}
        WHERE "campaignId" = ${campaignId}::uuid AND "memberId" = ${member.id} AND "exposedAt" IS NULL`;
    }
    const row = await this.prisma.campaignAssignment.findUniqueOrThrow({
      where: { campaignId_memberId: { campaignId, memberId: member.id } },
    });
    const variant = variants.find((v) => v.key === row.variantKey) ?? variants[0];
    return {
      campaignId,
      memberKey,
      variantKey: row.variantKey,
      variantName: variant.name,
      offerType: variant.offerType as OfferType,
      assignedAt: row.assignedAt.toISOString(),
      exposedAt: row.exposedAt?.toISOString() ?? null,
    };
  }
}
