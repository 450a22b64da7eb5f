import { Injectable } from '@nestjs/common';
import { Prisma } from '@crosslane/db';
import { planMemberErasure, withoutMembers, type MemberFootprint } from '@crosslane/domain-member-rights';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';
import { MEMBER_CONSENT_LOCK } from '../consent/member-consent-lock';
import { suppressInPartnerFiles } from './partner-files';

/** Taken by every import that writes interactions, for its whole transaction (insertNewInteractions). */
const INTERACTION_IMPORT_LOCK = 'crosslane:import:interaction';

/** What erasing one member of a request did. */
export type MemberErasureOutcome = 'ERASED' | 'ALREADY_DONE' | 'GONE';

type CampaignStatus = MemberFootprint['campaigns'][number]['status'];

/**
 * Every read and write of an erasure. eraseOne is one transaction per
 * member: it locks the request's member row (so two runs of the same job,
 * after a worker died, cannot both erase), applies planMemberErasure, and
 * marks the row ERASED in the same commit, so a crash leaves each member
 * either untouched or fully erased and a retry carries on from the first
 * PENDING row.
 */
@Injectable()
export class ErasureRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly identity: IdentityService,
  ) {}

  pendingMembers(requestId: string, afterId: bigint, take: number): Promise<{ id: bigint }[]> {
    return this.prisma.erasureRequestMember.findMany({
      where: { requestId, status: 'PENDING', id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
      select: { id: true },
    });
  }

  async eraseOne(requestMemberId: bigint): Promise<MemberErasureOutcome> {
    return this.prisma.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<{ requestId: string; memberId: bigint | null }[]>`
          SELECT "requestId", "memberId" FROM erasure_request_member WHERE id = ${requestMemberId} AND status = 'PENDING' FOR UPDATE`;
        if (!row) return 'ALREADY_DONE';
        // An import that staged this member's rows before the key was suppressed may still be writing them: wait for
        // it to commit, so its rows are visible here and deleted with the rest (members imports hold the consent lock,
        // interactions imports the interaction lock, each until they commit).
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${MEMBER_CONSENT_LOCK}))`;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${INTERACTION_IMPORT_LOCK}))`;
        const done = async (outcome: MemberErasureOutcome) => {
          await tx.erasureRequestMember.update({
            where: { id: requestMemberId },
            data: { status: 'ERASED', memberId: null, erasedAt: new Date() },
          });
          await tx.erasureRequest.update({ where: { id: row.requestId }, data: { erased: { increment: 1 } } });
          return outcome;
        };
        const memberId = row.memberId;
        const [member] =
          memberId === null
            ? []
            : await tx.$queryRaw<{ memberKey: string; emailHash: string | null; phoneHash: string | null }[]>`
          SELECT "memberKey", "emailHash", "phoneHash" FROM member WHERE id = ${memberId} FOR UPDATE`;
        // Erased already by another request (the same key filed twice): nothing of theirs is left.
        if (!member || memberId === null) return done('GONE');

        const campaigns = await tx.$queryRaw<{ id: string; status: CampaignStatus }[]>`
          SELECT c.id::text, c.status::text AS status FROM campaign c
          WHERE c.id IN (SELECT "campaignId" FROM campaign_assignment WHERE "memberId" = ${memberId}
                         UNION SELECT "campaignId" FROM campaign_event WHERE "memberId" = ${memberId})`;
        const artifacts = await tx.$queryRaw<{ modelId: string; factors: number; memberIds: bigint[]; userFactors: Uint8Array }[]>`
          SELECT "modelId"::text, factors, "memberIds", "userFactors" FROM model_artifact WHERE ${memberId} = ANY("memberIds") FOR UPDATE`;
        const plan = planMemberErasure({ ...member, campaigns, modelIds: artifacts.map((a) => a.modelId) });

        // Partners holding the member in a delivered file get their pseudonym to delete with their next delivery.
        await suppressInPartnerFiles(tx, member.memberKey, 'ERASED', (partnerId, key) => this.identity.pseudonymFor(partnerId, key));
        // Segment sizes are materialised counts: they lose the member with the membership.
        await tx.$executeRaw`UPDATE segment s SET size = GREATEST(s.size - 1, 0) FROM segment_membership sm WHERE sm."segmentId" = s.id AND sm."memberId" = ${memberId}`;
        for (const table of plan.deleteByMemberId) await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE "memberId" = $1`, memberId);
        await tx.$executeRaw`DELETE FROM partner_customer WHERE "memberId" = ${memberId} OR "matchHash" = ANY(${plan.partnerCustomerHashes}::text[])`;
        for (const artifact of artifacts) {
          const stripped = withoutMembers(artifact, [memberId]);
          if (!stripped) continue;
          await tx.$executeRaw`UPDATE model_artifact SET "memberIds" = ${stripped.memberIds}::bigint[], "userFactors" = ${Buffer.from(stripped.userFactors)} WHERE "modelId" = ${artifact.modelId}::uuid`;
        }
        if (plan.modelsToStrip.length)
          await tx.$executeRaw`UPDATE recommender_model SET "containsErasedMembers" = true WHERE id = ANY(${plan.modelsToStrip}::uuid[])`;
        // The key quoted in a log (a consent change's audit detail, a job's payload or result) becomes a tombstone; the event stays.
        await tx.$executeRaw`UPDATE audit_event SET detail = replace(detail::text, ${plan.keyNeedle}, ${plan.keyTombstone})::jsonb WHERE strpos(detail::text, ${plan.keyNeedle}) > 0`;
        await tx.$executeRaw`UPDATE job_run SET payload = replace(payload::text, ${plan.keyNeedle}, ${plan.keyTombstone})::jsonb WHERE strpos(payload::text, ${plan.keyNeedle}) > 0`;
        await tx.$executeRaw`UPDATE job_run SET result = replace(result::text, ${plan.keyNeedle}, ${plan.keyTombstone})::jsonb WHERE strpos(result::text, ${plan.keyNeedle}) > 0`;
        await tx.$executeRaw`UPDATE import_rejection SET value = NULL WHERE value = ${member.memberKey}`;
        await tx.$executeRaw`DELETE FROM member WHERE id = ${memberId}`;
        return done('ERASED');
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 60_000 },
    );
  }
}
