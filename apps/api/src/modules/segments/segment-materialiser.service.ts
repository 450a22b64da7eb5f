import { Inject, Injectable } from '@nestjs/common';
import { membersQuery, type RuleNode } from '@crosslane/domain-segments';
import { DEFAULT_MIN_GROUP_SIZE, suppressCount, type SuppressedCount } from '@crosslane/domain-rules';
import { agreementInForceWhere } from '../sharing/active-agreement';
import { Prisma } from '@crosslane/db';
import { PrismaService } from '../../core/database/prisma.service';
import { SegmentRulesService } from './segment-rules.service';
import { CLOCK, type Clock } from '../../core/clock/clock';

type Tx = Prisma.TransactionClient;

export interface PartnerRule {
  partnerId: string;
  partnerName: string;
  /** The active agreement's terms, or null when the partner has none in force. */
  agreement: { minGroupSize: number; consentRequired: boolean } | null;
  threshold: number;
}

/** Writes segment memberships and size snapshots; every write of one segment is one transaction. */
@Injectable()
export class SegmentMaterialiserService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rules: SegmentRulesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every segment's id, oldest first: the order the materialise and snapshot jobs walk them in. */
  async segmentIds(): Promise<string[]> {
    return (await this.prisma.segment.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } })).map((s) => s.id);
  }

  /**
   * Replaces a rule-based segment's membership with what its rule matches now
   * (one transaction: readers see the old members or the new, never half).
   * Cluster segments keep the membership their job wrote. Returns the size.
   */
  async materialise(segmentId: string, asOf: Date): Promise<number> {
    const segment = await this.prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    if (segment.kind === 'CLUSTER' || !segment.rule) {
      const size = await this.prisma.segmentMembership.count({ where: { segmentId } });
      await this.prisma.segment.update({ where: { id: segmentId }, data: { size, materialisedAt: this.clock.now() } });
      return size;
    }
    const compiled = await this.rules.compile(segment.rule as unknown as RuleNode, asOf, 2);
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crosslane:segment:${segmentId}`}))`;
        await tx.$executeRaw`DELETE FROM segment_membership WHERE "segmentId" = ${segmentId}::uuid`;
        const size = await tx.$executeRawUnsafe(
          `INSERT INTO segment_membership ("segmentId", "memberId") SELECT $1::uuid, q."memberId" FROM (${membersQuery(compiled)}) q`,
          segmentId,
          ...compiled.params,
        );
        await tx.segment.update({ where: { id: segmentId }, data: { size, materialisedAt: this.clock.now() } });
        return size;
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  }

  /** Partners that are not archived, with the agreement in force at `at` (ACTIVE and within validity). */
  async partnerRules(at: Date): Promise<PartnerRule[]> {
    const partners = await this.prisma.partner.findMany({
      where: { status: { not: 'ARCHIVED' } },
      orderBy: { name: 'asc' },
      include: {
        agreements: { where: agreementInForceWhere(at), orderBy: { version: 'desc' }, take: 1 },
      },
    });
    return partners.map((p) => {
      const a = p.agreements[0];
      return {
        partnerId: p.id,
        partnerName: p.name,
        agreement: a ? { minGroupSize: a.minGroupSize, consentRequired: a.consentRequired } : null,
        threshold: a?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
      };
    });
  }

  /**
   * What of a segment is shareable with each partner under its agreement in
   * force: the members (who consented, when the agreement requires consent),
   * suppressed below the agreement's minimum group size. Partners without an
   * agreement in force are left out: nothing is shareable with them.
   */
  async shareableCounts(
    segmentId: string,
    partners: PartnerRule[],
    tx: Tx = this.prisma,
  ): Promise<Record<string, SuppressedCount & { partnerName: string }>> {
    const [counts] = await tx.$queryRaw<{ all: number; consented: number }[]>`
      SELECT count(*)::int AS all, count(*) FILTER (WHERE m."consentPartnerSharing")::int AS consented
      FROM segment_membership sm JOIN member m ON m.id = sm."memberId" WHERE sm."segmentId" = ${segmentId}::uuid`;
    const out: Record<string, SuppressedCount & { partnerName: string }> = {};
    for (const p of partners) {
      if (!p.agreement) continue;
      out[p.partnerId] = {
        ...suppressCount(p.agreement.consentRequired ? counts.consented : counts.all, p.agreement.minGroupSize),
        partnerName: p.partnerName,
      };
    }
    return out;
  }

  /** Materialises (rule segments) and records today's size and shareable counts, in one transaction per segment. */
  async snapshot(segmentId: string, takenOn: string, asOf: Date): Promise<number> {
    const size = await this.materialise(segmentId, asOf);
    const partners = await this.partnerRules(asOf);
    await this.prisma.$transaction(async (tx) => {
      const shareable = await this.shareableCounts(segmentId, partners, tx);
      const day = new Date(`${takenOn}T00:00:00Z`);
      await tx.segmentSizeSnapshot.upsert({
        where: { segmentId_takenOn: { segmentId, takenOn: day } },
        create: { segmentId, takenOn: day, size, shareable: shareable as unknown as Prisma.InputJsonValue },
        update: { size, shareable: shareable as unknown as Prisma.InputJsonValue },
      });
    });
    return size;
  }
}
