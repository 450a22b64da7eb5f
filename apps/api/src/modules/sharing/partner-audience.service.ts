import { Injectable } from '@nestjs/common';
import type { OverlapResultDto, PartnerMeasuresDto } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { CAR_KNOWLEDGE_CATEGORIES } from '@crosslane/domain-demo-world';
import { isCarInterested, suppressCount } from '@crosslane/domain-privacy';
import { PrismaService } from '../../core/database/prisma.service';
import { DEFAULT_MIN_GROUP_SIZE, findActiveAgreement } from './active-agreement';

/**
 * Audience figures about a partner, computed from the matched customer list
 * (partner_customer.memberId) and never listing who: every count passes
 * suppressCount with the partner's minimum group size.
 */
@Injectable()
export class PartnerAudienceService {
  constructor(private readonly prisma: PrismaService) {}

  /** The active agreement's minimum group size, or the default 50 without one. */
  async threshold(partnerId: string): Promise<number> {
    return (await findActiveAgreement(this.prisma, partnerId))?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  }

  async overlap(partnerId: string, segmentId: string | null): Promise<OverlapResultDto> {
    const threshold = await this.threshold(partnerId);
    const segmentJoin = segmentId
      ? Prisma.sql`JOIN segment_membership sm ON sm."memberId" = pc."memberId" AND sm."segmentId" = ${segmentId}::uuid`
      : Prisma.empty;
    const [{ overlap }] = await this.prisma.$queryRaw<{ overlap: number }[]>`
      SELECT count(DISTINCT pc."memberId")::int AS overlap
      FROM partner_customer pc ${segmentJoin}
      WHERE pc."partnerId" = ${partnerId}::uuid AND pc."memberId" IS NOT NULL`;
    const memberSetSize = segmentId ? await this.prisma.segmentMembership.count({ where: { segmentId } }) : await this.prisma.member.count();
    return { partnerId, segmentId, memberSetSize, ...suppressCount(overlap, threshold) };
  }

  async measures(partnerId: string): Promise<PartnerMeasuresDto> {
    const threshold = await this.threshold(partnerId);
    const [customerListSize, reviewStats, perMember] = await Promise.all([
      this.prisma.partnerCustomer.count({ where: { partnerId } }),
      this.prisma.partnerReview.aggregate({ where: { partnerId }, _count: { _all: true }, _avg: { rating: true } }),
      // Knowledge interactions of each matched member, and how many were on car categories.
      this.prisma.$queryRaw<{ car: number; knowledge: number }[]>`
        WITH matched AS (SELECT DISTINCT "memberId" FROM partner_customer WHERE "partnerId" = ${partnerId}::uuid AND "memberId" IS NOT NULL)
        SELECT count(*) FILTER (WHERE i.category = ANY(${[...CAR_KNOWLEDGE_CATEGORIES]}::text[]))::int AS car, count(*)::int AS knowledge
        FROM matched m JOIN interaction x ON x."memberId" = m."memberId" JOIN item i ON i.id = x."itemId" AND i.domain = 'KNOWLEDGE'
        GROUP BY m."memberId"`,
    ]);
    const [{ matched }] = await this.prisma.$queryRaw<{ matched: number }[]>`
      SELECT count(DISTINCT "memberId")::int AS matched FROM partner_customer WHERE "partnerId" = ${partnerId}::uuid AND "memberId" IS NOT NULL`;
    const carInterested = perMember.filter((m) => isCarInterested(m.car, m.knowledge)).length;
    const matchedMembers = suppressCount(matched, threshold);
    const carInterestedCount = suppressCount(carInterested, threshold);
    // A share would give away a suppressed numerator (share x matched): shown only when both counts are.
    return {
      partnerId,
      customerListSize,
      matchedMembers,
      carInterested: carInterestedCount,
      carInterestedShare: matchedMembers.suppressed || carInterestedCount.suppressed ? null : Math.round((carInterested / matched) * 1000) / 1000,
      reviews: {
        count: reviewStats._count._all,
        averageRating: reviewStats._avg.rating === null ? null : Math.round(reviewStats._avg.rating * 100) / 100,
      },
      threshold,
    };
  }
}
