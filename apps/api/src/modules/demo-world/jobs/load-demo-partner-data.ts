import type { Prisma } from '@crosslane/db';
import { DemoWorld, generateDemoPartnerData } from '@crosslane/domain-demo-world';
import type { IdentityService } from '../../../core/identity/identity.service';

export interface DemoPartnerDataCounts {
  membersWithContact: number;
  reviews: number;
  marketSignals: number;
  partnerCustomers: number;
  matchedCustomers: number;
}

/**
 * The partner side of the demo world, written inside the demo world's
 * transaction: members' e-mail/phone hashes (the raw values are hashed
 * here, through IdentityService, and dropped), reviews, market signals and
 * each active partner's customer list, matched to members by the same
 * keyed hashes.
 */
export async function loadDemoPartnerData(
  tx: Prisma.TransactionClient,
  world: DemoWorld,
  ids: { partnerIds: Map<string, string>; itemIds: { id: bigint }[]; memberIds: { id: bigint }[] },
  identity: IdentityService,
  options: { seed: number; endDate: Date },
): Promise<DemoPartnerDataCounts> {
  const data = generateDemoPartnerData(world, options);
  const contacts = data.memberContacts
    .map((c, i) => ({
      id: ids.memberIds[i].id,
      email: c.email ? identity.hashEmail(c.email) : null,
      phone: c.phone ? identity.hashPhone(c.phone) : null,
    }))
    .filter((c) => c.email || c.phone);
  await tx.$executeRaw`
    UPDATE member SET "emailHash" = x.e, "phoneHash" = x.p
    FROM unnest(${contacts.map((c) => c.id)}::bigint[], ${contacts.map((c) => c.email)}::text[], ${contacts.map((c) => c.phone)}::text[]) AS x(id, e, p)
    WHERE member.id = x.id`;

  const reviews = data.reviews;
  await tx.$executeRaw`
    INSERT INTO partner_review ("externalId", "partnerId", "itemId", "memberId", rating, text, "reviewedAt")
    SELECT x.e, x.p::uuid, x.i, x.m, x.r, x.t, (x.at::timestamptz AT TIME ZONE 'UTC')
    FROM unnest(${reviews.map((r) => r.externalId)}::text[], ${reviews.map((r) => ids.partnerIds.get(r.partnerSlug)!)}::text[],
                ${reviews.map((r) => (r.itemIndex === null ? null : ids.itemIds[r.itemIndex].id))}::bigint[],
                ${reviews.map((r) => (r.memberIndex === null ? null : ids.memberIds[r.memberIndex].id))}::bigint[],
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
    const hashes = [...new Set(list.customers.map((c) => (c.email ? identity.hashEmail(c.email) : identity.hashPhone(c.phone!))))];
    partnerCustomers += await tx.$executeRaw`
      INSERT INTO partner_customer ("partnerId", "matchHash", "memberId")
      SELECT ${ids.partnerIds.get(list.partnerSlug)!}::uuid, h,
             COALESCE((SELECT m.id FROM member m WHERE m."emailHash" = h ORDER BY m.id LIMIT 1), (SELECT m.id FROM member m WHERE m."phoneHash" = h ORDER BY m.id LIMIT 1))
      FROM unnest(${hashes}::text[]) AS x(h)
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
