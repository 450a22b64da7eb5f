import { BadRequestException, ConflictException, GoneException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { ExportKind, ExportRefusalBody, PartnerExportDto, SharingRule } from '@crosslane/contracts';
import { SHARING_RULES } from '@crosslane/contracts';
import { Prisma, ExportStatus } from '@crosslane/db';
import { evaluateExportRequest, exportFileShareable } from '@crosslane/domain-privacy';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, type Page } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListQuery, stringFilter, whereIdIn } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { agreementTerms, findCurrentAgreement } from './active-agreement';
import { CreateExportDto } from './dto/sharing.dto';
import { ExportLinkService } from './export-link.service';
import type { BuildPartnerExportPayload } from './jobs/build-partner-export.job';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { findOr404, isUuid } from '../../core/http/ids';

export const EXPORT_STATUSES = Object.values(ExportStatus);

export const EXPORT_SORTABLE = ['createdAt', 'finishedAt', 'status', 'purpose', 'kind', 'id'] as const;

const EXPORT_LIST_SELECT = {
  id: true,
  partnerId: true,
  agreementId: true,
  purpose: true,
  kind: true,
  fields: true,
  segmentId: true,
  status: true,
  refusedReason: true,
  jobId: true,
  contentType: true,
  fileName: true,
  rowCount: true,
  suppressedRows: true,
  requestedBy: true,
  createdAt: true,
  finishedAt: true,
  agreement: { select: { version: true } },
} satisfies Prisma.PartnerExportSelect;

const AGREEMENT_STATE_SELECT = {
  id: true,
  version: true,
  status: true,
  validFrom: true,
  validTo: true,
} satisfies Prisma.SharingAgreementSelect;

type PartnerExport = Prisma.PartnerExportGetPayload<{ include: { agreement: { select: typeof AGREEMENT_STATE_SELECT } } }>;
type ExportRow = Prisma.PartnerExportGetPayload<{ select: typeof EXPORT_LIST_SELECT }>;

export type ExportRequestOutcome = { status: 201; body: PartnerExportDto } | { status: 422; body: ExportRefusalBody };

@Injectable()
export class ExportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
    private readonly links: ExportLinkService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<Page<PartnerExportDto>> {
    const where: Prisma.PartnerExportWhereInput = {
      ...whereIdIn(query),
      partnerId: stringFilter(query.filter, 'partnerId'),
      status: enumFilter(query.filter, 'status', EXPORT_STATUSES),
      kind: stringFilter(query.filter, 'kind'),
      purpose: stringFilter(query.filter, 'purpose'),
    };
    const { rows, total } = await findPage(this.prisma, this.prisma.partnerExport, query, where, {
      read: (page) => this.prisma.partnerExport.findMany({ ...page, select: EXPORT_LIST_SELECT }),
    });
    return { rows: await this.withPartnerNames(rows), total };
  }

  async get(id: string): Promise<PartnerExportDto> {
    const row = await findOr404(id, 'export', (uuid) =>
      this.prisma.partnerExport.findUnique({ where: { id: uuid }, select: EXPORT_LIST_SELECT }),
    );
    return (await this.withPartnerNames([row]))[0];
  }

  /**
   * The agreement is checked first; a request outside it is stored as
   * REFUSED with the rule, audited as DENIED, and answered at once with 422
   * (not 403, which means "your role cannot do this"). An allowed
   * request is stored and queued; the job checks again when it builds.
   */
  async request(input: CreateExportDto, actor: AuthenticatedAccount, ip: string | null): Promise<ExportRequestOutcome> {
    const partner = await this.prisma.partner.findUnique({ where: { id: input.partnerId } });
    if (!partner)
      throw new BadRequestException({
        message: `No partner ${input.partnerId}`,
        fields: [{ field: 'partnerId', message: 'no such partner' }],
      });
    if (input.segmentId && !(await this.prisma.segment.findUnique({ where: { id: input.segmentId }, select: { id: true } }))) {
      throw new BadRequestException({
        message: `No segment ${input.segmentId}`,
        fields: [{ field: 'segmentId', message: 'no such segment' }],
      });
    }
    const agreement = await findCurrentAgreement(this.prisma, partner.id);
    const decision = evaluateExportRequest(
      agreement ? agreementTerms(agreement) : null,
      {
        purpose: input.purpose,
        kind: input.kind as ExportKind,
        fields: input.fields,
        segmentId: input.segmentId ?? null,
        includeNonConsented: input.includeNonConsented ?? false,
      },
      this.clock.now(),
    );
    const requestDetail = {
      partnerId: partner.id,
      partner: partner.name,
      purpose: input.purpose,
      kind: input.kind,
      fields: input.fields,
      segmentId: input.segmentId ?? null,
      includeNonConsented: input.includeNonConsented ?? false,
      agreementVersion: agreement?.version ?? null,
    };
    const base = {
      partnerId: partner.id,
      agreementId: agreement?.id ?? null,
      purpose: input.purpose,
      kind: input.kind,
      fields: input.fields,
      segmentId: input.segmentId ?? null,
      requestedBy: actor.id,
    };

    if (!decision.allowed) {
      const refused = await this.prisma.$transaction(async (tx) => {
        const row = await tx.partnerExport.create({
          data: { ...base, status: 'REFUSED', refusedReason: `${decision.rule}: ${decision.message}`, finishedAt: this.clock.now() },
        });
        await this.audit.record(
          {
            action: 'export.request',
            outcome: 'DENIED',
            actor,
            entityType: 'partner-export',
            entityId: row.id,
            detail: { ...requestDetail, rule: decision.rule, message: decision.message },
            ip,
          },
          tx,
        );
        return row;
      });
      return {
        status: 422,
        body: {
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: `Refused by the sharing agreement (${decision.rule}): ${decision.message}`,
          rule: decision.rule,
          exportId: refused.id,
          fields: [{ field: decision.field, message: decision.message }],
        },
      };
    }

    const created = await this.audit.withChange(
      (tx) => tx.partnerExport.create({ data: { ...base, status: 'QUEUED' } }),
      (row) => ({
        action: 'export.request',
        outcome: 'SUCCESS',
        actor,
        entityType: 'partner-export',
        entityId: row.id,
        detail: requestDetail,
        ip,
      }),
    );
    const payload: BuildPartnerExportPayload = { exportId: created.id, includeNonConsented: input.includeNonConsented ?? false };
    const job = await this.jobs.enqueue(JobName.BuildPartnerExport, payload, {
      requestedBy: actor.id,
    });
    await this.prisma.partnerExport.update({ where: { id: created.id }, data: { jobId: job.id } });
    return { status: 201, body: await this.get(created.id) };
  }

  /**
   * A link is issued only for a READY file whose agreement still covers it;
   * a file that expired, or whose agreement was revoked, superseded or ran
   * out, is refused with 409 naming why (audited).
   */
  async createLink(id: string, actor: AuthenticatedAccount, ip: string | null): Promise<{ url: string; expiresAt: string }> {
    const row = await this.findFull(id, false);
    if (row.status !== 'READY' && row.status !== 'EXPIRED')
      throw new ConflictException(`This export is ${row.status}: only a READY export can be downloaded`);
    const withheld = whyFileWithheld(row, this.clock.now());
    if (withheld) {
      await this.audit.record({
        action: 'export.link',
        outcome: 'DENIED',
        actor,
        entityType: 'partner-export',
        entityId: row.id,
        detail: { partnerId: row.partnerId, reason: withheld },
        ip,
      });
      throw new ConflictException(withheld);
    }
    const { token, expiresAt } = this.links.sign(row.id, this.clock.now());
    await this.audit.record({
      action: 'export.link',
      outcome: 'SUCCESS',
      actor,
      entityType: 'partner-export',
      entityId: row.id,
      detail: { partnerId: row.partnerId, expiresAt: expiresAt.toISOString() },
      ip,
    });
    return { url: `/api/exports/${row.id}/download?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Public route: the token is the credential. Invalid answers 401, expired 410;
   * a file no longer READY, or whose agreement no longer covers it, 410 with
   * the reason (a link outlives neither). Every refusal is audited.
   */
  async download(
    id: string,
    token: string | undefined,
    ip: string | null,
  ): Promise<{ content: Buffer; contentType: string; fileName: string }> {
    const check = isUuid(id) ? this.links.verify(id, token ?? '', this.clock.now()) : 'invalid';
    if (check !== 'valid') {
      await this.audit.record({
        action: 'export.download',
        outcome: 'DENIED',
        entityType: 'partner-export',
        entityId: isUuid(id) ? id : undefined,
        detail: { reason: check === 'expired' ? 'link expired' : 'invalid token' },
        ip,
      });
      if (check === 'expired') throw new GoneException('This download link has expired: ask for a new one');
      throw new UnauthorizedException('This download link is not valid');
    }
    const row = await this.findFull(id, true);
    const withheld = whyFileWithheld(row, this.clock.now());
    if (withheld || !row.content) {
      const reason = withheld ?? 'This export has no file: request a new export';
      await this.audit.record({
        action: 'export.download',
        outcome: 'DENIED',
        entityType: 'partner-export',
        entityId: id,
        detail: { partnerId: row.partnerId, reason },
        ip,
      });
      throw new GoneException(reason);
    }
    await this.audit.record({
      action: 'export.download',
      outcome: 'SUCCESS',
      entityType: 'partner-export',
      entityId: id,
      detail: { partnerId: row.partnerId, fileName: row.fileName, bytes: row.content.length },
      ip,
    });
    return {
      content: Buffer.from(row.content),
      contentType: row.contentType ?? 'text/csv; charset=utf-8',
      fileName: row.fileName ?? `${id}.csv`,
    };
  }

  private async findFull(id: string, withContent: boolean): Promise<PartnerExport> {
    const row = await findOr404(id, 'export', (uuid) =>
      this.prisma.partnerExport.findUnique({
        where: { id: uuid },
        omit: withContent ? undefined : { content: true },
        include: { agreement: { select: AGREEMENT_STATE_SELECT } },
      }),
    );
    return row as PartnerExport;
  }

  private async withPartnerNames(rows: ExportRow[]): Promise<PartnerExportDto[]> {
    const partners = await this.prisma.partner.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.partnerId))] } },
      select: { id: true, name: true },
    });
    const names = new Map(partners.map((p) => [p.id, p.name]));
    return rows.map((row) => toExportDto(row, names.get(row.partnerId) ?? null));
  }
}

/**
 * Why an export's file may not leave now, or null when it may. An expired
 * one says why it expired (kept on the row when it did); a READY one is
 * checked against its agreement at this moment, which also catches a validTo
 * passed, or a revocation committed, after the last expiry.
 */
function whyFileWithheld(row: PartnerExport, now: Date): string | null {
  switch (row.status) {
    case 'READY':
      return exportFileShareable(row.agreement, now);
    case 'EXPIRED':
      return row.refusedReason ?? exportFileShareable(row.agreement, now) ?? 'This export has expired: request a new export';
    default:
      return `This export is ${row.status}: its file is no longer available`;
  }
}

function ruleOf(reason: string | null): SharingRule | null {
  const rule = reason?.split(':')[0];
  return rule && (SHARING_RULES as readonly string[]).includes(rule) ? (rule as SharingRule) : null;
}

function toExportDto(row: ExportRow, partnerName: string | null): PartnerExportDto {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    agreementId: row.agreementId,
    agreementVersion: row.agreement?.version ?? null,
    purpose: row.purpose,
    kind: row.kind,
    fields: row.fields,
    segmentId: row.segmentId,
    status: row.status,
    refusedReason: row.refusedReason,
    refusedRule: row.status === 'REFUSED' ? ruleOf(row.refusedReason) : null,
    jobId: row.jobId,
    fileName: row.fileName,
    contentType: row.contentType,
    rowCount: row.rowCount,
    suppressedRows: row.suppressedRows,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
