import { Injectable } from '@nestjs/common';
import type { Prisma } from '@crosslane/db';
import type { DemoInteraction, DemoItem, DemoMember, DemoPartnerData } from '@crosslane/domain-demo-world';
import { PrismaService } from '../../core/database/prisma.service';
import type { IdentityService } from '../../core/identity/identity.service';

export interface DemoPartnerDataCounts {
  membersWithContact: number;
  reviews: number;
  marketSignals: number;
  partnerCustomers: number;
  matchedCustomers: number;
}

/** The demo world's load transaction: what the repository's writes take. Opaque to the job, so its spec can fake it. */
export type DemoWorldTransaction = Prisma.TransactionClient;

/** Row ids in the generated world's order: what later rows point at. */
export interface DemoWorldIds {
  partnerIds: Map<string, string>;
  itemIds: bigint[];
  memberIds: bigint[];
}

/**
 * The demo world's set-based writes: catalogue items, members, interactions
 * and the partner side (contacts, reviews, market signals, customer lists),
 * each one INSERT ... SELECT FROM unnest per chunk inside the loader's one
 * transaction, which is what keeps `npm start` at seconds for a world of
 * hundreds of thousands of events. Partners, agreements, scorecards,
 * segments and taxonomy topics do not go through here: the loader writes
 * them through the product's services (their checks, their audit entries).
 */
@Injectable()
export class DemoWorldRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Runs `load` in one transaction under the demo world's lock, or returns
   * null without calling it when the database already has members or
   * partners: a worker killed half-way leaves nothing, and two loaders
   * never both write.
   */
  async loadIntoEmptyDatabase<T>(load: (tx: DemoWorldTransaction) => Promise<T>): Promise<T | null> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crosslane:demo-world'))`;
        if ((await tx.member.count()) > 0 || (await tx.partner.count()) > 0) return null;
        return load(tx);
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
  }

  /** Inserts the items in order and returns their ids in the same order. */
  async insertItems(tx: DemoWorldTransaction, items: readonly DemoItem[], partnerIds: ReadonlyMap<string, string>): Promise<bigint[]> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO item ("externalKey", domain, "partnerId", kind, title, category, tags, price)
      SELECT k, d::"ItemDomain", p::uuid, kd, t, c, string_to_array(tg, '|'), pr
      FROM unnest(${items.map((i) => i.externalKey)}::text[], ${items.map((i) => i.domain)}::text[],
                  ${items.map((i) => (i.partnerSlug ? partnerIds.get(i.partnerSlug)! : null))}::text[],
                  ${items.map((i) => i.kind)}::text[], ${items.map((i) => i.title)}::text[],
                  ${items.map((i) => i.category)}::text[], ${items.map((i) => i.tags.join('|'))}::text[],
                  ${items.map((i) => i.price)}::numeric[])
           WITH ORDINALITY AS x(k, d, p, kd, t, c, tg, pr, ord)
      ORDER BY ord RETURNING id`;
    return rows.map((r) => r.id);
  }

  /** Inserts the members in order and returns their ids in the same order. */
  async insertMembers(tx: DemoWorldTransaction, members: readonly DemoMember[]): Promise<bigint[]> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO member ("memberKey", "consentPersonalisation", "consentPartnerSharing", city, "joinedAt")
      SELECT k, cp, cs, c, (j::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${members.map((m) => m.memberKey)}::text[], ${members.map((m) => m.consentPersonalisation)}::boolean[],
                  ${members.map((m) => m.consentPartnerSharing)}::boolean[], ${members.map((m) => m.city)}::text[],
                  ${members.map((m) => m.joinedAt.toISOString())}::text[])
           WITH ORDINALITY AS x(k, cp, cs, c, j, ord)
      ORDER BY ord RETURNING id`;
    return rows.map((r) => r.id);
  }

  /** Inserts one chunk of interactions; members and items are given by their index in the world. */
  async insertInteractions(tx: DemoWorldTransaction, chunk: readonly DemoInteraction[], ids: DemoWorldIds): Promise<number> {
    return tx.$executeRaw`
      INSERT INTO interaction ("eventId", "memberId", "itemId", type, weight, "occurredAt", source)
      SELECT e, m, i, t::"InteractionType", w, (o::timestamptz AT TIME ZONE 'UTC'), s
      FROM unnest(${chunk.map((x) => x.eventId)}::text[], ${chunk.map((x) => ids.memberIds[x.memberIndex])}::bigint[],
                  ${chunk.map((x) => ids.itemIds[x.itemIndex])}::bigint[], ${chunk.map((x) => x.type)}::text[],
                  ${chunk.map((x) => x.weight)}::float8[], ${chunk.map((x) => x.occurredAt.toISOString())}::text[],
                  ${chunk.map((x) => x.source)}::text[]) AS x(e, m, i, t, w, o, s)`;
  }

  /**
   * The partner side, written inside the load transaction: members' e-mail
   * and phone hashes (hashed by the caller, through IdentityService; the raw
   * values never come here), reviews, market signals and each partner's
   * customer list, matched to members by the same keyed hashes.
   */
  async writePartnerData(tx: DemoWorldTransaction, data: HashedDemoPartnerData, ids: DemoWorldIds): Promise<DemoPartnerDataCounts> {
    const contacts = data.memberContacts;
    await tx.$executeRaw`
      UPDATE member SET "emailHash" = x.e, "phoneHash" = x.p
      FROM unnest(${contacts.map((c) => ids.memberIds[c.memberIndex])}::bigint[], ${contacts.map((c) => c.emailHash)}::text[],
                  ${contacts.map((c) => c.phoneHash)}::text[]) AS x(id, e, p)
      WHERE member.id = x.id`;

    const reviews = data.reviews;
    await tx.$executeRaw`
      INSERT INTO partner_review ("externalId", "partnerId", "itemId", "memberId", rating, text, "reviewedAt")
      SELECT x.e, x.p::uuid, x.i, x.m, x.r, x.t, (x.at::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${reviews.map((r) => r.externalId)}::text[], ${reviews.map((r) => ids.partnerIds.get(r.partnerSlug)!)}::text[],
                  ${reviews.map((r) => (r.itemIndex === null ? null : ids.itemIds[r.itemIndex]))}::bigint[],
                  ${reviews.map((r) => (r.memberIndex === null ? null : ids.memberIds[r.memberIndex]))}::bigint[],
                  ${reviews.map((r) => r.rating)}::int[], ${reviews.map((r) => r.text)}::text[], ${reviews.map((r) => r.reviewedAt.toISOString())}::text[]) AS x(e, p, i, m, r, t, at)
      ON CONFLICT ("externalId") DO NOTHING`;

    const signals = data.marketSignals;
    await tx.$executeRaw`
      INSERT INTO market_signal (category, period, index, source)
      SELECT c, p::date, i, s FROM unnest(${signals.map((s) => s.category)}::text[], ${signals.map((s) => s.period.toISOString().slice(0, 10))}::text[],
                                          ${signals.map((s) => s.index)}::float8[], ${signals.map((s) => s.source)}::text[]) AS x(c, p, i, s)
      ON CONFLICT (category, period, source) DO NOTHING`;

    let partnerCustomers = 0;
    for (const list of data.customerLists) {
      partnerCustomers += await tx.$executeRaw`
        INSERT INTO partner_customer ("partnerId", "matchHash", "memberId")
        SELECT ${ids.partnerIds.get(list.partnerSlug)!}::uuid, h,
               COALESCE((SELECT m.id FROM member m WHERE m."emailHash" = h ORDER BY m.id LIMIT 1), (SELECT m.id FROM member m WHERE m."phoneHash" = h ORDER BY m.id LIMIT 1))
        FROM unnest(${list.matchHashes}::text[]) AS x(h)
        ON CONFLICT ("partnerId", "matchHash") DO NOTHING`;
    }
    const matched = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM partner_customer WHERE "memberId" IS NOT NULL`;
    return {
      membersWithContact: contacts.length,
      reviews: reviews.length,
      marketSignals: signals.length,
      partnerCustomers,
      matchedCustomers: Number(matched[0].n),
    };
  }
}

/** The generated partner side with every raw identifier replaced by its keyed hash: what the repository stores. */
export interface HashedDemoPartnerData {
  /** Only members with an e-mail or phone, by their index in the world. */
  memberContacts: { memberIndex: number; emailHash: string | null; phoneHash: string | null }[];
  reviews: DemoPartnerData['reviews'];
  marketSignals: DemoPartnerData['marketSignals'];
  /** Each partner's customers as distinct match hashes (e-mail hash, else phone hash). */
  customerLists: { partnerSlug: string; matchHashes: string[] }[];
}

/** Hashes the generated partner side through the product's IdentityService; the raw e-mails and phones stop here. */
export function hashDemoPartnerData(
  data: DemoPartnerData,
  identity: Pick<IdentityService, 'hashEmail' | 'hashPhone'>,
): HashedDemoPartnerData {
  return {
    memberContacts: data.memberContacts
      .map((c, memberIndex) => ({
        memberIndex,
        emailHash: c.email ? identity.hashEmail(c.email) : null,
        phoneHash: c.phone ? identity.hashPhone(c.phone) : null,
      }))
      .filter((c) => c.emailHash || c.phoneHash),
    reviews: data.reviews,
    marketSignals: data.marketSignals,
    customerLists: data.customerLists.map((list) => ({
      partnerSlug: list.partnerSlug,
      matchHashes: [...new Set(list.customers.map((c) => (c.email ? identity.hashEmail(c.email) : identity.hashPhone(c.phone!))))],
    })),
  };
}
