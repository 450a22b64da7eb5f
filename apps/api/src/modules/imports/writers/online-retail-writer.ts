import type { PoolClient } from 'pg';
import {
  IMPORT_COLUMNS,
  mapOnlineRetailRow,
  ONLINE_RETAIL_REASONS,
  OnlineRetailCatalogue,
  OnlineRetailPurchase,
} from '@crosslane/domain-ingest';
import { insertNewInteractions } from './basic-writers';
import { ImportWriter, WriteCounts, WriterContext } from './import-writer';

export const ONLINE_RETAIL_PARTNER = {
  slug: 'uci-online-retail',
  name: 'UCI Online Retail (UK gift shop)',
  industry: 'retail',
  website: 'https://archive.ics.uci.edu/dataset/352/online+retail',
};
export const ONLINE_RETAIL_SOURCE = 'partner:uci-online-retail';
/** PURCHASE's weight, as for every purchase in the platform's data. */
const PURCHASE_WEIGHT = 4;

type Purchase = OnlineRetailPurchase & { memberKey: string };

/**
 * The UCI Online Retail file as a partner's data: the shop becomes a
 * partner, its StockCodes partner items, its customers members (their key
 * a keyed hash of the CustomerID, never the id itself) and each kept row a
 * purchase. The file is read once: purchases go to staging as they come,
 * items and members are gathered on the way and written at the end.
 */
export function onlineRetailWriter(ctx: WriterContext): ImportWriter<Purchase> {
  const catalogue = new OnlineRetailCatalogue();
  const memberKeys = new Map<string, string>();
  const memberKeyOf = (customerId: string) => {
    let key = memberKeys.get(customerId);
    if (!key) memberKeys.set(customerId, (key = `uci_${ctx.hasher.hashCustomerNumber(customerId).slice(0, 24)}`));
    return key;
  };
  return {
    columns: IMPORT_COLUMNS['online-retail'],
    keyField: 'InvoiceNo',
    key: (r) => r.eventId,
    duplicateReason: () => ONLINE_RETAIL_REASONS.duplicate,
    validate: (record) => {
      const result = mapOnlineRetailRow(record);
      return result.ok ? { ok: true, row: { ...result.row, memberKey: memberKeyOf(result.row.customerId) } } : result;
    },
    accept: (row) => catalogue.add(row),
    staging: [
      ['event_id', 'text'],
      ['member_key', 'text'],
      ['stock_code', 'text'],
      ['amount', 'numeric'],
      ['occurred_at', 'timestamptz'],
    ],
    toCopy: (r) => [r.eventId, r.memberKey, r.stockCode, r.amount, r.occurredAt],
    checks: [],
    write: async (client: PoolClient): Promise<WriteCounts> => {
      const partner = await client.query<{ id: string }>(
        `INSERT INTO partner (id, slug, name, industry, status, website, "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, 'ACTIVE', $4, now())
         ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
        [ONLINE_RETAIL_PARTNER.slug, ONLINE_RETAIL_PARTNER.name, ONLINE_RETAIL_PARTNER.industry, ONLINE_RETAIL_PARTNER.website],
      );
      const partnerId = partner.rows[0].id;
      const items = catalogue.items();
      await client.query(
        `INSERT INTO item ("externalKey", domain, "partnerId", kind, title, category, tags, price)
         SELECT 'uci-retail:' || code, 'PARTNER', $1::uuid, 'part', title, 'gifts & homeware', '{}', price
         FROM unnest($2::text[], $3::text[], $4::numeric[]) AS x(code, title, price)
         ON CONFLICT ("externalKey") DO UPDATE SET title = EXCLUDED.title, price = EXCLUDED.price, "updatedAt" = now()
         WHERE (item.title, item.price) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.price)`,
        [partnerId, items.map((i) => i.stockCode), items.map((i) => i.title), items.map((i) => i.price)],
      );
      const customers = catalogue.customerList();
      await client.query(
        `INSERT INTO member ("memberKey", "consentPersonalisation", "consentPartnerSharing", "joinedAt")
         SELECT k, true, false, j AT TIME ZONE 'UTC' FROM unnest($1::text[], $2::timestamptz[]) AS x(k, j)
         ON CONFLICT ("memberKey") DO NOTHING`,
        [customers.map((c) => memberKeyOf(c.customerId)), customers.map((c) => c.firstSeen)],
      );
      // The shop's customers are its customer list too, already matched: overlap and exports can use them.
      await client.query(
        `INSERT INTO partner_customer ("partnerId", "matchHash", "memberId")
         SELECT $1::uuid, h, m.id FROM unnest($2::text[], $3::text[]) AS x(h, k) JOIN member m ON m."memberKey" = x.k
         ON CONFLICT ("partnerId", "matchHash") DO NOTHING`,
        [partnerId, customers.map((c) => ctx.hasher.hashCustomerNumber(c.customerId)), customers.map((c) => memberKeyOf(c.customerId))],
      );
      const inserted = await insertNewInteractions(
        client,
        `SELECT s.event_id, m.id, i.id, 'PURCHASE', ${PURCHASE_WEIGHT}, s.amount, s.occurred_at AT TIME ZONE 'UTC', '${ONLINE_RETAIL_SOURCE}'
         FROM import_staging s JOIN member m ON m."memberKey" = s.member_key JOIN item i ON i."externalKey" = 'uci-retail:' || s.stock_code`,
      );
      return { inserted, updated: 0, extra: { partnerId, items: items.length, members: customers.length } };
    },
  };
}
