import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ItemDto, MemberDto } from '@crosslane/contracts';
import { Item, Member, Prisma } from '@crosslane/db';
import { ALL_ROLES } from '../../core/auth/auth.decorators';
import { SignedInController } from '../../core/http/route.decorators';
import { findPage, mapPage } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListEndpoint, ListPage, ListRequest, stringFilter, whereInt64IdIn } from '../../core/http/list-query';
import { findByInt64IdOr404 } from '../../core/http/ids';

const ITEM_DOMAINS = ['KNOWLEDGE', 'PARTNER'] as const;

const ITEM_LIST: ListEndpoint = {
  resource: 'items',
  sortable: ['title', 'category', 'kind', 'price', 'domain', 'id'],
  defaultSort: ['title', 'asc'],
  filters: { id: 'int64', fields: { q: 'text', domain: ITEM_DOMAINS, partnerId: 'uuid', category: 'text', kind: 'text' } },
};

const MEMBER_LIST: ListEndpoint = {
  resource: 'members',
  sortable: ['memberKey', 'joinedAt', 'city', 'id'],
  defaultSort: ['id', 'asc'],
  filters: { id: 'int64', fields: { q: 'text', city: 'text' } },
};

@SignedInController('items', 'items', ALL_ROLES)
export class ItemsController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: 'The catalogue of both domains (filter {q, domain, partnerId, category, kind})' })
  async list(@ListRequest(ITEM_LIST) page: ListPage): Promise<ItemDto[]> {
    const { query } = page;
    const q = stringFilter(query.filter, 'q');
    const where: Prisma.ItemWhereInput = {
      ...whereInt64IdIn(query),
      domain: enumFilter(query.filter, 'domain', ITEM_DOMAINS),
      partnerId: stringFilter(query.filter, 'partnerId'),
      category: stringFilter(query.filter, 'category'),
      kind: stringFilter(query.filter, 'kind'),
      ...(q ? { OR: [{ title: { contains: q, mode: 'insensitive' } }, { tags: { has: q.toLowerCase() } }] } : {}),
    };
    return page.answer(mapPage(await findPage(this.prisma, this.prisma.item, query, where), toItemDto));
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ItemDto> {
    return toItemDto(await findByInt64IdOr404(id, 'item', (n) => this.prisma.item.findUnique({ where: { id: n } })));
  }
}

@SignedInController('members', 'members', ALL_ROLES)
export class MembersController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: 'Members, by pseudonymous key only (filter {q})' })
  async list(@ListRequest(MEMBER_LIST) page: ListPage): Promise<MemberDto[]> {
    const { query } = page;
    const q = stringFilter(query.filter, 'q');
    const where: Prisma.MemberWhereInput = {
      ...whereInt64IdIn(query),
      city: stringFilter(query.filter, 'city'),
      ...(q ? { memberKey: { startsWith: q } } : {}),
    };
    const { rows, total } = await findPage(this.prisma, this.prisma.member, query, where);
    const counts = await this.interactionCounts(rows.map((row) => row.id));
    return page.answer({ rows: rows.map((row) => toMemberDto(row, counts.get(row.id) ?? 0)), total });
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<MemberDto> {
    const row = await findByInt64IdOr404(id, 'member', (n) => this.prisma.member.findUnique({ where: { id: n } }));
    const counts = await this.interactionCounts([row.id]);
    return toMemberDto(row, counts.get(row.id) ?? 0);
  }

  /** Events per member; interaction has no Prisma relation to member (no foreign keys, see schema.prisma). */
  private async interactionCounts(memberIds: bigint[]): Promise<Map<bigint, number>> {
    if (memberIds.length === 0) return new Map();
    const groups = await this.prisma.interaction.groupBy({
      by: ['memberId'],
      where: { memberId: { in: memberIds } },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.memberId, g._count._all]));
  }
}

function toItemDto(row: Item): ItemDto {
  return {
    id: row.id.toString(),
    externalKey: row.externalKey,
    domain: row.domain,
    partnerId: row.partnerId,
    kind: row.kind,
    title: row.title,
    category: row.category,
    tags: row.tags,
    price: Number(row.price),
  };
}

function toMemberDto(row: Member, interactionCount: number): MemberDto {
  return {
    id: row.id.toString(),
    memberKey: row.memberKey,
    consentPersonalisation: row.consentPersonalisation,
    consentPartnerSharing: row.consentPartnerSharing,
    city: row.city,
    joinedAt: row.joinedAt.toISOString(),
    interactionCount,
  };
}
