import { Injectable } from '@nestjs/common';
import type { GatedCount, OverlapResultDto, PartnerMeasuresDto, PartnerPrivacyDto } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { CAR_KNOWLEDGE_CATEGORIES } from '@crosslane/domain-catalogue';
import { isCarInterested } from '@crosslane/domain-privacy';
import { PrismaService } from '../../core/database/prisma.service';
import { DisclosureGateService } from './disclosure-gate.service';

type Actor = { id?: string | null; email?: string | null } | null | undefined;

/**
 * Audience figures about a partner, computed from the matched customer list
 * (partner_customer.memberId) and never listing who. Every figure is asked
 * of the disclosure gate, which counts it, applies the threshold, the
 * difference checks or the noise of the partner's agreement, and records
 * the release: the overlap endpoint, a segment's partner panel, the
 * campaign planner and the partner measures all come through here.
 */
@Injectable()
export class PartnerAudienceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly gate: DisclosureGateService,
  ) {}

  /** The minimum group size the gate applies to this partner now. */
  async threshold(partnerId: string): Promise<number> {
    return (await this.gate.policy(partnerId)).k;
  }

  /** Segment (or all) members who are the partner's matched customers. */
  async overlapCount(
    partnerId: string,
    segmentId: string | null,
    source: string,
    actor?: Actor,
  ): Promise<GatedCount & { memberSetSize: number }> {
    const population = segmentId
      ? Prisma.sql`SELECT "memberId" AS id FROM segment_membership WHERE "segmentId" = ${segmentId}::uuid`
      : Prisma.sql`SELECT id FROM member`;
    // The same semi-join a plain COUNT(*) of the overlap runs.
    const members = Prisma.sql`SELECT p.id FROM (${population}) p WHERE EXISTS (SELECT 1 FROM partner_customer pc WHERE pc."partnerId" = ${partnerId}::uuid AND pc."memberId" = p.id)`;
    // A segment's members change only when it is materialised again: its sketch is kept under that version.
    const segment = segmentId
      ? await this.prisma.segment.findUnique({ where: { id: segmentId }, select: { materialisedAt: true, size: true } })
      : null;
    const populationKey = segment ? `segment:${segmentId}:${segment.materialisedAt?.toISOString() ?? 'never'}:${segment.size}` : undefined;
    const { populationSize, ...gated } = await this.gate.count({
      partnerId,
      metric: 'overlap',
      source,
      population,
      populationKey,
      members,
      actor,
    });
    return { ...gated, memberSetSize: populationSize };
  }

  async overlap(partnerId: string, segmentId: string | null, actor?: Actor): Promise<OverlapResultDto> {
    const { memberSetSize, ...gated } = await this.overlapCount(partnerId, segmentId, 'POST /api/partners/:id/overlap', actor);
    return { partnerId, segmentId, memberSetSize, ...gated };
  }

  /** The partner page's privacy panel: budget of the agreement in force this month and the last 50 refusals (from the audit log). */
  async privacy(partnerId: string): Promise<PartnerPrivacyDto> {
    const budget = await this.gate.budget(partnerId);
    const events = await this.prisma.auditEvent.findMany({
      where: { action: 'disclosure.refused', entityType: 'partner', entityId: partnerId },
      orderBy: { id: 'desc' },
      take: 50,
    });
    return {
      partnerId,
      mode: budget.policy.mode,
      k: budget.policy.k,
      agreementId: budget.policy.agreementId,
      period: budget.period,
      refreshesOn: budget.refreshesOn,
      epsilonBudget: budget.policy.epsilonBudget,
      epsilonPerQuery: budget.policy.epsilonPerQuery,
      epsilonSpent: budget.spent,
      epsilonLeft: budget.left,
      releases: budget.releases,
      refusals: events.map((e) => {
        const d = (e.detail ?? {}) as Record<string, unknown>;
        const compared = d.comparedWith as { releasedAt?: string } | null | undefined;
        return {
          at: e.occurredAt.toISOString(),
          rule: String(d.rule ?? ''),
          message: String(d.message ?? ''),
          metric: (d.metric as string) ?? null,
          source: (d.source as string) ?? null,
          earlierResultAt: compared?.releasedAt ?? null,
          actorEmail: e.actorEmail,
        };
      }),
    };
  }

  async measures(partnerId: string, actor?: Actor): Promise<PartnerMeasuresDto> {
    const [customerListSize, reviewStats] = await Promise.all([
      this.prisma.partnerCustomer.count({ where: { partnerId } }),
      this.prisma.partnerReview.aggregate({ where: { partnerId }, _count: { _all: true }, _avg: { rating: true } }),
    ]);
    const source = 'GET /api/partners/:id/measures';
    const matchedMembers = await this.overlapCount(partnerId, null, source, actor);
    // Car interest of each matched member, decided by isCarInterested (the one home of that rule); the gate sketches the ids.
    const perMember = await this.prisma.$queryRaw<{ id: bigint; car: number; knowledge: number }[]>`
      WITH matched AS (SELECT DISTINCT "memberId" FROM partner_customer WHERE "partnerId" = ${partnerId}::uuid AND "memberId" IS NOT NULL)
      SELECT m."memberId" AS id, count(*) FILTER (WHERE i.category = ANY(${[...CAR_KNOWLEDGE_CATEGORIES]}::text[]))::int AS car, count(*)::int AS knowledge
      FROM matched m JOIN interaction x ON x."memberId" = m."memberId" JOIN item i ON i.id = x."itemId" AND i.domain = 'KNOWLEDGE'
      GROUP BY m."memberId"`;
    const population = Prisma.sql`SELECT id FROM member`;
    const carInterested = perMember.filter((m) => isCarInterested(m.car, m.knowledge)).map((m) => m.id);
    const carInterestedCount = await this.gate.count({
      partnerId,
      metric: 'car-interested',
      source,
      population,
      members: carInterested,
      actor,
    });
    const { memberSetSize: _all, ...matched } = matchedMembers;
    void _all;
    const { populationSize: _population, ...carInterestedGated } = carInterestedCount;
    void _population;
    // A share would give away a withheld numerator (share x matched): shown only when both counts are.
    const share =
      matched.count !== null && carInterestedGated.count !== null && matched.count > 0
        ? Math.min(1, Math.round((carInterestedGated.count / matched.count) * 1000) / 1000)
        : null;
    return {
      partnerId,
      customerListSize,
      matchedMembers: matched,
      carInterested: carInterestedGated,
      carInterestedShare: share,
      reviews: {
        count: reviewStats._count._all,
        averageRating: reviewStats._avg.rating === null ? null : Math.round(reviewStats._avg.rating * 100) / 100,
      },
      threshold: matched.threshold,
    };
  }
}
