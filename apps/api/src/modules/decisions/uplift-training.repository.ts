import { Injectable } from '@nestjs/common';
import type { Prisma } from '@crosslane/db';
import { PrismaService } from '../../core/database/prisma.service';

export type UpliftModelRow = Prisma.UpliftModelGetPayload<object>;
export type CampaignForUplift = Prisma.CampaignGetPayload<{ include: { variants: true; economics: true } }>;

/** One assigned member of the control or the treated arm: whether it converted, its profile row and its segments' names. */
export interface UpliftTrainingUnit {
  memberId: bigint;
  variantKey: string;
  converted: boolean;
  profile: Record<string, unknown> | null;
  segments: string[] | null;
}

/** What a trained model stores: the model itself, its held-out evaluation, and mean uplift per segment. */
export interface TrainedUpliftModel {
  model: unknown;
  evaluation: unknown;
  segmentScores: Record<string, { meanUplift: number; members: number }>;
  finishedAt: Date;
}

/** Every read and write of training an uplift model on a concluded campaign. */
@Injectable()
export class UpliftTrainingRepository {
  constructor(private readonly prisma: PrismaService) {}

  model(upliftModelId: string): Promise<UpliftModelRow | null> {
    return this.prisma.upliftModel.findUnique({ where: { id: upliftModelId } });
  }

  campaign(campaignId: string): Promise<CampaignForUplift> {
    return this.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, include: { variants: true, economics: true } });
  }

  /**
   * Every member assigned to the control or the treated arm, in member id
   * order (the hold-out split depends on it), with the segments they belong
   * to other than the campaign's own target segment.
   */
  trainingUnits(
    campaign: { id: string; targetSegmentId: string | null },
    controlKey: string,
    treatedArm: string,
  ): Promise<UpliftTrainingUnit[]> {
    return this.prisma.$queryRaw<UpliftTrainingUnit[]>`
      SELECT a."memberId", a."variantKey",
             EXISTS (SELECT 1 FROM campaign_event e WHERE e."campaignId" = a."campaignId" AND e."memberId" = a."memberId" AND e.type = 'CONVERSION') AS converted,
             to_jsonb(p) AS profile,
             (SELECT array_agg(s.name ORDER BY s.name) FROM segment_membership sm JOIN segment s ON s.id = sm."segmentId"
               WHERE sm."memberId" = a."memberId" AND (${campaign.targetSegmentId}::uuid IS NULL OR s.id <> ${campaign.targetSegmentId}::uuid)) AS segments
      FROM campaign_assignment a LEFT JOIN member_profile p ON p."memberId" = a."memberId"
      WHERE a."campaignId" = ${campaign.id}::uuid AND a."variantKey" IN (${controlKey}, ${treatedArm})
      ORDER BY a."memberId"`;
  }

  async markFailed(upliftModelId: string, finishedAt: Date): Promise<void> {
    await this.prisma.upliftModel.update({ where: { id: upliftModelId }, data: { status: 'FAILED', finishedAt } });
  }

  /** Stores the trained model as READY; a retry overwrites the same row. */
  async storeReady(upliftModelId: string, trained: TrainedUpliftModel): Promise<void> {
    await this.prisma.upliftModel.update({
      where: { id: upliftModelId },
      data: {
        status: 'READY',
        model: trained.model as Prisma.InputJsonValue,
        evaluation: trained.evaluation as Prisma.InputJsonValue,
        segmentScores: trained.segmentScores as unknown as Prisma.InputJsonValue,
        finishedAt: trained.finishedAt,
      },
    });
  }
}
