import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { PartnerDetailDto, PartnerScorecard } from '@crosslane/contracts';
import { SCORECARD_CRITERIA } from '@crosslane/contracts';
import { Partner, Prisma, PartnerStatus } from '@crosslane/db';
import { scorecardProblem, weightedScore } from '@crosslane/domain-rules';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, mapPage, type Page, textSearch } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListQuery, stringFilter, whereIdIn } from '../../core/http/list-query';
import { CreatePartnerDto, SetScorecardDto, UpdatePartnerDto } from './dto/partner.dto';
import { findOr404 } from '../../core/http/ids';

export const PARTNER_STATUSES = Object.values(PartnerStatus);

export const PARTNER_SORTABLE = ['name', 'slug', 'industry', 'status', 'createdAt', 'updatedAt', 'id'] as const;
const EDITABLE = ['name', 'industry', 'status', 'contactName', 'contactEmail', 'website'] as const;

/** What every read of a partner includes: how many catalogue items it has, for the DTO. */
const WITH_ITEM_COUNT = { _count: { select: { items: true } } } satisfies Prisma.PartnerInclude;

type PartnerRow = Partner & { _count: { items: number } };

@Injectable()
export class PartnersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListQuery): Promise<Page<PartnerDetailDto>> {
    const where: Prisma.PartnerWhereInput = {
      ...whereIdIn(query),
      status: enumFilter(query.filter, 'status', PARTNER_STATUSES),
      industry: stringFilter(query.filter, 'industry'),
      ...textSearch(query, ['name', 'slug']),
    };
    const page = await findPage(this.prisma, this.prisma.partner, query, where, {
      read: (page) => this.prisma.partner.findMany({ ...page, include: WITH_ITEM_COUNT }),
    });
    return mapPage(page, toPartnerDetail);
  }

  async get(id: string): Promise<PartnerDetailDto> {
    return toPartnerDetail(await this.find(id));
  }

  /**
   * `tx`: a caller that writes more in the same transaction (the demo world's loader, which must leave nothing
   * behind when it dies half-way) passes its own; the partner and its audit entry are then written in it.
   * `actor` is null for the server's own writes (the demo world), which the audit log shows without an actor.
   */
  async create(
    input: CreatePartnerDto,
    actor: AuthenticatedAccount | null,
    ip: string | null,
    tx?: Prisma.TransactionClient,
  ): Promise<PartnerDetailDto> {
    const slug = input.slug ?? slugify(input.name);
    if (!slug)
      throw new BadRequestException({
        message: 'name must contain letters or digits to derive a slug',
        fields: [{ field: 'name', message: 'needs letters or digits' }],
      });
    if (await (tx ?? this.prisma).partner.findUnique({ where: { slug } })) {
      throw new ConflictException({
        message: `A partner with slug ${slug} already exists`,
        fields: [{ field: 'slug', message: 'already taken' }],
      });
    }
    const write = async (tx: Prisma.TransactionClient) => {
      const row = await tx.partner.create({
        data: {
          slug,
          name: input.name.trim(),
          industry: input.industry.trim(),
          status: input.status ?? 'PROSPECT',
          contactName: input.contactName ?? null,
          contactEmail: input.contactEmail ?? null,
          website: input.website ?? null,
        },
        include: WITH_ITEM_COUNT,
      });
      await this.audit.record(
        {
          action: 'partner.create',
          outcome: 'SUCCESS',
          actor,
          entityType: 'partner',
          entityId: row.id,
          detail: { slug, name: row.name, industry: row.industry, status: row.status },
          ip,
        },
        tx,
      );
      return row;
    };
    const created = tx ? await write(tx) : await this.prisma.$transaction(write);
    return toPartnerDetail(created);
  }

  /** Field-level changes go to the audit log as {field: {from, to}}; archiving is its own action. */
  async update(id: string, input: UpdatePartnerDto, actor: AuthenticatedAccount, ip: string | null): Promise<PartnerDetailDto> {
    const before = await this.find(id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of EDITABLE) {
      const value = input[key];
      if (value !== undefined && value !== before[key]) changes[key] = { from: before[key], to: value };
    }
    if (Object.keys(changes).length === 0) return toPartnerDetail(before);
    const action = changes.status?.to === 'ARCHIVED' ? 'partner.archive' : 'partner.update';
    const updated = await this.audit.withChange(
      (tx) =>
        tx.partner.update({
          where: { id },
          data: Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.to])),
          include: WITH_ITEM_COUNT,
        }),
      () => ({ action, outcome: 'SUCCESS', actor, entityType: 'partner', entityId: id, detail: { name: before.name, changes }, ip }),
    );
    return toPartnerDetail(updated);
  }

  /** Partners are archived, never deleted: agreements, exports and the audit log keep pointing at them. */
  archive(id: string, actor: AuthenticatedAccount, ip: string | null): Promise<PartnerDetailDto> {
    return this.update(id, { status: 'ARCHIVED' }, actor, ip);
  }

  async setScorecard(id: string, input: SetScorecardDto, actor: AuthenticatedAccount | null, ip: string | null): Promise<PartnerDetailDto> {
    const before = await this.find(id);
    const scorecard = Object.fromEntries(
      SCORECARD_CRITERIA.map((c) => [c, { score: input[c].score, weight: input[c].weight }]),
    ) as PartnerScorecard;
    const problem = scorecardProblem(scorecard);
    if (problem) throw new BadRequestException({ message: `Invalid input: ${problem.message}`, fields: [problem] });
    const updated = await this.audit.withChange(
      (tx) =>
        tx.partner.update({
          where: { id },
          data: { scorecard: scorecard as unknown as Prisma.InputJsonValue },
          include: WITH_ITEM_COUNT,
        }),
      () => ({
        action: 'partner.scorecard',
        outcome: 'SUCCESS',
        actor,
        entityType: 'partner',
        entityId: id,
        detail: { name: before.name, from: before.scorecard, to: scorecard, total: weightedScore(scorecard) },
        ip,
      }),
    );
    return toPartnerDetail(updated);
  }

  /** The active partners, by slug: whom the demo world gives an agreement and a scorecard. */
  async listActive(): Promise<PartnerDetailDto[]> {
    const rows = await this.prisma.partner.findMany({
      where: { status: 'ACTIVE' },
      orderBy: { slug: 'asc' },
      include: WITH_ITEM_COUNT,
    });
    return rows.map(toPartnerDetail);
  }

  private async find(id: string): Promise<PartnerRow> {
    return findOr404(id, 'partner', (uuid) => this.prisma.partner.findUnique({ where: { id: uuid }, include: WITH_ITEM_COUNT }));
  }
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

function readScorecard(value: unknown): PartnerScorecard | null {
  if (!value || typeof value !== 'object') return null;
  return scorecardProblem(value as Record<string, { score?: unknown; weight?: unknown }>) ? null : (value as PartnerScorecard);
}

export function toPartnerDetail(row: PartnerRow): PartnerDetailDto {
  const scorecard = readScorecard(row.scorecard);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    industry: row.industry,
    status: row.status,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    website: row.website,
    itemCount: row._count.items,
    scorecard,
    scorecardTotal: scorecard ? weightedScore(scorecard) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
