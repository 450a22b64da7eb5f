import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { ConsentChangeDto, MemberConsentDto } from '@crosslane/contracts';
import { ConsentChange, Prisma } from '@crosslane/db';
import { CONSENT_FLAG_FIELDS, CONSENT_FLAGS, consentBulkRule, mayChangeConsent, type ConsentFlagName } from '@crosslane/domain-ingest';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, mapPage, type Page } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';
import { ListQuery } from '../../core/http/list-query';
import { ChangeConsentDto } from './dto/change-consent.dto';
import { suppressInPartnerFiles } from '../member-rights/partner-files';
import { MEMBER_CONSENT_LOCK } from './member-consent-lock';

function memberIdOf(id: string): bigint {
  if (!/^\d{1,18}$/.test(id)) throw new NotFoundException(`No member ${id}`);
  return BigInt(id);
}

/** A member's consent history, and changes of one member's consent (the rule: mayChangeConsent in libs/domain/ingest). */
@Injectable()
export class ConsentService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly identity: IdentityService,
  ) {}

  async history(id: string, query: ListQuery): Promise<Page<ConsentChangeDto>> {
    const memberId = memberIdOf(id);
    if (!(await this.prisma.member.findUnique({ where: { id: memberId }, select: { id: true } })))
      throw new NotFoundException(`No member ${id}`);
    const where: Prisma.ConsentChangeWhereInput = { memberId };
    const page = await findPage(this.prisma, this.prisma.consentChange, query, where, { tieBreak: 'sort-order' });
    return mapPage(page, toConsentChangeDto);
  }

  /**
   * Sets one member's consent flags. A flag the caller's role may not turn
   * on refuses the whole request (403, naming the field; nothing written,
   * audited DENIED): the same flags sent without it, a withdrawal for one,
   * always go through. Changes and their audit event are one transaction.
   */
  async change(id: string, input: ChangeConsentDto, actor: AuthenticatedAccount, ip: string | null): Promise<MemberConsentDto> {
    const memberId = memberIdOf(id);
    const asked = CONSENT_FLAGS.filter((flag) => input[CONSENT_FLAG_FIELDS[flag]] !== undefined);
    if (asked.length === 0) {
      const message = `send at least one of ${CONSENT_FLAGS.map((f) => CONSENT_FLAG_FIELDS[f]).join(', ')}`;
      throw new BadRequestException({ message, fields: [{ field: CONSENT_FLAG_FIELDS.PARTNER_SHARING, message }] });
    }
    const source = input.source ?? 'API';
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${MEMBER_CONSENT_LOCK}))`;
      const member = await tx.member.findUnique({ where: { id: memberId } });
      if (!member) throw new NotFoundException(`No member ${id}`);
      const moves = asked
        .map((flag) => ({
          flag,
          field: CONSENT_FLAG_FIELDS[flag],
          from: member[CONSENT_FLAG_FIELDS[flag]],
          to: input[CONSENT_FLAG_FIELDS[flag]]!,
        }))
        .filter((m) => m.from !== m.to);
      const refused = moves.filter((m) => !mayChangeConsent(actor.role, m.flag, m.to));
      if (refused.length) {
        const detail = {
          memberKey: member.memberKey,
          role: actor.role,
          source,
          rules: refused.map((m) => consentBulkRule(m.flag)),
          asked: Object.fromEntries(moves.map((m) => [m.field, m.to])),
        };
        // Audited outside the transaction that is about to roll back, so the refusal stays on record.
        await this.audit.record({ action: 'consent.change', outcome: 'DENIED', actor, ip, entityType: 'member', entityId: id, detail });
        const fields = refused.map((m) => ({
          field: m.field,
          message: `only an ADMIN may turn ${m.field} on; turning it off is always allowed`,
        }));
        throw new ForbiddenException({ message: `Refused: ${fields.map((f) => f.message).join('; ')}. Nothing was changed.`, fields });
      }
      if (moves.length === 0) return { ...toMemberConsent(member), changes: [] };
      const updated = await tx.member.update({ where: { id: memberId }, data: Object.fromEntries(moves.map((m) => [m.field, m.to])) });
      const changes = await tx.consentChange.createManyAndReturn({
        data: moves.map((m) => ({ memberId, flag: m.flag, from: m.from, to: m.to, source, actorId: actor.id, actorEmail: actor.email })),
      });
      // A withdrawal reaches the partners that already hold the member in a delivered file (docs/member-rights.md).
      const withdrawn = moves.some((m) => m.flag === 'PARTNER_SHARING' && m.to === false);
      const partnersNotified = withdrawn
        ? await suppressInPartnerFiles(tx, member.memberKey, 'CONSENT_WITHDRAWN', (partnerId, key) =>
            this.identity.pseudonymFor(partnerId, key),
          )
        : [];
      await this.audit.record(
        {
          action: 'consent.change',
          outcome: 'SUCCESS',
          actor,
          ip,
          entityType: 'member',
          entityId: id,
          detail: {
            memberKey: member.memberKey,
            role: actor.role,
            source,
            changes: moves.map((m) => ({ flag: m.flag as ConsentFlagName, from: m.from, to: m.to })),
            ...(withdrawn ? { partnersNotified } : {}),
          },
        },
        tx,
      );
      return { ...toMemberConsent(updated), changes: changes.map(toConsentChangeDto) };
    });
  }
}

function toMemberConsent(row: {
  id: bigint;
  memberKey: string;
  consentPersonalisation: boolean;
  consentPartnerSharing: boolean;
}): Omit<MemberConsentDto, 'changes'> {
  return {
    memberId: row.id.toString(),
    memberKey: row.memberKey,
    consentPersonalisation: row.consentPersonalisation,
    consentPartnerSharing: row.consentPartnerSharing,
  };
}

export function toConsentChangeDto(row: ConsentChange): ConsentChangeDto {
  return {
    id: row.id.toString(),
    memberId: row.memberId.toString(),
    flag: row.flag,
    from: row.from,
    to: row.to,
    source: row.source,
    sourceId: row.sourceId,
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    at: row.at.toISOString(),
  };
}
