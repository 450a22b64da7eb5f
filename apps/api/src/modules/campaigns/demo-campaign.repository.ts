import { Injectable } from '@nestjs/common';
import type { Prisma } from '@crosslane/db';
import { AuditService, type AuditEntry } from '../../core/audit/audit.service';
import { PrismaService } from '../../core/database/prisma.service';

/** The demo campaign's assignments as parallel arrays: member id, arm key, entry instant (ISO), pre-period value. */
export interface DemoAssignments {
  m: bigint[];
  k: string[];
  at: string[];
  pre: number[];
}

/** The demo campaign's events as parallel arrays: event id, member id, type, value, instant (ISO). */
export interface DemoEvents {
  id: string[];
  m: bigint[];
  t: string[];
  v: (number | null)[];
  at: string[];
}

/** The reads and writes of seeding the demo campaign, all inside the one seeding transaction. */
export interface DemoCampaignStore {
  campaignCount(): Promise<number>;
  /** The first active partner by slug: the demo campaign's partner. */
  firstActivePartner(): Promise<{ id: string; name: string } | null>;
  /** The first knowledge course tagged car: the co-branded arm's offer. */
  firstCarCourse(): Promise<{ id: bigint } | null>;
  /** The partner's first item: the kit-trial arm's offer. */
  firstPartnerItem(partnerId: string): Promise<{ id: bigint } | null>;
  /** Members who touched a partner item or anything tagged car, in id order. */
  carInterestedMembers(): Promise<{ id: bigint; memberKey: string }[]>;
  createCampaign(data: Prisma.CampaignCreateInput): Promise<{ id: string }>;
  insertAssignments(campaignId: string, rows: DemoAssignments): Promise<void>;
  /** Idempotent by (campaign, eventId). */
  insertEvents(campaignId: string, rows: DemoEvents): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * Every read and write of the seed-demo-campaign job. seedOnce runs the
 * whole seeding in one transaction under an advisory lock, so two workers
 * starting at once seed at most one campaign, and a failure leaves nothing.
 */
@Injectable()
export class DemoCampaignRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly auditLog: AuditService,
  ) {}

  seedOnce<T>(fn: (store: DemoCampaignStore) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crosslane:seed-demo-campaign'))`;
        return fn(this.storeIn(tx));
      },
      { timeout: 5 * 60_000, maxWait: 30_000 },
    );
  }

  private storeIn(tx: Prisma.TransactionClient): DemoCampaignStore {
    return {
      campaignCount: () => tx.campaign.count(),
      firstActivePartner: () =>
        tx.partner.findFirst({ where: { status: 'ACTIVE' }, orderBy: { slug: 'asc' }, select: { id: true, name: true } }),
      firstCarCourse: () =>
        tx.item.findFirst({
          where: { domain: 'KNOWLEDGE', kind: 'course', tags: { has: 'car' } },
          orderBy: { id: 'asc' },
          select: { id: true },
        }),
      firstPartnerItem: (partnerId) => tx.item.findFirst({ where: { partnerId }, orderBy: { id: 'asc' }, select: { id: true } }),
      carInterestedMembers: () => tx.$queryRaw<{ id: bigint; memberKey: string }[]>`
        SELECT m.id, m."memberKey" FROM member m
        WHERE EXISTS (SELECT 1 FROM interaction i JOIN item it ON it.id = i."itemId"
                      WHERE i."memberId" = m.id AND (it.domain = 'PARTNER' OR 'car' = ANY(it.tags)))
        ORDER BY m.id`,
      createCampaign: (data) => tx.campaign.create({ data, select: { id: true } }),
      insertAssignments: async (campaignId, a) => {
        await tx.$executeRaw`
          INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt", "exposedAt", "preValue")
          SELECT ${campaignId}::uuid, m, k, (a::timestamptz AT TIME ZONE 'UTC'), (a::timestamptz AT TIME ZONE 'UTC'), p
          FROM unnest(${a.m}::bigint[], ${a.k}::text[], ${a.at}::text[], ${a.pre}::float8[]) AS x(m, k, a, p)`;
      },
      insertEvents: async (campaignId, ev) => {
        await tx.$executeRaw`
          INSERT INTO campaign_event ("eventId", "campaignId", "memberId", type, value, "occurredAt")
          SELECT e, ${campaignId}::uuid, m, t::"CampaignEventType", v, (o::timestamptz AT TIME ZONE 'UTC')
          FROM unnest(${ev.id}::text[], ${ev.m}::bigint[], ${ev.t}::text[], ${ev.v}::float8[], ${ev.at}::text[]) AS x(e, m, t, v, o)
          ON CONFLICT ("campaignId", "eventId") DO NOTHING`;
      },
      audit: (entry) => this.auditLog.record(entry, tx),
    };
  }
}
