import { GoneException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { MemberDataPackageDto, MemberExportEntryDto } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';
import { ExportLinkService } from '../sharing/export-link.service';
import { filesHoldingMember } from './partner-files';

/** What a package link signs: the member, the format and who asked, so none of them can be changed in the URL. */
const linkSubject = (memberId: string, format: 'json' | 'csv', by: string) => `member-access:${memberId}:${format}:${by}`;

/**
 * A member's data package (right of access, GDPR art. 15, PIPL art. 45):
 * what is stored about them, read in one transaction. Partner
 * files are matched by the pseudonym the member has for that partner: a
 * member list that carried partner_pseudonym and still holds its bytes is
 * searched for it (see docs/member-rights.md for what this cannot see).
 */
@Injectable()
export class MemberAccessService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly links: ExportLinkService,
  ) {}

  /**
   * A download link to the package, signed and expiring exactly as a partner
   * file's (ExportLinkService: same key, same 10 minutes), so an admin can
   * hand the package on without handing on a login. The link names the
   * member by id, never by key; it is audited, and so is each download.
   */
  async packageLink(
    memberKey: string,
    format: 'json' | 'csv',
    actor: AuthenticatedAccount,
    ip: string | null,
    now: Date = new Date(),
  ): Promise<{ url: string; expiresAt: string }> {
    const member = await this.prisma.member.findUnique({ where: { memberKey: memberKey.trim() }, select: { id: true } });
    if (!member) throw await this.unknownMemberKey('member-rights.access.link', actor, ip);
    const id = member.id.toString();
    const { token, expiresAt } = this.links.sign(linkSubject(id, format, actor.id), now);
    await this.audit.record({
      action: 'member-rights.access.link',
      outcome: 'SUCCESS',
      actor,
      ip,
      entityType: 'member',
      entityId: id,
      detail: { format, expiresAt: expiresAt.toISOString() },
    });
    const query = new URLSearchParams({ format, by: actor.id, token });
    return { url: `/api/member-rights/access/${id}/download?${query}`, expiresAt: expiresAt.toISOString() };
  }

  /** The package behind a link: 401 when the token does not sign these parameters, 410 when it has expired; audited either way. */
  async packageByLink(
    memberId: string,
    format: string | undefined,
    by: string | undefined,
    token: string | undefined,
    ip: string | null,
    now: Date = new Date(),
  ): Promise<MemberDataPackageDto> {
    const fmt = format === 'csv' ? 'csv' : 'json';
    const check = /^\d{1,19}$/.test(memberId) && by ? this.links.verify(linkSubject(memberId, fmt, by), token ?? '', now) : 'invalid';
    const account = check === 'valid' ? await this.prisma.account.findUnique({ where: { id: by! } }) : null;
    if (check !== 'valid' || !account || !account.active || account.role !== 'ADMIN') {
      const reason = check === 'expired' ? 'link expired' : check === 'valid' ? 'the admin who asked can no longer' : 'invalid token';
      await this.audit.record({ action: 'member-rights.access.download', outcome: 'DENIED', ip, entityType: 'member', detail: { reason } });
      if (check === 'expired') throw new GoneException('This download link has expired: ask for a new one');
      throw new UnauthorizedException('This download link is not valid');
    }
    const member = await this.prisma.member.findUnique({ where: { id: BigInt(memberId) }, select: { memberKey: true } });
    if (!member) throw new GoneException('This member is no longer stored (erased)');
    return this.dataPackage(member.memberKey, { id: account.id, email: account.email, role: account.role }, ip, fmt);
  }

  /** A member key that names no member: audited as a FAILURE of `action`, answered 404 on the memberKey field. */
  private async unknownMemberKey(
    action: 'member-rights.access' | 'member-rights.access.link',
    actor: AuthenticatedAccount,
    ip: string | null,
  ): Promise<NotFoundException> {
    await this.audit.record({ action, outcome: 'FAILURE', actor, ip, entityType: 'member', detail: { reason: 'unknown member key' } });
    return new NotFoundException({ message: 'No member with this key', fields: [{ field: 'memberKey', message: 'unknown member' }] });
  }

  async dataPackage(
    memberKey: string,
    actor: AuthenticatedAccount,
    ip: string | null,
    format: 'json' | 'csv' = 'json',
    now: () => Date = () => new Date(),
  ): Promise<MemberDataPackageDto> {
    const member = await this.prisma.member.findUnique({ where: { memberKey: memberKey.trim() }, include: { profile: true } });
    if (!member) throw await this.unknownMemberKey('member-rights.access', actor, ip);
    const id = member.id;
    const [history, interactions, segments, assignments, events, reviews] = await this.prisma.$transaction([
      this.prisma.consentChange.findMany({ where: { memberId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
      this.prisma.$queryRaw<
        {
          eventId: string | null;
          itemKey: string;
          itemTitle: string;
          type: string;
          weight: number;
          amount: string | null;
          occurredAt: Date;
          source: string;
        }[]
      >`
        SELECT x."eventId", i."externalKey" AS "itemKey", i.title AS "itemTitle", x.type::text, x.weight, x.amount::text, x."occurredAt", x.source
        FROM interaction x JOIN item i ON i.id = x."itemId" WHERE x."memberId" = ${id} ORDER BY x."occurredAt", x.id`,
      this.prisma.segmentMembership.findMany({
        where: { memberId: id },
        include: { segment: { select: { id: true, name: true, kind: true } } },
      }),
      this.prisma.$queryRaw<
        {
          campaignId: string;
          name: string;
          status: string;
          variantKey: string;
          variantName: string | null;
          assignedAt: Date;
          exposedAt: Date | null;
        }[]
      >`
        SELECT a."campaignId"::text, c.name, c.status::text, a."variantKey", v.name AS "variantName", a."assignedAt", a."exposedAt"
        FROM campaign_assignment a JOIN campaign c ON c.id = a."campaignId" LEFT JOIN campaign_variant v ON v."campaignId" = a."campaignId" AND v.key = a."variantKey"
        WHERE a."memberId" = ${id} ORDER BY a."assignedAt", a."campaignId"`,
      this.prisma.campaignEvent.findMany({ where: { memberId: id }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] }),
      this.prisma.partnerReview.findMany({ where: { memberId: id }, orderBy: { reviewedAt: 'asc' } }),
    ]);
    const held = await filesHoldingMember(this.prisma, member.memberKey, (partnerId, key) => this.identity.pseudonymFor(partnerId, key));
    const exports = await this.prisma.partnerExport.findMany({
      where: { id: { in: held.map((h) => h.id) } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        partnerId: true,
        fileName: true,
        purpose: true,
        kind: true,
        fields: true,
        agreementId: true,
        finishedAt: true,
        status: true,
        agreement: { select: { version: true, partner: { select: { name: true } } } },
      },
    });
    const partnerExports: MemberExportEntryDto[] = [];
    for (const file of exports) {
      const pseudonym = held.find((h) => h.id === file.id)!.pseudonym;
      partnerExports.push({
        exportId: file.id,
        partnerId: file.partnerId,
        partnerName: file.agreement?.partner.name ?? '',
        fileName: file.fileName,
        purpose: file.purpose,
        kind: file.kind,
        fields: file.fields,
        agreementId: file.agreementId,
        agreementVersion: file.agreement?.version ?? null,
        builtAt: file.finishedAt?.toISOString() ?? null,
        status: file.status,
        pseudonym,
      });
    }
    const { profile } = member;
    const pack: MemberDataPackageDto = {
      generatedAt: now().toISOString(),
      member: {
        id: id.toString(),
        memberKey: member.memberKey,
        city: member.city,
        joinedAt: member.joinedAt.toISOString(),
        consentPersonalisation: member.consentPersonalisation,
        consentPartnerSharing: member.consentPartnerSharing,
        hasEmailHash: member.emailHash !== null,
        hasPhoneHash: member.phoneHash !== null,
        createdAt: member.createdAt.toISOString(),
      },
      profile: profile
        ? {
            recencyDays: profile.recencyDays,
            frequency: profile.frequency,
            monetary: profile.monetary.toString(),
            rfm: [profile.rScore, profile.fScore, profile.mScore],
            categoryAffinity: profile.categoryAffinity,
            knowledgeSpend: profile.knowledgeSpend.toString(),
            partnerSpend: profile.partnerSpend.toString(),
            carInterest: profile.carInterest,
            partnerPurchases: profile.partnerPurchases,
            computedAt: profile.computedAt.toISOString(),
          }
        : null,
      consentHistory: history.map((h) => ({
        flag: h.flag,
        from: h.from,
        to: h.to,
        source: h.source,
        sourceId: h.sourceId,
        actorEmail: h.actorEmail,
        at: h.at.toISOString(),
      })),
      interactions: interactions.map((x) => ({ ...x, occurredAt: x.occurredAt.toISOString() })),
      segments: segments.map((s) => ({ segmentId: s.segment.id, name: s.segment.name, kind: s.segment.kind })),
      campaigns: assignments.map((a) => ({
        ...a,
        assignedAt: a.assignedAt.toISOString(),
        exposedAt: a.exposedAt?.toISOString() ?? null,
        events: events
          .filter((e) => e.campaignId === a.campaignId)
          .map((e) => ({ type: e.type, value: e.value, occurredAt: e.occurredAt.toISOString() })),
      })),
      partnerExports,
      reviews: reviews.map((r) => ({ partnerId: r.partnerId, rating: r.rating, text: r.text, reviewedAt: r.reviewedAt.toISOString() })),
    };
    await this.audit.record({
      action: 'member-rights.access',
      outcome: 'SUCCESS',
      actor,
      ip,
      entityType: 'member',
      entityId: id.toString(),
      detail: {
        format,
        interactions: pack.interactions.length,
        segments: pack.segments.length,
        campaigns: pack.campaigns.length,
        partnerFiles: pack.partnerExports.length,
      },
    });
    return pack;
  }
}
