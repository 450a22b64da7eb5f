import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ErasureRequestDto } from '@crosslane/contracts';
import { ErasureRequest } from '@crosslane/db';
import {
  complianceReport,
  keyProblem,
  parseErasureCsv,
  type ComplianceReport,
  type ErasureKey,
  type ReportConsentGroup,
  type ReportExport,
  type ReportPrivacyBudget,
} from '@crosslane/domain-member-rights';
import { AuditService } from '../../core/audit/audit.service';
import { isUuid } from '../../core/http/ids';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { findPage, mapPage, type Page } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';
import { ListQuery } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { FileErasureDto } from './dto/file-erasure.dto';

/**
 * Files erasure requests. In one transaction: the request, its members
 * (keyed hashes, and the member id while the erasure is pending), the
 * suppression of every key (so imports leave the member out from this
 * moment on, even before the job has run) and the audit event. Then the
 * erase-members job is queued.
 */
@Injectable()
export class MemberRightsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async fileErasure(input: FileErasureDto, actor: AuthenticatedAccount, ip: string | null): Promise<ErasureRequestDto> {
    const keys = this.keysOf(input);
    const hashed = keys.map((k) => ({ ...k, keyHash: this.identity.memberKeySuppressionHash(k.memberKey) }));
    // The request's time comes from the same clock as its members' erasedAt and its completedAt (ErasureRepository,
    // EraseMembersJob), so its duration in the compliance report never mixes PostgreSQL's now() with a pinned clock.
    const requestedAt = this.clock.now();
    const request = await this.prisma.$transaction(
      async (tx) => {
        const created = await tx.erasureRequest.create({
          data: {
            createdAt: requestedAt,
            source: input.csv !== undefined ? 'CSV' : 'KEY',
            fileName: input.fileName ?? null,
            reason: input.reason ?? null,
            memberCount: keys.length,
            requestedBy: actor.id,
            requestedByEmail: actor.email,
          },
        });
        // One set-based statement (INSERT ... SELECT, the members found by key in the same pass): a batch of 10,000 keys
        // as Prisma's createMany, or a lookup through Prisma's `in`, took seconds on a loaded machine. The columns travel
        // as three JSON texts, not three arrays of 10,000 values: with arrays, 124 ms passed between the request's insert
        // and this statement reaching PostgreSQL; as JSON the filing measured about 70 ms less (docs/benchmarks/member-rights.md).
        const [{ notFound }] = await tx.$queryRaw<{ notFound: number }[]>`
        WITH keys AS (
          SELECT t.r::int AS r, t.h, m.id AS m
          FROM ROWS FROM (
            json_array_elements_text(${JSON.stringify(hashed.map((k) => k.rowNumber))}::json),
            json_array_elements_text(${JSON.stringify(hashed.map((k) => k.keyHash))}::json),
            json_array_elements_text(${JSON.stringify(hashed.map((k) => k.memberKey))}::json)) AS t(r, h, k)
          LEFT JOIN member m ON m."memberKey" = t.k),
        suppressed AS (
          INSERT INTO suppressed_member_key ("keyHash", "requestId", "suppressedAt")
          SELECT h, ${created.id}::uuid, ${requestedAt} FROM keys
          ON CONFLICT ("keyHash") DO NOTHING),
        members AS (
          INSERT INTO erasure_request_member ("requestId", "rowNumber", "keyHash", "memberId", status)
          SELECT ${created.id}::uuid, r, h, m, (CASE WHEN m IS NULL THEN 'NOT_FOUND' ELSE 'PENDING' END)::"ErasureMemberStatus" FROM keys
          RETURNING status)
        UPDATE erasure_request SET "notFound" = (SELECT count(*)::int FROM members WHERE status = 'NOT_FOUND')
        WHERE id = ${created.id}::uuid RETURNING "notFound"`;
        await this.audit.record(
          {
            action: 'member-rights.erasure.request',
            outcome: 'SUCCESS',
            actor,
            ip,
            entityType: 'erasure-request',
            entityId: created.id,
            detail: {
              source: created.source,
              fileName: created.fileName,
              reason: created.reason,
              memberCount: created.memberCount,
              notFound,
            },
          },
          tx,
        );
        return created;
        // A batch of 100,000 keys is allowed: more than the default 5 s on a busy machine.
      },
      { timeout: 60_000 },
    );
    const run = await this.jobs.enqueue(JobName.EraseMembers, { requestId: request.id }, { requestedBy: actor.id });
    return toErasureRequestDto(await this.prisma.erasureRequest.update({ where: { id: request.id }, data: { jobId: run.id } }));
  }

  async list(query: ListQuery): Promise<Page<ErasureRequestDto>> {
    return mapPage(await findPage(this.prisma, this.prisma.erasureRequest, query, {}, { tieBreak: 'sort-order' }), toErasureRequestDto);
  }

  async get(id: string): Promise<ErasureRequestDto | null> {
    if (!isUuid(id)) return null;
    const row = await this.prisma.erasureRequest.findUnique({ where: { id } });
    return row ? toErasureRequestDto(row) : null;
  }

  /** The compliance review of [from, to): exports and refusals per partner, consent moves, erasure requests (complianceReport). */
  async complianceReport(fromText: string | undefined, toText: string | undefined): Promise<ComplianceReport> {
    const date = (field: string, text: string | undefined) => {
      const value = text ? new Date(text) : new Date(NaN);
      if (Number.isNaN(value.getTime()))
        throw new BadRequestException({
          message: `${field}: required, an ISO date such as 2026-05-01`,
          fields: [{ field, message: 'required, an ISO date such as 2026-05-01' }],
        });
      return value;
    };
    const from = date('from', fromText);
    const to = date('to', toText);
    if (!(from < to))
      throw new BadRequestException({ message: 'to: must be after from', fields: [{ field: 'to', message: 'must be after from' }] });
    const [exports, consent, erasures, budget] = await this.prisma.$transaction([
      this.prisma.$queryRaw<ReportExport[]>`
        SELECT e."partnerId"::text AS "partnerId", p.name AS "partnerName", e.status::text AS status, e.purpose, e.kind, e.fields, e."rowCount", a.version AS "agreementVersion", e."refusedReason", acc.email AS "requestedByEmail"
        FROM partner_export e JOIN partner p ON p.id = e."partnerId" LEFT JOIN sharing_agreement a ON a.id = e."agreementId" LEFT JOIN account acc ON acc.id = e."requestedBy"
        WHERE e."createdAt" >= ${from} AND e."createdAt" < ${to}`,
      this.prisma.$queryRaw<ReportConsentGroup[]>`
        SELECT flag::text AS flag, "from", "to", source::text AS source, count(*)::int AS changes FROM consent_change WHERE at >= ${from} AND at < ${to} GROUP BY 1, 2, 3, 4`,
      this.prisma.erasureRequest.findMany({ where: { createdAt: { gte: from, lt: to } } }),
      this.prisma.$queryRaw<ReportPrivacyBudget[]>`
        SELECT r."partnerId"::text AS "partnerId", p.name AS "partnerName", count(*)::int AS releases, coalesce(sum(r.epsilon), 0)::float8 AS epsilon
        FROM disclosure_release r JOIN partner p ON p.id = r."partnerId"
        WHERE r.noisy AND r."releasedAt" >= ${from} AND r."releasedAt" < ${to} GROUP BY 1, 2`,
    ]);
    return complianceReport({ from, to }, exports, consent, erasures, budget);
  }

  /** The pseudonyms a partner file carries for deletion, in a fixed order. */
  async suppressionsCarriedBy(exportId: string): Promise<{ pseudonym: string; reason: string }[]> {
    const exists =
      /^[0-9a-f-]{36}$/i.test(exportId) && (await this.prisma.partnerExport.findUnique({ where: { id: exportId }, select: { id: true } }));
    if (!exists) throw new NotFoundException(`No partner export ${exportId}`);
    return this.prisma.partnerSuppression.findMany({
      where: { deliveredInExportId: exportId },
      orderBy: { pseudonym: 'asc' },
      select: { pseudonym: true, reason: true },
    });
  }

  private keysOf(input: FileErasureDto): ErasureKey[] {
    const refuse = (field: string, message: string, row?: number) => {
      throw new BadRequestException({
        message: row ? `Row ${row}, ${field}: ${message}` : `${field}: ${message}`,
        fields: [{ field, message, ...(row ? { row } : {}) }],
      });
    };
    if ((input.memberKey === undefined) === (input.csv === undefined))
      refuse('memberKey', 'send exactly one of memberKey (one member) or csv (a batch)');
    if (input.memberKey !== undefined) {
      const memberKey = input.memberKey.trim();
      const problem = keyProblem(memberKey);
      if (problem) refuse('memberKey', problem);
      return [{ rowNumber: 1, memberKey }];
    }
    const batch = parseErasureCsv(input.csv!);
    if (!batch.ok) {
      const message = `Refused, nothing stored: ${batch.problems.map((p) => `row ${p.rowNumber}, ${p.field}: ${p.message}`).join('; ')}`;
      throw new BadRequestException({
        message,
        fields: batch.problems.map((p) => ({ field: p.field, row: p.rowNumber, message: p.message })),
      });
    }
    return batch.keys;
  }
}

export function toErasureRequestDto(row: ErasureRequest): ErasureRequestDto {
  return {
    id: row.id,
    status: row.status,
    source: row.source as ErasureRequestDto['source'],
    fileName: row.fileName,
    reason: row.reason,
    memberCount: row.memberCount,
    erased: row.erased,
    notFound: row.notFound,
    jobId: row.jobId,
    requestedBy: row.requestedBy,
    requestedByEmail: row.requestedByEmail,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
