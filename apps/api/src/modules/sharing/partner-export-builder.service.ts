import { Inject, Injectable } from '@nestjs/common';
import type { ExportKind, SharingRule } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { carInterestBucket, evaluateExportRequest, toCsv } from '@crosslane/domain-privacy';
import { suppressSmallGroups } from '@crosslane/domain-rules';
import { InterestTaxonomyService } from '../taxonomy/interest-taxonomy.service';
import { AuditService } from '../../core/audit/audit.service';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';
import type { JobContext } from '../../core/queue/job-handler';
import { agreementTerms, findCurrentAgreement } from './active-agreement';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { DisclosureGateService, type ReleasedSet } from './disclosure-gate.service';

export interface BuildPartnerExportPayload {
  exportId: string;
  /** Kept in the payload (not a column) so a retry builds from the same request. */
  includeNonConsented?: boolean;
}

export interface BuildPartnerExportResult {
  exportId: string;
  status: 'READY' | 'REFUSED' | 'SKIPPED';
  rowCount?: number;
  suppressedRows?: number;
  rule?: SharingRule;
}

interface MemberFacts {
  id: bigint;
  memberKey: string;
  city: string | null;
  topCategory: string | null;
  car: number;
  knowledge: number;
}

const PSEUDONYM_CHECKPOINT = 5_000;

/**
 * Builds a partner's file strictly within its agreement, checked again at
 * build time (it may have been revoked or changed since the request):
 * consented members only, the allowed fields only, per-partner pseudonyms,
 * aggregate rows below the minimum group size suppressed, a member list
 * under the minimum refused. Deterministic for the same data, and the final
 * write is one transaction guarded on status RUNNING, so a retried job
 * reaches the same file.
 */
@Injectable()
export class PartnerExportBuilderService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly identity: IdentityService,
    private readonly gate: DisclosureGateService,
    private readonly taxonomy: InterestTaxonomyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Marks an export that will not be built (cancelled, or out of attempts) as FAILED with its reason, audited once. */
  async fail(exportId: string, reason: string, jobId: string): Promise<void> {
    const { count } = await this.prisma.partnerExport.updateMany({
      where: { id: exportId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { status: 'FAILED', refusedReason: reason, finishedAt: this.clock.now() },
    });
    if (count > 0)
      await this.audit.record({
        action: 'export.build',
        outcome: 'FAILURE',
        entityType: 'partner-export',
        entityId: exportId,
        detail: { reason, jobId },
      });
  }

  async build(payload: BuildPartnerExportPayload, context: JobContext): Promise<BuildPartnerExportResult> {
    const record = await this.prisma.partnerExport.findUnique({ where: { id: payload.exportId } });
    if (!record) throw new Error(`No export ${payload.exportId}`);
    if (record.status !== 'QUEUED' && record.status !== 'RUNNING') return { exportId: record.id, status: 'SKIPPED' };
    await this.prisma.partnerExport.update({ where: { id: record.id }, data: { status: 'RUNNING' } });
    await context.reportProgress(5, 'Checking the agreement');

    const partner = await this.prisma.partner.findUniqueOrThrow({ where: { id: record.partnerId } });
    const agreement = await findCurrentAgreement(this.prisma, record.partnerId);
    const kind = record.kind as ExportKind;
    const decision = evaluateExportRequest(
      agreement ? agreementTerms(agreement) : null,
      {
        purpose: record.purpose,
        kind,
        fields: record.fields,
        segmentId: record.segmentId,
        includeNonConsented: payload.includeNonConsented,
      },
      this.clock.now(),
    );
    if (!decision.allowed) return this.refuse(record.id, decision.rule, decision.message, context);
    const minGroupSize = agreement!.minGroupSize;
    const consentedOnly = agreement!.consentRequired || !payload.includeNonConsented;

    await context.throwIfCancelled();
    await context.reportProgress(15, 'Reading the members within the agreement');
    const members = await this.memberFacts(record.segmentId, consentedOnly);
    await context.throwIfCancelled();

    let header: string[];
    let rows: (string | number)[][];
    let suppressedRows = 0;
    /** What leaves, as member sets for the disclosure gate, and how to write the file from the values the gate allows. */
    let sets: ReleasedSet[];
    let finish: (values: number[], noisy: boolean) => void;
    if (kind === 'MEMBER_LIST') {
      if (members.length < minGroupSize) {
        return this.refuse(
          record.id,
          'GROUP_TOO_SMALL',
          `The list would hold ${members.length} members, fewer than the agreement's minimum group size of ${minGroupSize}`,
          context,
        );
      }
      header = record.fields;
      const built: (string | number)[][] = [];
      for (let i = 0; i < members.length; i++) {
        if (i > 0 && i % PSEUDONYM_CHECKPOINT === 0) {
          await context.throwIfCancelled();
          await context.reportProgress(15 + (75 * i) / members.length, `Pseudonymised ${i} of ${members.length}`);
        }
        built.push(record.fields.map((field) => this.memberValue(field, members[i], record.partnerId)));
      }
      // Sorted by the first column so the order of rows says nothing about member ids.
      rows = built.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      // A list within k members of an earlier list for this partner would isolate the pseudonyms that differ.
      // Members who withdrew consent and whose pseudonym this partner was told to delete (its suppression list, carried
      // by this delivery or an earlier one) are no difference: the partner learns nothing it was not already told.
      const leftKnown = await this.suppressedMembers(record.partnerId, record.segmentId, new Set(members.map((m) => m.id)));
      sets = [{ metric: 'member-list', label: 'The member list', ids: members.map((m) => m.id), leftKnown }];
      finish = () => undefined;
    } else {
      const dimension = record.fields.find((f) => f !== 'member_count')!;
      const groups = new Map<string, bigint[]>();
      for (const member of members) {
        const value = String(this.memberValue(dimension, member, record.partnerId) || '(unknown)');
        groups.set(value, [...(groups.get(value) ?? []), member.id]);
      }
      const grouped = [...groups.entries()]
        .map(([value, ids]) => ({ value, ids, count: ids.length }))
        .sort((a, b) => a.value.localeCompare(b.value));
      header = [dimension, 'member_count'];
      if (agreement!.privacyMode === 'NOISE') {
        // Every group gets noise (one charge for the file: the groups are disjoint); a noisy count below k is then left out.
        sets = grouped.map((g) => ({ metric: 'export-row', label: `Row ${dimension} = ${g.value}`, ids: g.ids }));
        finish = (values) => {
          const noisy = grouped.map((g, i) => ({ value: g.value, count: values[i] }));
          const kept = suppressSmallGroups(noisy, minGroupSize);
          suppressedRows = kept.suppressedRows;
          rows = kept.rows.map((r) => [r.value, r.count]);
        };
      } else {
        const kept = suppressSmallGroups(grouped, minGroupSize);
        suppressedRows = kept.suppressedRows;
        // The kept rows add up to a total the partner can compute: it is released too, so two files over nearly the same members cannot be subtracted.
        sets = [
          ...kept.rows.map((g): ReleasedSet => ({ metric: 'export-row', label: `Row ${dimension} = ${g.value}`, ids: g.ids })),
          { metric: 'export-total', label: 'The total of the kept rows', ids: kept.rows.flatMap((g) => g.ids) },
        ];
        finish = () => undefined;
        rows = kept.rows.map((r) => [r.value, r.count]);
      }
    }

    await context.throwIfCancelled();
    await context.reportProgress(92, 'Saving the file');
    const fileName = `${partner.slug}-${kind.toLowerCase().replace('_', '-')}-${record.createdAt.toISOString().slice(0, 10)}-${record.id.slice(0, 8)}.csv`;
    const saved = await this.prisma.$transaction(
      async (tx) => {
        const current = await tx.partnerExport.findUnique({ where: { id: record.id }, select: { status: true } });
        if (current?.status !== 'RUNNING') return { saved: false as const };
        // The refusal is audited against whoever asked for the file, not the worker.
        const requester = record.requestedBy
          ? await tx.account.findUnique({ where: { id: record.requestedBy }, select: { id: true, email: true } })
          : null;
        const gated = await this.gate.releaseSets(record.partnerId, sets, `export ${record.id}`, requester, tx);
        if (!gated.allowed) return { saved: false as const, refused: gated };
        finish(gated.values, gated.noisy);
        const content = Buffer.from(toCsv(header, rows), 'utf8');
        const { count } = await tx.partnerExport.updateMany({
          where: { id: record.id, status: 'RUNNING' },
          data: {
            status: 'READY',
            content,
            contentType: 'text/csv; charset=utf-8',
            fileName,
            rowCount: rows.length,
            suppressedRows,
            finishedAt: this.clock.now(),
            agreementId: agreement!.id,
          },
        });
        // This delivery carries the partner's pending suppression list (members withdrawn or erased since an earlier file: docs/member-rights.md).
        const carried =
          count > 0
            ? await tx.partnerSuppression.updateMany({
                where: { partnerId: record.partnerId, deliveredInExportId: null },
                data: { deliveredInExportId: record.id, deliveredAt: this.clock.now() },
              })
            : { count: 0 };
        await this.audit.record(
          {
            action: 'export.build',
            outcome: 'SUCCESS',
            entityType: 'partner-export',
            entityId: record.id,
            detail: {
              partnerId: record.partnerId,
              agreementVersion: agreement!.version,
              kind,
              rowCount: rows.length,
              suppressedRows,
              bytes: content.length,
              jobId: context.jobId,
              noisy: gated.noisy,
              errorBound: gated.errorBound,
              epsilonCharged: gated.epsilonCharged,
              ...(carried.count > 0 ? { suppressionsCarried: carried.count } : {}),
            },
          },
          tx,
        );
        return { saved: count > 0 };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    if ('refused' in saved && saved.refused && !saved.refused.allowed)
      return this.refuse(record.id, saved.refused.rule, saved.refused.message, context);
    return saved.saved
      ? { exportId: record.id, status: 'READY', rowCount: rows!.length, suppressedRows }
      : { exportId: record.id, status: 'SKIPPED' };
  }

  private memberValue(field: string, member: MemberFacts, partnerId: string): string {
    switch (field) {
      case 'partner_pseudonym':
        return this.identity.pseudonymFor(partnerId, member.memberKey);
      case 'city':
        return member.city ?? '';
      case 'top_category':
        return member.topCategory ?? '';
      case 'car_interest':
        return carInterestBucket(member.car, member.knowledge);
      default:
        // The rules already refused anything outside the catalogue; this guards a future field without a mapping.
        throw new Error(`No mapping for export field ${field}`);
    }
  }

  /**
   * Ids of members outside this list (in the segment, if any) whose pseudonym for the partner is on its
   * suppression list. Erased members have no row left, so they are not found here and their absence is still
   * compared (docs/privacy.md says what that leaves).
   */
  private async suppressedMembers(partnerId: string, segmentId: string | null, listed: ReadonlySet<bigint>): Promise<bigint[]> {
    const suppressed = new Set(
      (await this.prisma.partnerSuppression.findMany({ where: { partnerId }, select: { pseudonym: true } })).map((r) => r.pseudonym),
    );
    if (suppressed.size === 0) return [];
    const segmentJoin = segmentId
      ? Prisma.sql`JOIN segment_membership sm ON sm."memberId" = m.id AND sm."segmentId" = ${segmentId}::uuid`
      : Prisma.empty;
    const outside = await this.prisma.$queryRaw<{ id: bigint; memberKey: string }[]>`
      SELECT m.id, m."memberKey" FROM member m ${segmentJoin} WHERE NOT m."consentPartnerSharing"`;
    return outside.filter((m) => !listed.has(m.id) && suppressed.has(this.identity.pseudonymFor(partnerId, m.memberKey))).map((m) => m.id);
  }

  private async memberFacts(segmentId: string | null, consentedOnly: boolean): Promise<MemberFacts[]> {
    // Car items are those of the car topics of the interest taxonomy (docs/taxonomy.md).
    const car = await this.taxonomy.carVocabulary();
    const segmentJoin = segmentId
      ? Prisma.sql`JOIN segment_membership sm ON sm."memberId" = m.id AND sm."segmentId" = ${segmentId}::uuid`
      : Prisma.empty;
    const consent = consentedOnly ? Prisma.sql`WHERE m."consentPartnerSharing"` : Prisma.empty;
    return this.prisma.$queryRaw<MemberFacts[]>`
      WITH base AS (SELECT m.id, m."memberKey", m.city FROM member m ${segmentJoin} ${consent}),
      cats AS (
        SELECT x."memberId", i.category, count(*)::int AS n,
               count(*) FILTER (WHERE i.category = ANY(${car.categories}::text[]) OR i.tags && ${car.tags}::text[])::int AS car_n
        FROM interaction x JOIN item i ON i.id = x."itemId" AND i.domain = 'KNOWLEDGE'
        WHERE x."memberId" IN (SELECT id FROM base) GROUP BY 1, 2)
      SELECT b.id, b."memberKey", b.city,
        (SELECT c.category FROM cats c WHERE c."memberId" = b.id ORDER BY c.n DESC, c.category LIMIT 1) AS "topCategory",
        COALESCE((SELECT sum(c.car_n) FROM cats c WHERE c."memberId" = b.id), 0)::int AS car,
        COALESCE((SELECT sum(c.n) FROM cats c WHERE c."memberId" = b.id), 0)::int AS knowledge
      FROM base b ORDER BY b.id`;
  }

  private async refuse(exportId: string, rule: SharingRule, message: string, context: JobContext): Promise<BuildPartnerExportResult> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.partnerExport.updateMany({
        where: { id: exportId, status: { in: ['QUEUED', 'RUNNING'] } },
        data: { status: 'REFUSED', refusedReason: `${rule}: ${message}`, finishedAt: this.clock.now() },
      });
      if (count > 0) {
        await this.audit.record(
          {
            action: 'export.build',
            outcome: 'DENIED',
            entityType: 'partner-export',
            entityId: exportId,
            detail: { rule, message, jobId: context.jobId },
          },
          tx,
        );
      }
    });
    return { exportId, status: 'REFUSED', rule };
  }
}
