import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@crosslane/db';
import { planMemberErasure, withoutMembers, type MemberFootprint } from '@crosslane/domain-member-rights';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';
import { MEMBER_CONSENT_LOCK } from '../consent/member-consent-lock';
import { suppressMembersInPartnerFiles } from './partner-files';

/** Taken by every import that writes interactions, for its whole transaction (insertNewInteractions). */
const INTERACTION_IMPORT_LOCK = 'crosslane:import:interaction';

/** A JSON string token (its text between the quotes, escapes kept as written). */
const JSON_STRING = '"((?:[^"\\\\]|\\\\.)*)"';

/** What erasing one batch of a request did: members erased now, rows whose member was already gone, rows another run had done. */
export interface BatchErasureOutcome {
  erased: number;
  gone: number;
  alreadyDone: number;
}

type CampaignStatus = MemberFootprint['campaigns'][number]['status'];

/**
 * Every read and write of an erasure. eraseBatch is one transaction per
 * batch of request rows, with a checkpoint per member inside it: each
 * member's request row turns ERASED in the same commit as the deletion of
 * that member's data, so a crash leaves every member of the batch either
 * untouched or fully erased, and a retry carries on from the first PENDING
 * row. The rows are locked first (FOR UPDATE, and only PENDING ones are
 * taken), so two runs of the same job after a worker died cannot both
 * erase a member. Each statement covers the whole batch (set-based): a
 * statement per member made a 10,000-member batch cost about 150,000 round
 * trips (docs/benchmarks/member-rights.md).
 */
@Injectable()
export class ErasureRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly identity: IdentityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  pendingMembers(requestId: string, afterId: bigint, take: number): Promise<{ id: bigint }[]> {
    return this.prisma.erasureRequestMember.findMany({
      where: { requestId, status: 'PENDING', id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
      select: { id: true },
    });
  }

  async eraseBatch(requestMemberIds: readonly bigint[]): Promise<BatchErasureOutcome> {
    return this.prisma.$transaction(
      async (tx) => {
        const ids = [...requestMemberIds];
        const rows = await tx.$queryRaw<{ id: bigint; requestId: string; memberId: bigint | null }[]>`
          SELECT id, "requestId"::text AS "requestId", "memberId" FROM erasure_request_member
          WHERE id = ANY(${ids}::bigint[]) AND status = 'PENDING' ORDER BY id FOR UPDATE`;
        const outcome: BatchErasureOutcome = { erased: 0, gone: 0, alreadyDone: ids.length - rows.length };
        if (rows.length === 0) return outcome;
        // An import that staged these members' rows before the keys were suppressed may still be writing them: wait for
        // it to commit, so its rows are visible here and deleted with the rest (members imports hold the consent lock,
        // interactions imports the interaction lock, each until they commit).
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${MEMBER_CONSENT_LOCK}))`;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${INTERACTION_IMPORT_LOCK}))`;

        const wanted = [...new Set(rows.map((r) => r.memberId).filter((id): id is bigint => id !== null))];
        const members = await tx.$queryRaw<{ id: bigint; memberKey: string; emailHash: string | null; phoneHash: string | null }[]>`
          SELECT id, "memberKey", "emailHash", "phoneHash" FROM member WHERE id = ANY(${wanted}::bigint[]) ORDER BY id FOR UPDATE`;
        const memberIds = members.map((m) => m.id);
        // Erased already by another request (the same key filed twice): nothing of theirs is left.
        outcome.gone = rows.length - rows.filter((r) => r.memberId !== null && memberIds.includes(r.memberId)).length;
        outcome.erased = rows.length - outcome.gone;

        if (members.length > 0) {
          const campaigns = await tx.$queryRaw<{ memberId: bigint; id: string; status: CampaignStatus }[]>`
            SELECT x."memberId", c.id::text, c.status::text AS status FROM campaign c JOIN (
              SELECT "memberId", "campaignId" FROM campaign_assignment WHERE "memberId" = ANY(${memberIds}::bigint[])
              UNION SELECT "memberId", "campaignId" FROM campaign_event WHERE "memberId" = ANY(${memberIds}::bigint[])) x ON x."campaignId" = c.id`;
          const artifacts = await tx.$queryRaw<{ modelId: string; factors: number; memberIds: bigint[]; userFactors: Uint8Array }[]>`
            SELECT "modelId"::text, factors, "memberIds", "userFactors" FROM model_artifact WHERE "memberIds" && ${memberIds}::bigint[] FOR UPDATE`;
          // The decision stays per member (planMemberErasure); only its execution is gathered into set-based statements.
          const plans = members.map((m) =>
            planMemberErasure({
              ...m,
              campaigns: campaigns.filter((c) => c.memberId === m.id).map((c) => ({ id: c.id, status: c.status })),
              modelIds: artifacts.filter((a) => a.memberIds.includes(m.id)).map((a) => a.modelId),
            }),
          );
          const keys = members.map((m) => m.memberKey);

          // Partners holding the members in a delivered file get their pseudonyms to delete with their next delivery.
          await suppressMembersInPartnerFiles(tx, keys, 'ERASED', (partnerId, key) => this.identity.pseudonymFor(partnerId, key));
          // Segment sizes are materialised counts: they lose the members with the memberships.
          await tx.$executeRaw`
            UPDATE segment s SET size = GREATEST(s.size - c.n, 0)
            FROM (SELECT "segmentId", count(*)::int AS n FROM segment_membership WHERE "memberId" = ANY(${memberIds}::bigint[]) GROUP BY 1) c
            WHERE s.id = c."segmentId"`;
          for (const table of plans[0].deleteByMemberId)
            await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE "memberId" = ANY($1::bigint[])`, memberIds);
          const hashes = plans.flatMap((p) => p.partnerCustomerHashes);
          await tx.$executeRaw`DELETE FROM partner_customer WHERE "memberId" = ANY(${memberIds}::bigint[]) OR "matchHash" = ANY(${hashes}::text[])`;
          for (const artifact of artifacts) {
            const stripped = withoutMembers(artifact, memberIds);
            if (!stripped) continue;
            await tx.$executeRaw`UPDATE model_artifact SET "memberIds" = ${stripped.memberIds}::bigint[], "userFactors" = ${Buffer.from(stripped.userFactors)} WHERE "modelId" = ${artifact.modelId}::uuid`;
          }
          const modelsToStrip = [...new Set(plans.flatMap((p) => p.modelsToStrip))];
          if (modelsToStrip.length)
            await tx.$executeRaw`UPDATE recommender_model SET "containsErasedMembers" = true WHERE id = ANY(${modelsToStrip}::uuid[])`;
          // The keys quoted in a log (a consent change's audit detail, a job's payload or result) become a tombstone; the event stays.
          const needles = plans.map((p) => p.keyNeedle);
          const tombstone = plans[0].keyTombstone;
          const untombstoned = (text: string) => needles.reduce((t, n) => (t.includes(n) ? t.split(n).join(tombstone) : t), text);
          // Each log's JSON strings are read once and matched against the whole batch (a hashed ANY), rather than one
          // strpos per key per row; a JSON string token equal to the key's JSON text is exactly where the quoted key occurs.
          const tokens = needles.map((n) => n.slice(1, -1));
          const logs = await tx.$queryRaw<{ tbl: string; id: string; col: string; text: string }[]>`
            WITH logs AS (
              SELECT 'audit_event' AS tbl, id::text AS id, 'detail' AS col, detail::text AS text FROM audit_event
              UNION ALL SELECT 'job_run', id::text, 'payload', payload::text FROM job_run
              UNION ALL SELECT 'job_run', id::text, 'result', result::text FROM job_run WHERE result IS NOT NULL)
            SELECT tbl, id, col, text FROM logs
            WHERE EXISTS (SELECT 1 FROM regexp_matches(text, ${JSON_STRING}, 'g') m WHERE m[1] = ANY(${tokens}::text[]))`;
          for (const log of logs) {
            const text = untombstoned(log.text);
            if (log.tbl === 'audit_event')
              await tx.$executeRaw`UPDATE audit_event SET detail = ${text}::jsonb WHERE id = ${BigInt(log.id)}`;
            else if (log.col === 'payload') await tx.$executeRaw`UPDATE job_run SET payload = ${text}::jsonb WHERE id = ${log.id}::uuid`;
            else await tx.$executeRaw`UPDATE job_run SET result = ${text}::jsonb WHERE id = ${log.id}::uuid`;
          }
          await tx.$executeRaw`UPDATE import_rejection SET value = NULL WHERE value = ANY(${keys}::text[])`;
          await tx.$executeRaw`DELETE FROM member WHERE id = ANY(${memberIds}::bigint[])`;
        }

        // The per-member checkpoints, in the same commit as the deletions.
        await tx.$executeRaw`
          UPDATE erasure_request_member SET status = 'ERASED', "memberId" = NULL, "erasedAt" = ${this.clock.now()}
          WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`;
        const perRequest = new Map<string, number>();
        for (const r of rows) perRequest.set(r.requestId, (perRequest.get(r.requestId) ?? 0) + 1);
        for (const [requestId, n] of perRequest)
          await tx.erasureRequest.update({ where: { id: requestId }, data: { erased: { increment: n } } });
        return outcome;
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 120_000 },
    );
  }
}
