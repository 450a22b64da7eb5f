import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@crosslane/db';
import { keyQuote, planMemberErasure, type MemberFootprint } from '@crosslane/domain-member-rights';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';
import { MEMBER_CONSENT_LOCK } from '../consent/member-consent-lock';
import { suppressMembersInPartnerFiles } from './partner-files';

/** Taken by every import that writes interactions, for its whole transaction (insertNewInteractions). */
const INTERACTION_IMPORT_LOCK = 'crosslane:import:interaction';

/** A JSON string token (its text between the quotes, escapes kept as written). */
export const JSON_STRING = '"((?:[^"\\\\]|\\\\.)*)"';

/**
 * The logs that may quote a member key (audit details, job payloads and results), as text, restricted to rows written
 * or changed from transaction $since on (xid8; every row when null). A row committed after a scan's snapshot was
 * written by a transaction at or after that snapshot's xmin, so a scan from a mark taken before it misses no such row;
 * a frozen row reads as the oldest (age() gives it the maximum). Takes the rest of the parameters from the caller.
 */
function logsSince(since: string): string {
  const fresh = `(${since}::xid8 IS NULL OR age(xmin) <= age(xid(${since}::xid8)))`;
  return `logs AS (
    SELECT 'audit_event' AS tbl, id::text AS id, 'detail' AS col, detail::text AS text FROM audit_event WHERE ${fresh}
    UNION ALL SELECT 'job_run', id::text, 'payload', payload::text FROM job_run WHERE ${fresh}
    UNION ALL SELECT 'job_run', id::text, 'result', result::text FROM job_run WHERE result IS NOT NULL AND ${fresh})`;
}

/** The rows of `logs` that quote one of the keys $needles (text[], each key's JSON text without its quotes): each log's JSON strings are read once, matched as a hashed ANY. */
function quotingLogs(needles: string, pattern: string): string {
  return `SELECT tbl, id, col, text FROM logs
    WHERE cardinality(${needles}::text[]) > 0 AND EXISTS (SELECT 1 FROM regexp_matches(text, ${pattern}, 'g') m WHERE m[1] = ANY(${needles}::text[]))`;
}

/**
 * The logs written from transaction $1 on (xid8, or null for every log) that quote one of the keys $2 (text[], each
 * key's JSON text without its quotes); $3 is JSON_STRING. What scrubLogsOfPending searches, and each batch after it.
 */
export const LOGS_QUOTING_KEYS = `WITH ${logsSince('$1')} ${quotingLogs('$2', '$3')}`;

/** Where a run's first pass over the logs stood (LogScrubMark): rows older than it were searched for every key of the run. */
export interface LogScrubMark {
  /** The oldest transaction the pass could not see (xid8, as text). */
  since: string;
}

type QuotingLog = { tbl: string; id: string; col: string; text: string };

/**
 * Removes the factor rows of the members $1 (bigint[]) from every model
 * that holds one, in SQL, so the model's bytes never travel to the worker
 * and back once per batch: the same result as withoutMembers
 * (libs/domain/member-rights), which erasure.repository.int.spec.ts checks
 * it against. The kept rows are copied as runs between the erased rows'
 * positions (at most one run more than members erased, each a slice of the
 * stored bytes), not row by row. The new ids and bytes are computed from
 * the row being updated, so an erasure of the same model that commits
 * first is re-read, never overwritten. Returns the models stripped.
 */
export const STRIP_FACTOR_ROWS = `
  UPDATE model_artifact a SET
    "memberIds" = ARRAY(SELECT u.id FROM unnest(a."memberIds") WITH ORDINALITY AS u(id, n) WHERE u.id <> ALL($1::bigint[]) ORDER BY u.n),
    "userFactors" = (
      SELECT COALESCE(string_agg(substring(a."userFactors" FROM (g.prev * a.factors * 4 + 1)::int FOR ((g.n - 1 - g.prev) * a.factors * 4)::int), ''::bytea ORDER BY g.n), ''::bytea)
      FROM (SELECT e.n, lag(e.n, 1, 0::bigint) OVER (ORDER BY e.n) AS prev FROM (
        SELECT u.n FROM unnest(a."memberIds") WITH ORDINALITY AS u(id, n) WHERE u.id = ANY($1::bigint[])
        UNION ALL SELECT cardinality(a."memberIds") + 1) e) g
      WHERE g.n - 1 > g.prev)
  WHERE a."memberIds" && $1::bigint[] RETURNING a."modelId"`;

/** What erasing one batch of a request did: members erased now, rows whose member was already gone, rows another run had done. */
export interface BatchErasureOutcome {
  erased: number;
  gone: number;
  alreadyDone: number;
}

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

  /**
   * Replaces, in every log, the keys of the request's members still PENDING by the tombstone, in one pass over the
   * logs for the whole request (a pass per batch read every audit event and job log once per batch). Under the same
   * locks as a batch, so a consent change or import that quotes one of those keys has committed (seen here) or
   * commits after (written from the returned mark on, which each batch searches again for its own keys).
   */
  async scrubLogsOfPending(requestId: string): Promise<LogScrubMark> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${MEMBER_CONSENT_LOCK})), pg_advisory_xact_lock(hashtext(${INTERACTION_IMPORT_LOCK}))`;
        // Taken before the scan's snapshot, so it is never younger than what the scan could not see.
        const [{ since }] = await tx.$queryRaw<{ since: string }[]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS since`;
        const keys = await tx.$queryRaw<{ memberKey: string }[]>`
          SELECT m."memberKey" FROM erasure_request_member r JOIN member m ON m.id = r."memberId"
          WHERE r."requestId" = ${requestId}::uuid AND r.status = 'PENDING'`;
        const needles = keys.map((k) => keyQuote(k.memberKey).needle);
        if (needles.length > 0) {
          const logs = await tx.$queryRawUnsafe<QuotingLog[]>(
            LOGS_QUOTING_KEYS,
            null,
            needles.map((n) => n.slice(1, -1)),
            JSON_STRING,
          );
          await this.tombstone(tx, logs, needles);
        }
        return { since };
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 120_000 },
    );
  }

  /** The keys quoted in a log (a consent change's audit detail, a job's payload or result) become a tombstone; the event stays. */
  private async tombstone(tx: Prisma.TransactionClient, logs: readonly QuotingLog[], needles: readonly string[]): Promise<void> {
    const { tombstone } = keyQuote('');
    const untombstoned = (text: string) => needles.reduce((t, n) => (t.includes(n) ? t.split(n).join(tombstone) : t), text);
    for (const log of logs) {
      const text = untombstoned(log.text);
      if (log.tbl === 'audit_event') await tx.$executeRaw`UPDATE audit_event SET detail = ${text}::jsonb WHERE id = ${BigInt(log.id)}`;
      else if (log.col === 'payload') await tx.$executeRaw`UPDATE job_run SET payload = ${text}::jsonb WHERE id = ${log.id}::uuid`;
      else await tx.$executeRaw`UPDATE job_run SET result = ${text}::jsonb WHERE id = ${log.id}::uuid`;
    }
  }

  /**
   * Erases one batch. `logsFrom` is the mark of this run's scrubLogsOfPending: only logs written from it on are
   * searched for the batch's keys (every log when absent, as a batch on its own must).
   */
  async eraseBatch(requestMemberIds: readonly bigint[], logsFrom?: LogScrubMark): Promise<BatchErasureOutcome> {
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
        // interactions imports the interaction lock, each until they commit). Both in one round trip, in this order.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${MEMBER_CONSENT_LOCK})), pg_advisory_xact_lock(hashtext(${INTERACTION_IMPORT_LOCK}))`;

        // Each member with their footprint (campaigns, models holding a factor row), read in one set-based statement.
        const wanted = [...new Set(rows.map((r) => r.memberId).filter((id): id is bigint => id !== null))];
        const members = await tx.$queryRaw<(Omit<MemberFootprint, 'modelIds'> & { id: bigint; modelIds: string[] | null })[]>`
          WITH wanted AS (SELECT unnest(${wanted}::bigint[]) AS id),
          campaigns AS (
            SELECT x."memberId", json_agg(json_build_object('id', c.id::text, 'status', c.status::text) ORDER BY c.id) AS campaigns
            FROM (SELECT "memberId", "campaignId" FROM campaign_assignment WHERE "memberId" IN (SELECT id FROM wanted)
                  UNION SELECT "memberId", "campaignId" FROM campaign_event WHERE "memberId" IN (SELECT id FROM wanted)) x
            JOIN campaign c ON c.id = x."campaignId" GROUP BY 1),
          models AS (
            SELECT u.id AS "memberId", array_agg(a."modelId"::text) AS "modelIds"
            FROM model_artifact a CROSS JOIN LATERAL unnest(a."memberIds") AS u(id)
            WHERE a."memberIds" && ${wanted}::bigint[] AND u.id IN (SELECT id FROM wanted) GROUP BY 1)
          SELECT m.id, m."memberKey", m."emailHash", m."phoneHash", COALESCE(c.campaigns, '[]'::json) AS campaigns, mo."modelIds"
          FROM member m LEFT JOIN campaigns c ON c."memberId" = m.id LEFT JOIN models mo ON mo."memberId" = m.id
          WHERE m.id IN (SELECT id FROM wanted) ORDER BY m.id FOR UPDATE OF m`;
        const memberIds = members.map((m) => m.id);
        // Erased already by another request (the same key filed twice): nothing of theirs is left.
        const present = new Set(memberIds);
        outcome.gone = rows.filter((r) => r.memberId === null || !present.has(r.memberId)).length;
        outcome.erased = rows.length - outcome.gone;

        // The decision stays per member (planMemberErasure); only its execution is gathered into set-based statements.
        const plans = members.map((m) => planMemberErasure({ ...m, modelIds: m.modelIds ?? [] }));
        const keys = members.map((m) => m.memberKey);
        if (members.length > 0) {
          // Partners holding the members in a delivered file get their pseudonyms to delete with their next delivery.
          await suppressMembersInPartnerFiles(tx, keys, 'ERASED', (partnerId, key) => this.identity.pseudonymFor(partnerId, key));
        }

        // One statement for the batch: every table keyed by member id (segment sizes, materialised counts, lose the
        // memberships deleted), the partners' customer entries, the members' factor rows (re-read from the locked row
        // itself, so a concurrent erasure of the same model is never overwritten), the models' retraining flag, keys in
        // import rejections, and the per-member checkpoints with the request's count, in the same commit. Its last
        // SELECT finds the logs written since the run's scrub (logsFrom) that quote a key: each log's JSON strings are
        // read once and matched against the whole batch (a hashed ANY); a JSON string token equal to the key's JSON
        // text is exactly where the quoted key occurs.
        const tables = plans[0]?.deleteByMemberId ?? [];
        const deletes = tables.map((table, i) =>
          table === 'segment_membership'
            ? `left_segments AS (DELETE FROM segment_membership WHERE "memberId" = ANY($1::bigint[]) RETURNING "segmentId")`
            : `d${i} AS (DELETE FROM ${table} WHERE "memberId" = ANY($1::bigint[]))`,
        );
        if (tables.includes('segment_membership'))
          deletes.push(`segment_sizes AS (
            UPDATE segment s SET size = GREATEST(s.size - c.n, 0)
            FROM (SELECT "segmentId", count(*)::int AS n FROM left_segments GROUP BY 1) c WHERE s.id = c."segmentId")`);
        const needles = plans.map((p) => p.keyNeedle);
        const logs = await tx.$queryRawUnsafe<QuotingLog[]>(
          `WITH ${[
            ...deletes,
            `customers AS (DELETE FROM partner_customer WHERE "memberId" = ANY($1::bigint[]) OR "matchHash" = ANY($2::text[]))`,
            `factors AS (${STRIP_FACTOR_ROWS})`,
            `flagged AS (UPDATE recommender_model SET "containsErasedMembers" = true WHERE id = ANY($3::uuid[]) OR id IN (SELECT "modelId" FROM factors))`,
            `rejections AS (UPDATE import_rejection SET value = NULL WHERE value = ANY($4::text[]))`,
            `checkpoints AS (
              UPDATE erasure_request_member SET status = 'ERASED', "memberId" = NULL, "erasedAt" = $5
              WHERE id = ANY($6::bigint[]) RETURNING "requestId")`,
            `counts AS (
              UPDATE erasure_request r SET erased = r.erased + c.n
              FROM (SELECT "requestId", count(*)::int AS n FROM checkpoints GROUP BY 1) c WHERE r.id = c."requestId")`,
            logsSince('$9'),
          ].join(',\n')}
          ${quotingLogs('$7', '$8')}`,
          memberIds,
          plans.flatMap((p) => p.partnerCustomerHashes),
          [...new Set(plans.flatMap((p) => p.modelsToStrip))],
          keys,
          this.clock.now(),
          rows.map((r) => r.id),
          needles.map((n) => n.slice(1, -1)),
          JSON_STRING,
          logsFrom?.since ?? null,
        );
        await this.tombstone(tx, logs, needles);
        // Last and on its own, so its foreign-key checks see every row that referred to the members already gone.
        if (memberIds.length > 0) await tx.$executeRaw`DELETE FROM member WHERE id = ANY(${memberIds}::bigint[])`;
        return outcome;
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 120_000 },
    );
  }
}
