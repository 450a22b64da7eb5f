import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { parseCalendarDate } from '@crosslane/contracts';
import type { SharingAgreementDto } from '@crosslane/contracts';
import { Prisma, AgreementStatus, type Partner } from '@crosslane/db';
import { agreementInForce, DEFAULT_MIN_GROUP_SIZE } from '@crosslane/domain-rules';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, mapPage, type Page } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListQuery, stringFilter, whereIdIn } from '../../core/http/list-query';
import {
  agreementTerms,
  DEFAULT_EPSILON_BUDGET,
  DEFAULT_EPSILON_PER_QUERY,
  findCurrentAgreement,
  SharingAgreement,
} from './active-agreement';
import { CreateAgreementDto, UpdateAgreementDto } from './dto/sharing.dto';
import { expireExportsOfAgreement } from './expire-exports';
import { findOr404, isUuid } from '../../core/http/ids';

export const AGREEMENT_STATUSES = Object.values(AgreementStatus);
import { CLOCK, type Clock } from '../../core/clock/clock';

export const AGREEMENT_SORTABLE = ['version', 'createdAt', 'validFrom', 'validTo', 'status', 'id'] as const;

/** What every read of an agreement includes: its partner's name, for the DTO. */
const WITH_PARTNER_NAME = { partner: { select: { name: true } } } satisfies Prisma.SharingAgreementInclude;

type AgreementRow = SharingAgreement & { partner: { name: string } | null };

/** An agreement's terms as the server records them (dates already parsed): what recordHistoricalAgreement takes. */
export interface HistoricalAgreementInput {
  fieldsAllowed: string[];
  purposesAllowed: string[];
  segmentsAllowed?: string[];
  minGroupSize?: number;
  consentRequired?: boolean;
  privacyMode?: 'THRESHOLD' | 'NOISE';
  epsilonBudget?: number;
  epsilonPerQuery?: number;
  validFrom: Date;
  validTo: Date;
  note?: string | null;
}

/**
 * Versioned agreements: a change never edits a row, it writes version n+1
 * and marks the previous ACTIVE one SUPERSEDED, in one transaction under a
 * per-partner lock, so there is at most one ACTIVE version at any time.
 * A version that stops being active (superseded or revoked) expires the
 * files built under it in the same transaction: nothing is shared without
 * the agreement it was built under.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<Page<SharingAgreementDto>> {
    const where: Prisma.SharingAgreementWhereInput = {
      ...whereIdIn(query),
      partnerId: stringFilter(query.filter, 'partnerId'),
      status: enumFilter(query.filter, 'status', AGREEMENT_STATUSES),
    };
    const now = this.clock.now();
    const page = await findPage(this.prisma, this.prisma.sharingAgreement, query, where, {
      read: (page) => this.prisma.sharingAgreement.findMany({ ...page, include: WITH_PARTNER_NAME }),
    });
    return mapPage(page, (row) => toAgreementDto(row, now));
  }

  async get(id: string): Promise<SharingAgreementDto> {
    return toAgreementDto(await this.find(id), this.clock.now());
  }

  async create(input: CreateAgreementDto, actor: AuthenticatedAccount, ip: string | null): Promise<SharingAgreementDto> {
    const partner = await this.partnerThatMayAgree(isUuid(input.partnerId) ? input.partnerId : null, input.partnerId);
    const terms = termsWithDefaults(input, parseCalendarDate(input.validFrom)!, parseCalendarDate(input.validTo)!);
    return this.writeVersion(partner.id, terms, actor, ip, 'agreement.create', this.clock.now());
  }

  /**
   * Records an agreement on a timeline of its own, for the server's own
   * loaders only (the demo world writes its partners' agreements as of its
   * last day): the same checks, versioning, supersession and audit entry as
   * create, except that "validTo must be in the future" is judged at `asOf`,
   * the day it was signed on that timeline, instead of at the clock. No
   * route reaches it, so a manager still cannot enter an agreement that has
   * already ended; one recorded here whose validTo has passed by the clock
   * is simply not in force (agreementInForce), as any expired one.
   */
  async recordHistoricalAgreement(partnerId: string, input: HistoricalAgreementInput, asOf: Date): Promise<SharingAgreementDto> {
    const partner = await this.partnerThatMayAgree(partnerId, partnerId);
    const terms = termsWithDefaults(input, input.validFrom, input.validTo);
    return this.writeVersion(partner.id, terms, null, null, 'agreement.create', asOf, { recordedAsOf: asOf.toISOString() });
  }

  /** The partner a new agreement version is for: it must exist (400, `partnerId`) and not be archived (409). */
  private async partnerThatMayAgree(id: string | null, asGiven: string): Promise<Partner> {
    const partner = id ? await this.prisma.partner.findUnique({ where: { id } }) : null;
    if (!partner)
      throw new BadRequestException({ message: `No partner ${asGiven}`, fields: [{ field: 'partnerId', message: 'no such partner' }] });
    if (partner.status === 'ARCHIVED')
      throw new ConflictException({
        message: `${partner.name} is archived: an archived partner gets no agreement`,
        fields: [{ field: 'partnerId', message: 'partner is archived' }],
      });
    return partner;
  }

  /** Whether any agreement, of any status, was ever recorded: the demo world adds its own only to a database without. */
  async anyRecorded(): Promise<boolean> {
    return (await this.prisma.sharingAgreement.count()) > 0;
  }

  /** A change writes a new version carrying over what the body leaves out; only the current ACTIVE version can be changed. */
  async update(id: string, input: UpdateAgreementDto, actor: AuthenticatedAccount, ip: string | null): Promise<SharingAgreementDto> {
    const current = await this.find(id);
    if (current.status !== 'ACTIVE') {
      throw new ConflictException(
        `Version ${current.version} is ${current.status}: only the active version can be changed (create a new agreement after a revocation)`,
      );
    }
    const terms = {
      fieldsAllowed: input.fieldsAllowed ?? current.fieldsAllowed,
      purposesAllowed: input.purposesAllowed ?? current.purposesAllowed,
      segmentsAllowed: input.segmentsAllowed ?? current.segmentsAllowed,
      minGroupSize: input.minGroupSize ?? current.minGroupSize,
      consentRequired: input.consentRequired ?? current.consentRequired,
      privacyMode: input.privacyMode ?? current.privacyMode,
      epsilonBudget: input.epsilonBudget ?? current.epsilonBudget,
      epsilonPerQuery: input.epsilonPerQuery ?? current.epsilonPerQuery,
      validFrom: input.validFrom ? parseCalendarDate(input.validFrom)! : current.validFrom,
      validTo: input.validTo ? parseCalendarDate(input.validTo)! : current.validTo,
      note: input.note ?? current.note,
    };
    return this.writeVersion(current.partnerId, terms, actor, ip, 'agreement.change', this.clock.now(), undefined, current.id);
  }

  async revoke(id: string, reason: string | undefined, actor: AuthenticatedAccount, ip: string | null): Promise<SharingAgreementDto> {
    const current = await this.find(id);
    if (current.status !== 'ACTIVE')
      throw new ConflictException(`Version ${current.version} is ${current.status}: only the active version can be revoked`);
    const revoked = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.sharingAgreement.updateMany({ where: { id, status: 'ACTIVE' }, data: { status: 'REVOKED' } });
      if (count === 0) throw new ConflictException('The agreement changed meanwhile: reload it');
      await this.audit.record(
        {
          action: 'agreement.revoke',
          outcome: 'SUCCESS',
          actor,
          entityType: 'sharing-agreement',
          entityId: id,
          detail: { partnerId: current.partnerId, version: current.version, reason: reason ?? null },
          ip,
        },
        tx,
      );
      await expireExportsOfAgreement(tx, this.audit, current, 'REVOKED', { actor, ip }, this.clock.now());
      return tx.sharingAgreement.findUniqueOrThrow({ where: { id }, include: WITH_PARTNER_NAME });
    });
    return toAgreementDto(revoked, this.clock.now());
  }

  private async writeVersion(
    partnerId: string,
    terms: Omit<Prisma.SharingAgreementUncheckedCreateInput, 'partnerId' | 'version' | 'status' | 'createdBy'> & {
      validFrom: Date;
      validTo: Date;
      segmentsAllowed: string[];
      epsilonBudget: number;
      epsilonPerQuery: number;
    },
    actor: AuthenticatedAccount | null,
    ip: string | null,
    action: 'agreement.create' | 'agreement.change',
    /** The instant validTo must be after: the clock's, or a recorded history's own day. */
    now: Date,
    extraDetail?: Record<string, unknown>,
    expectedCurrentId?: string,
  ): Promise<SharingAgreementDto> {
    if (terms.validTo.getTime() <= terms.validFrom.getTime()) {
      throw new BadRequestException({
        message: 'validTo must be after validFrom',
        fields: [{ field: 'validTo', message: 'must be after validFrom' }],
      });
    }
    if (terms.epsilonPerQuery > terms.epsilonBudget) {
      throw new BadRequestException({
        message: 'epsilonPerQuery must not exceed epsilonBudget',
        fields: [{ field: 'epsilonPerQuery', message: `must be at most the budget (${terms.epsilonBudget})` }],
      });
    }
    // An agreement that has already ended would be stored ACTIVE yet never in force: refuse it rather than mislead.
    if (terms.validTo.getTime() <= now.getTime()) {
      const message = `validTo ${terms.validTo.toISOString()} is already past: an agreement must end in the future (revoke one to end it now)`;
      throw new BadRequestException({ message, fields: [{ field: 'validTo', message: 'is already past' }] });
    }
    await this.assertSegmentsExist(terms.segmentsAllowed);
    const created = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crosslane:agreement:${partnerId}`}))`;
      const previous = await findCurrentAgreement(tx, partnerId);
      if (expectedCurrentId && previous?.id !== expectedCurrentId)
        throw new ConflictException('The agreement changed meanwhile: reload it');
      const last = await tx.sharingAgreement.aggregate({ where: { partnerId }, _max: { version: true } });
      if (previous) await tx.sharingAgreement.update({ where: { id: previous.id }, data: { status: 'SUPERSEDED' } });
      const row = await tx.sharingAgreement.create({
        data: { ...terms, partnerId, version: (last._max.version ?? 0) + 1, status: 'ACTIVE', createdBy: actor?.id ?? null },
        include: WITH_PARTNER_NAME,
      });
      await this.audit.record(
        {
          action,
          outcome: 'SUCCESS',
          actor,
          entityType: 'sharing-agreement',
          entityId: row.id,
          detail: {
            partnerId,
            version: row.version,
            supersedes: previous ? { id: previous.id, version: previous.version } : null,
            changes: previous ? plain(diffTerms(agreementTerms(previous), agreementTerms(row))) : null,
            terms: plain(agreementTerms(row)),
            ...extraDetail,
          },
          ip,
        },
        tx,
      );
      if (previous) await expireExportsOfAgreement(tx, this.audit, previous, 'SUPERSEDED', { actor, ip }, now);
      return row;
    });
    return toAgreementDto(created, this.clock.now());
  }

  private async assertSegmentsExist(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.prisma.segment.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const missing = ids.filter((id) => !found.some((s) => s.id === id));
    if (missing.length > 0)
      throw new BadRequestException({
        message: `No segment ${missing.join(', ')}`,
        fields: [{ field: 'segmentsAllowed', message: `unknown segment ${missing[0]}` }],
      });
  }

  private async find(id: string): Promise<AgreementRow> {
    return findOr404(id, 'agreement', (uuid) =>
      this.prisma.sharingAgreement.findUnique({ where: { id: uuid }, include: WITH_PARTNER_NAME }),
    );
  }
}

/** Dates as ISO strings: what the audit log's JSON column stores. */
function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

function diffTerms(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(a)
      .filter((k) => k !== 'status' && !same(b[k], a[k]))
      .map((k) => [k, { from: b[k], to: a[k] }]),
  );
}

/** A new version's terms: what the caller gave, the product's defaults for the rest. */
function termsWithDefaults(input: Omit<HistoricalAgreementInput, 'validFrom' | 'validTo'>, validFrom: Date, validTo: Date) {
  return {
    fieldsAllowed: input.fieldsAllowed,
    purposesAllowed: input.purposesAllowed,
    segmentsAllowed: input.segmentsAllowed ?? [],
    minGroupSize: input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    consentRequired: input.consentRequired ?? true,
    privacyMode: input.privacyMode ?? 'THRESHOLD',
    epsilonBudget: input.epsilonBudget ?? DEFAULT_EPSILON_BUDGET,
    epsilonPerQuery: input.epsilonPerQuery ?? DEFAULT_EPSILON_PER_QUERY,
    validFrom,
    validTo,
    note: input.note ?? null,
  };
}

export function toAgreementDto(row: AgreementRow, now: Date): SharingAgreementDto {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName: row.partner?.name ?? null,
    version: row.version,
    // The terms are the ones the privacy rules read (agreementTerms), with their dates as ISO text.
    ...agreementTerms(row),
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo.toISOString(),
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    inForce: agreementInForce(row, now),
  };
}
