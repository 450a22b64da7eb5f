import { Injectable, NotFoundException } from '@nestjs/common';
import type { MemberProfileDetailDto, MemberProfileDto } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';

type MemberProfile = Prisma.MemberProfileGetPayload<Record<string, never>>;
import { PrismaService } from '../../core/database/prisma.service';
import { ListQuery, stringFilter } from '../../core/http/list-query';
import { isInt64Id } from '../../core/http/ids';

export const PROFILE_SORTABLE = [
  'memberId',
  'monetary',
  'frequency',
  'recencyDays',
  'carInterest',
  'rScore',
  'fScore',
  'mScore',
  'partnerSpend',
  'knowledgeSpend',
] as const;

const NULLABLE = new Set(['recencyDays', 'rScore', 'fScore', 'mScore']);

@Injectable()
export class ProfilesService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListQuery): Promise<{ rows: MemberProfileDto[]; total: number }> {
    const q = stringFilter(query.filter, 'q');
    const segmentId = stringFilter(query.filter, 'segmentId');
    const where: Prisma.MemberProfileWhereInput = {
      ...(query.ids ? { AND: [{ memberId: { in: query.ids.map((id) => BigInt(id)) } }] } : {}),
      ...(q ? { member: { memberKey: { startsWith: q } } } : {}),
      ...(segmentId
        ? {
            memberId: {
              in: (await this.prisma.segmentMembership.findMany({ where: { segmentId }, select: { memberId: true }, take: 10_000 })).map(
                (m) => m.memberId,
              ),
            },
          }
        : {}),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.memberProfile.findMany({
        where,
        skip: query.skip,
        take: query.take,
        orderBy: { [query.sortField]: NULLABLE.has(query.sortField) ? { sort: query.sortOrder, nulls: 'last' } : query.sortOrder },
        include: { member: { select: { memberKey: true } } },
      }),
      this.prisma.memberProfile.count({ where }),
    ]);
    return { rows: rows.map((r) => toProfileDto(r, r.member.memberKey)), total };
  }

  async get(memberId: string): Promise<MemberProfileDetailDto> {
    if (!isInt64Id(memberId)) throw new NotFoundException(`No member ${memberId}`);
    const id = BigInt(memberId);
    const member = await this.prisma.member.findUnique({ where: { id }, include: { profile: true } });
    if (!member) throw new NotFoundException(`No member ${memberId}`);
    if (!member.profile)
      throw new NotFoundException(`Member ${memberId} has no profile yet: run the profile job (POST /api/profiles/compute)`);
    const [memberships, interactions] = await Promise.all([
      this.prisma.segmentMembership.findMany({ where: { memberId: id }, include: { segment: { select: { id: true, name: true } } } }),
      this.prisma.interaction.findMany({ where: { memberId: id }, orderBy: { occurredAt: 'desc' }, take: 25 }),
    ]);
    // The event table has no relation to item (no foreign keys, see schema.prisma): the items are a second read.
    const items = await this.prisma.item.findMany({
      where: { id: { in: [...new Set(interactions.map((i) => i.itemId))] } },
      select: { id: true, title: true, domain: true, category: true },
    });
    const itemById = new Map(items.map((item) => [item.id, item]));
    return {
      ...toProfileDto(member.profile, member.memberKey),
      consentPartnerSharing: member.consentPartnerSharing,
      city: member.city,
      segments: memberships.map((m) => ({ id: m.segment.id, name: m.segment.name })),
      recentInteractions: interactions.flatMap((i) => {
        const item = itemById.get(i.itemId);
        return item
          ? [
              {
                occurredAt: i.occurredAt.toISOString(),
                type: i.type,
                itemTitle: item.title,
                domain: item.domain,
                category: item.category,
                amount: i.amount === null ? null : Number(i.amount),
              },
            ]
          : [];
      }),
    };
  }
}

export function toProfileDto(p: MemberProfile, memberKey: string): MemberProfileDto {
  return {
    id: p.memberId.toString(),
    memberId: p.memberId.toString(),
    memberKey,
    recencyDays: p.recencyDays,
    frequency: p.frequency,
    monetary: Number(p.monetary),
    rScore: p.rScore,
    fScore: p.fScore,
    mScore: p.mScore,
    categoryAffinity: (p.categoryAffinity as Record<string, Record<string, number>> | null) ?? null,
    knowledgeSpend: Number(p.knowledgeSpend),
    partnerSpend: Number(p.partnerSpend),
    carInterest: p.carInterest,
    partnerPurchases: p.partnerPurchases,
    latentFactors: p.latentFactors,
    computedAt: p.computedAt.toISOString(),
  };
}
