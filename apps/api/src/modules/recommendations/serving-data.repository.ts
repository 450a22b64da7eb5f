import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { agreementInForceSql } from '../sharing/active-agreement';

/**
 * The purpose a partner's active, currently valid sharing agreement must allow
 * for its items to be recommended to members: showing a partner's products on
 * the platform is co-marketing.
 */
export const RECOMMENDATION_PURPOSE = 'CO_MARKETING';

/** What serving depends on, read in one statement (one snapshot): any change in a part means that part is reloaded. */
export interface ServingStamp {
  /** `scope:id` of the ACTIVE versions, oldest version first. */
  models: string;
  /** Partners whose active, currently valid agreement allows RECOMMENDATION_PURPOSE. */
  partners: string[];
  /**
   * Member count, largest id and the sum of the ids of consenting members: a
   * new or removed member or one consent change moves it (changes cancel out
   * only if, between two checks, the ids of those who gave consent add up to
   * those of the ones who withdrew it).
   */
  members: string;
  interactions: InteractionsStamp;
}

/**
 * Interactions are append-only: rows past `maxId` are the new ones, unless a
 * transaction holding smaller ids committed late or rows were deleted, which
 * the count reveals.
 */
export interface InteractionsStamp {
  count: number;
  maxId: number;
}

export interface MemberFlags {
  id: number;
  memberKey: string;
  consent: boolean;
}

/** Distinct member x item pairs as two parallel columns, with the stamp of the snapshot they were read in. */
export interface OwnedPairs {
  stamp: InteractionsStamp;
  memberIds: number[];
  itemIds: number[];
}

export interface CatalogueRow {
  id: bigint;
  externalKey: string;
  title: string;
  domain: 'KNOWLEDGE' | 'PARTNER';
  category: string;
  partnerId: string | null;
  members: number;
}

/** A member read on demand (unknown to the cache yet, or explained): consent and their items with summed weights. */
export interface MemberHistoryRow {
  id: bigint;
  memberKey: string;
  consent: boolean;
  items: number[] | null;
  weights: number[] | null;
}

/**
 * The reads behind the serving cache. None of them runs per request: the
 * stamp every second or two, the rest when the stamp says their part changed.
 * Ids travel as float8 (exact below 2^53) so that Postgres arrays parse fast.
 */
@Injectable()
export class ServingDataRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async stamp(): Promise<ServingStamp> {
    const now = this.clock.now();
    const [row] = await this.prisma.$queryRaw<
      { models: string; partners: string[]; members: string; interactions: number; maxInteractionId: number }[]
    >`
      SELECT
        (SELECT coalesce(string_agg(scope || ':' || id::text, ',' ORDER BY version), '') FROM recommender_model WHERE status = 'ACTIVE') AS models,
        (SELECT coalesce(array_agg(DISTINCT "partnerId"::text), '{}') FROM sharing_agreement
          WHERE ${agreementInForceSql(now)} AND ${RECOMMENDATION_PURPOSE} = ANY("purposesAllowed")) AS partners,
        (SELECT count(*)::text || ':' || coalesce(max(id), 0)::text || ':' || coalesce(sum(id) FILTER (WHERE "consentPersonalisation"), 0)::text FROM member) AS members,
        (SELECT count(*)::float8 FROM interaction) AS interactions,
        (SELECT coalesce(max(id), 0)::float8 FROM interaction) AS "maxInteractionId"`;
    return {
      models: row.models,
      partners: [...row.partners].sort(),
      members: row.members,
      interactions: { count: row.interactions, maxId: row.maxInteractionId },
    };
  }

  async members(): Promise<MemberFlags[]> {
    return this.prisma.$queryRaw<MemberFlags[]>`SELECT id::float8 AS id, "memberKey", "consentPersonalisation" AS consent FROM member`;
  }

  /** Every distinct member x item pair, ordered by member then item. */
  async ownedPairs(): Promise<OwnedPairs> {
    const [row] = await this.prisma.$queryRaw<{ count: number; maxId: number; m: number[] | null; i: number[] | null }[]>`
      WITH s AS (SELECT count(*)::float8 AS count, coalesce(max(id), 0)::float8 AS "maxId" FROM interaction),
           p AS (SELECT DISTINCT "memberId"::float8 AS m, "itemId"::float8 AS i FROM interaction)
      SELECT s.count, s."maxId", (SELECT array_agg(m ORDER BY m, i) FROM p) AS m, (SELECT array_agg(i ORDER BY m, i) FROM p) AS i FROM s`;
    return { stamp: { count: row.count, maxId: row.maxId }, memberIds: row.m ?? [], itemIds: row.i ?? [] };
  }

  /**
   * The interactions after `afterId` (pairs, not necessarily distinct) and, in
   * the same snapshot, the table's stamp; `rows` lets the caller check that
   * nothing else changed (count = previous count + rows).
   */
  async interactionsAfter(afterId: number): Promise<OwnedPairs & { rows: number }> {
    const [row] = await this.prisma.$queryRaw<{ count: number; maxId: number; rows: number; m: number[] | null; i: number[] | null }[]>`
      WITH s AS (SELECT count(*)::float8 AS count, coalesce(max(id), 0)::float8 AS "maxId" FROM interaction)
      SELECT s.count, s."maxId", count(x.id)::float8 AS rows, array_agg(x."memberId"::float8) AS m, array_agg(x."itemId"::float8) AS i
      FROM s LEFT JOIN interaction x ON x.id > ${BigInt(afterId)} AND x.id <= s."maxId"::bigint
      GROUP BY s.count, s."maxId"`;
    const present = row.rows > 0;
    return {
      stamp: { count: row.count, maxId: row.maxId },
      rows: row.rows,
      memberIds: present ? row.m! : [],
      itemIds: present ? row.i! : [],
    };
  }

  async catalogue(): Promise<CatalogueRow[]> {
    return this.prisma.$queryRaw<CatalogueRow[]>`
      SELECT t.id, t."externalKey", t.title, t.domain::text AS domain, t.category, t."partnerId"::text AS "partnerId", coalesce(p.members, 0)::int AS members
      FROM item t LEFT JOIN (SELECT "itemId", count(DISTINCT "memberId") AS members FROM interaction GROUP BY "itemId") p ON p."itemId" = t.id
      ORDER BY members DESC, t.id ASC`;
  }

  async memberHistories(keys: string[]): Promise<MemberHistoryRow[]> {
    return this.prisma.$queryRaw<MemberHistoryRow[]>`
      SELECT m.id, m."memberKey", m."consentPersonalisation" AS consent, h.items, h.weights
      FROM member m
      LEFT JOIN LATERAL (
        SELECT array_agg(g.i::float8) AS items, array_agg(g.w) AS weights
        FROM (SELECT "itemId" AS i, sum(weight)::float8 AS w FROM interaction WHERE "memberId" = m.id GROUP BY "itemId") g
      ) h ON true
      WHERE m."memberKey" = ANY(${keys}::text[])`;
  }

  async artifact(modelId: string) {
    return this.prisma.recommenderModel.findUnique({ where: { id: modelId }, include: { artifact: true } });
  }
}
