import type { PoolClient } from 'pg';
import { suppressMembersInPartnerFiles } from '../../member-rights/partner-files';
import {
  CONSENT_FLAG_FIELDS,
  ConsentChangeGroup,
  ConsentFlagName,
  consentFlagsHeldFor,
  consentHeldNote,
  CustomerListRow,
  IMPORT_COLUMNS,
  InteractionRow,
  ItemRow,
  MarketSignalRow,
  MemberRow,
  ReviewRow,
  tallyConsentChanges,
  validateCustomerListRow,
  validateInteractionRow,
  validateItemRow,
  validateMarketSignalRow,
  validateMemberRow,
  validateReviewRow,
} from '@crosslane/domain-ingest';
import { MEMBER_CONSENT_LOCK } from '../../consent/member-consent-lock';
import { ImportWriter, TAG_SEPARATOR, WriteCounts, WriterContext } from './import-writer';

/** The key of a writer whose rows are identified by one text field: that field is named, read, and quoted when a row repeats it. */
function keyedBy<Field extends string>(field: Field) {
  return {
    keyField: field,
    key: <Row extends Record<Field, string>>(row: Row) => row[field],
    duplicateReason: (first: number, key: string) => `duplicate ${field} "${key}" (first in row ${first})`,
  };
}

async function counted(client: PoolClient, sql: string, params: unknown[] = []): Promise<WriteCounts> {
  const { rows } = await client.query<{ inserted: string; updated: string }>(
    `WITH w AS (${sql}) SELECT count(*) FILTER (WHERE ins) AS inserted, count(*) FILTER (WHERE NOT ins) AS updated FROM w`,
    params,
  );
  return { inserted: Number(rows[0].inserted), updated: Number(rows[0].updated) };
}

/** Re-links partner customers that were waiting for a member with their e-mail or phone hash. */
export async function matchPartnerCustomers(client: PoolClient): Promise<number> {
  const byEmail = await client.query(
    `UPDATE partner_customer pc SET "memberId" = m.id FROM member m WHERE pc."memberId" IS NULL AND m."emailHash" = pc."matchHash"`,
  );
  const byPhone = await client.query(
    `UPDATE partner_customer pc SET "memberId" = m.id FROM member m WHERE pc."memberId" IS NULL AND m."phoneHash" = pc."matchHash"`,
  );
  return (byEmail.rowCount ?? 0) + (byPhone.rowCount ?? 0);
}

/**
 * Inserts the staged interactions whose eventId is not stored yet.
 *
 * Optimistic: most chunks hold only new events, and the unique index on
 * eventId checks every row as it is inserted anyway, so probing it first
 * (a DELETE of the stored ids from staging) did that work twice: 1.9 s of
 * a 17.5 s million-row import in benchmarks/import. The insert runs under a
 * savepoint; only a chunk that collides with a stored event (a re-run file)
 * is rolled back to it and written again without the stored events.
 * ON CONFLICT DO NOTHING would do the same in one statement, but its
 * speculative insertion doubled the cost of the write in benchmarks/import.
 * Imports that write interactions take one lock, so two of them cannot race
 * between the probe and the insert; an event arriving at that instant
 * through /events/batch makes the second insert fail, and the job's retry
 * then finds it stored.
 */
export async function insertNewInteractions(client: PoolClient, select: string): Promise<number> {
  const insert = `INSERT INTO interaction ("eventId", "memberId", "itemId", type, weight, amount, "occurredAt", source) ${select}`;
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('crosslane:import:interaction'))`);
  await client.query('SAVEPOINT new_interactions');
  try {
    const result = await client.query(insert);
    await client.query('RELEASE SAVEPOINT new_interactions');
    return result.rowCount ?? 0;
  } catch (error) {
    if (!isStoredEventId(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT new_interactions');
    await client.query('RELEASE SAVEPOINT new_interactions');
  }
  await client.query(`DELETE FROM import_staging s WHERE EXISTS (SELECT 1 FROM interaction x WHERE x."eventId" = s.event_id)`);
  const result = await client.query(insert);
  return result.rowCount ?? 0;
}

function isStoredEventId(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === '23505' && pgError.constraint === 'interaction_eventId_key';
}

export const SUPPRESSED_NOTE = 'suppressed: this member was erased at their request (member rights); the row was not written';

/**
 * Leaves out the staged rows of erased members (their key's keyed hash is in
 * suppressed_member_key), with a note naming each row: an erased member does
 * not come back through a later file. Runs in the import's transaction.
 */
export async function leaveOutSuppressed(client: PoolClient, jobId: string): Promise<number> {
  const result = await client.query(
    `WITH gone AS (
       DELETE FROM import_staging s USING suppressed_member_key k WHERE k."keyHash" = s.suppression_hash RETURNING s.row
     ), cleared AS (
       DELETE FROM import_note n USING gone WHERE n."jobId" = $1::uuid AND n."rowNumber" = gone.row
     )
     INSERT INTO import_note ("jobId", "rowNumber", field, note) SELECT $1::uuid, row, 'memberKey', $2 FROM gone ORDER BY row`,
    [jobId, SUPPRESSED_NOTE],
  );
  return result.rowCount ?? 0;
}

/** The staging column of each consent flag in a members import. */
const CONSENT_STAGING: Record<ConsentFlagName, 'cp' | 'cs'> = { PERSONALISATION: 'cp', PARTNER_SHARING: 'cs' };

export function membersWriter(ctx: WriterContext): ImportWriter<MemberRow> {
  return {
    columns: IMPORT_COLUMNS.members,
    ...keyedBy('memberKey'),
    validate: (record) => validateMemberRow(record, ctx.hasher),
    staging: [
      ['member_key', 'text'],
      ['email_hash', 'text'],
      ['phone_hash', 'text'],
      ['cp', 'boolean'],
      ['cs', 'boolean'],
      ['city', 'text'],
      ['joined_at', 'timestamptz'],
      ['suppression_hash', 'text'],
    ],
    toCopy: (r) => [
      r.memberKey,
      r.emailHash,
      r.phoneHash,
      r.consentPersonalisation,
      r.consentPartnerSharing,
      r.city,
      r.joinedAt,
      ctx.hasher.hashMemberKey(r.memberKey),
    ],
    checks: [],
    write: async (client) => {
      // One writer of members' consent at a time: the history's "from" is read in the same statement as the
      // write, and without the lock another import could move a member's consent in between.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('${MEMBER_CONSENT_LOCK}'))`);
      const { kept, notes } = await holdConsentGrants(client, ctx);
      const suppressed = await leaveOutSuppressed(client, ctx.jobId);
      // Consent and identifiers follow the latest file; an identical file changes nothing. The CTE "before" reads
      // the members as they were (a statement's parts share one snapshot), so each change is recorded with its "from".
      const { rows } = await client.query<{ inserted: string; updated: string; groups: ConsentChangeGroup[]; withdrawn: string[] }>(
        `WITH before AS (
           SELECT m.id, m."memberKey" AS key, m."consentPersonalisation" AS cp, m."consentPartnerSharing" AS cs
           FROM member m JOIN import_staging s ON s.member_key = m."memberKey"
         ), w AS (
           INSERT INTO member ("memberKey", "emailHash", "phoneHash", "consentPersonalisation", "consentPartnerSharing", city, "joinedAt")
           SELECT member_key, email_hash, phone_hash, cp, cs, city, joined_at AT TIME ZONE 'UTC' FROM import_staging ORDER BY row
           ON CONFLICT ("memberKey") DO UPDATE SET
             "emailHash" = COALESCE(EXCLUDED."emailHash", member."emailHash"), "phoneHash" = COALESCE(EXCLUDED."phoneHash", member."phoneHash"),
             "consentPersonalisation" = EXCLUDED."consentPersonalisation", "consentPartnerSharing" = EXCLUDED."consentPartnerSharing",
             city = COALESCE(EXCLUDED.city, member.city), "updatedAt" = now()
           WHERE (member."consentPersonalisation", member."consentPartnerSharing") IS DISTINCT FROM (EXCLUDED."consentPersonalisation", EXCLUDED."consentPartnerSharing")
              OR (EXCLUDED."emailHash" IS NOT NULL AND member."emailHash" IS DISTINCT FROM EXCLUDED."emailHash")
              OR (EXCLUDED."phoneHash" IS NOT NULL AND member."phoneHash" IS DISTINCT FROM EXCLUDED."phoneHash")
              OR (EXCLUDED.city IS NOT NULL AND member.city IS DISTINCT FROM EXCLUDED.city)
           RETURNING id, (xmax = 0) AS ins, "consentPersonalisation" AS cp, "consentPartnerSharing" AS cs
         ), moved AS (
           SELECT w.id, b.key, v.flag, v.f, v.t
           FROM w LEFT JOIN before b ON b.id = w.id
           CROSS JOIN LATERAL (VALUES ('PERSONALISATION'::"ConsentFlag", b.cp, w.cp), ('PARTNER_SHARING'::"ConsentFlag", b.cs, w.cs)) AS v(flag, f, t)
           WHERE v.f IS DISTINCT FROM v.t
         ), history AS (
           INSERT INTO consent_change ("memberId", flag, "from", "to", source, "sourceId", "actorId", "actorEmail")
           SELECT id, flag, f, t, 'IMPORT', $1::uuid, $2::uuid, $3 FROM moved
         )
         SELECT (SELECT count(*) FROM w WHERE ins) AS inserted, (SELECT count(*) FROM w WHERE NOT ins) AS updated,
                (SELECT coalesce(json_agg(g), '[]'::json) FROM (SELECT flag, f AS "from", t AS "to", count(*)::int AS members FROM moved GROUP BY 1, 2, 3) g) AS groups,
                (SELECT coalesce(array_agg(key ORDER BY key), '{}') FROM moved WHERE flag = 'PARTNER_SHARING' AND f AND NOT t) AS withdrawn`,
        [ctx.jobId, ctx.actor?.id ?? null, ctx.actor?.email ?? null],
      );
      await matchPartnerCustomers(client);
      // A withdrawal by file reaches the partners holding the member in a delivered file, as one on the screen does
      // (docs/member-rights.md), in this import's transaction: the files are marked, the pseudonyms go on the suppression lists.
      const reached = await suppressMembersInPartnerFiles(client, rows[0].withdrawn, 'CONSENT_WITHDRAWN', (partnerId, key) =>
        ctx.hasher.pseudonymFor(partnerId, key),
      );
      const partnersNotified = [...new Set([...reached.values()].flat())].sort();
      return {
        inserted: Number(rows[0].inserted),
        updated: Number(rows[0].updated),
        consent: tallyConsentChanges(rows[0].groups, kept),
        notes: notes + suppressed,
        suppressed,
        ...(rows[0].withdrawn.length > 0
          ? { extra: { withdrawalsCarried: [...reached.values()].filter((p) => p.length > 0).length, partnersNotified } }
          : {}),
      };
    },
  };
}

/**
 * Keeps as stored the consents the importer's role may not turn on
 * (mayChangeConsent): the staged rows that would turn one on are set
 * back to off (what a member whose stored flag is not on has, or a new
 * member gets by default), and each gets a note in the report. Turning off
 * is never held back.
 */
async function holdConsentGrants(
  client: PoolClient,
  ctx: WriterContext,
): Promise<{ kept: Partial<Record<ConsentFlagName, number>>; notes: number }> {
  // A retried job writes its notes again: the import is one transaction, so the earlier attempt's are either committed with a finished import or gone.
  await client.query('DELETE FROM import_note WHERE "jobId" = $1', [ctx.jobId]);
  const kept: Partial<Record<ConsentFlagName, number>> = {};
  let notes = 0;
  for (const flag of consentFlagsHeldFor(ctx.actor?.role ?? null)) {
    const column = CONSENT_STAGING[flag];
    const field = CONSENT_FLAG_FIELDS[flag];
    const result = await client.query(
      `WITH held AS (
         UPDATE import_staging s SET ${column} = false
         WHERE s.${column} AND NOT EXISTS (SELECT 1 FROM member m WHERE m."memberKey" = s.member_key AND m."${field}")
         RETURNING s.row
       )
       INSERT INTO import_note ("jobId", "rowNumber", field, note) SELECT $1::uuid, row, $2, $3 FROM held ORDER BY row`,
      [ctx.jobId, field, consentHeldNote(flag)],
    );
    kept[flag] = result.rowCount ?? 0;
    notes += kept[flag];
  }
  return { kept, notes };
}

export function itemsWriter(ctx: WriterContext, domain: 'KNOWLEDGE' | 'PARTNER'): ImportWriter<ItemRow> {
  const owner = domain === 'PARTNER' ? `i.domain = 'PARTNER' AND i."partnerId" = '${ctx.partnerId}'::uuid` : `i.domain = 'KNOWLEDGE'`;
  return {
    columns: IMPORT_COLUMNS[domain === 'PARTNER' ? 'partner-items' : 'knowledge-items'],
    ...keyedBy('externalKey'),
    validate: validateItemRow,
    staging: [
      ['external_key', 'text'],
      ['kind', 'text'],
      ['title', 'text'],
      ['category', 'text'],
      ['tags', 'text'],
      ['price', 'numeric'],
    ],
    toCopy: (r) => [r.externalKey, r.kind, r.title, r.category, r.tags.join(TAG_SEPARATOR), r.price],
    checks: [
      {
        field: 'externalKey',
        reason:
          domain === 'PARTNER' ? "belongs to another catalogue (the platform's or another partner's)" : "belongs to a partner's catalogue",
        where: `EXISTS (SELECT 1 FROM item i WHERE i."externalKey" = s.external_key AND NOT (${owner}))`,
        value: 's.external_key',
      },
    ],
    write: (client) =>
      counted(
        client,
        `INSERT INTO item ("externalKey", domain, "partnerId", kind, title, category, tags, price)
         SELECT external_key, $1::"ItemDomain", $2::uuid, kind, title, category, string_to_array(NULLIF(tags, ''), '${TAG_SEPARATOR}'), price FROM import_staging ORDER BY row
         ON CONFLICT ("externalKey") DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, category = EXCLUDED.category,
           tags = COALESCE(EXCLUDED.tags, '{}'), price = EXCLUDED.price, "updatedAt" = now()
         WHERE (item.kind, item.title, item.category, item.tags, item.price) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.title, EXCLUDED.category, COALESCE(EXCLUDED.tags, '{}'), EXCLUDED.price)
         RETURNING (xmax = 0) AS ins`,
        [domain, ctx.partnerId],
      ),
  };
}

export function interactionsWriter(ctx: WriterContext): ImportWriter<InteractionRow> {
  return {
    columns: IMPORT_COLUMNS.interactions,
    ...keyedBy('eventId'),
    validate: (record) => validateInteractionRow(record),
    staging: [
      ['event_id', 'text'],
      ['member_key', 'text'],
      ['item_key', 'text'],
      ['type', 'text'],
      ['weight', 'float8'],
      ['amount', 'numeric'],
      ['occurred_at', 'timestamptz'],
      ['source', 'text'],
      ['suppression_hash', 'text'],
    ],
    toCopy: (r) => [
      r.eventId,
      r.memberKey,
      r.itemKey,
      r.type,
      r.weight,
      r.amount,
      r.occurredAt,
      r.source,
      ctx.hasher.hashMemberKey(r.memberKey),
    ],
    checks: [
      // An erased member's rows are not unknown: the write leaves them out with a note instead.
      {
        field: 'memberKey',
        reason: 'unknown member',
        where:
          'NOT EXISTS (SELECT 1 FROM member m WHERE m."memberKey" = s.member_key) AND NOT EXISTS (SELECT 1 FROM suppressed_member_key k WHERE k."keyHash" = s.suppression_hash)',
        value: 's.member_key',
      },
      {
        field: 'itemKey',
        reason: 'unknown item',
        where: 'NOT EXISTS (SELECT 1 FROM item i WHERE i."externalKey" = s.item_key)',
        value: 's.item_key',
      },
    ],
    // PostgreSQL inserts one chunk while the next is parsed; duplicates across chunks are caught by the runner's key map.
    writesInChunks: true,
    write: async (client) => {
      const suppressed = await leaveOutSuppressed(client, ctx.jobId);
      const result = await insertNewInteractions(
        client,
        `SELECT s.event_id, m.id, i.id, s.type::"InteractionType", s.weight, s.amount, s.occurred_at AT TIME ZONE 'UTC', s.source
         FROM import_staging s JOIN member m ON m."memberKey" = s.member_key JOIN item i ON i."externalKey" = s.item_key
         ORDER BY s.occurred_at`,
      );
      return { inserted: result, updated: 0, notes: suppressed, suppressed };
    },
  };
}

export function reviewsWriter(ctx: WriterContext): ImportWriter<ReviewRow> {
  return {
    columns: IMPORT_COLUMNS.reviews,
    ...keyedBy('externalId'),
    validate: validateReviewRow,
    staging: [
      ['external_id', 'text'],
      ['item_key', 'text'],
      ['member_key', 'text'],
      ['rating', 'int'],
      ['text', 'text'],
      ['reviewed_at', 'timestamptz'],
    ],
    toCopy: (r) => [r.externalId, r.itemKey, r.memberKey, r.rating, r.text, r.reviewedAt],
    checks: [
      {
        field: 'itemKey',
        reason: "unknown item (not in this partner's catalogue)",
        where: `s.item_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM item i WHERE i."externalKey" = s.item_key AND i."partnerId" = '${ctx.partnerId}'::uuid)`,
        value: 's.item_key',
      },
      {
        field: 'memberKey',
        reason: 'unknown member',
        where: 's.member_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member m WHERE m."memberKey" = s.member_key)',
        value: 's.member_key',
      },
      {
        field: 'externalId',
        reason: 'belongs to a review of another partner',
        where: `EXISTS (SELECT 1 FROM partner_review r WHERE r."externalId" = s.external_id AND r."partnerId" <> '${ctx.partnerId}'::uuid)`,
        value: 's.external_id',
      },
    ],
    write: async (client) => {
      const result = await client.query(
        `INSERT INTO partner_review ("externalId", "partnerId", "itemId", "memberId", rating, text, "reviewedAt")
         SELECT s.external_id, $1::uuid, i.id, m.id, s.rating, s.text, s.reviewed_at AT TIME ZONE 'UTC'
         FROM import_staging s LEFT JOIN item i ON i."externalKey" = s.item_key LEFT JOIN member m ON m."memberKey" = s.member_key
         ON CONFLICT ("externalId") DO NOTHING`,
        [ctx.partnerId],
      );
      return { inserted: result.rowCount ?? 0, updated: 0 };
    },
  };
}

export function marketSignalsWriter(): ImportWriter<MarketSignalRow> {
  return {
    columns: IMPORT_COLUMNS['market-signals'],
    keyField: 'period',
    key: (r) => `${r.category}\u0000${r.period.toISOString().slice(0, 10)}\u0000${r.source}`,
    duplicateReason: (first, key) => `duplicate signal ${key.split('\u0000').join(' / ')} (first in row ${first})`,
    validate: validateMarketSignalRow,
    staging: [
      ['category', 'text'],
      ['period', 'date'],
      ['idx', 'float8'],
      ['source', 'text'],
    ],
    toCopy: (r) => [r.category, r.period.toISOString().slice(0, 10), r.index, r.source],
    checks: [],
    write: async (client) => {
      const result = await client.query(
        `INSERT INTO market_signal (category, period, index, source) SELECT category, period, idx, source FROM import_staging ORDER BY row
         ON CONFLICT (category, period, source) DO NOTHING`,
      );
      return { inserted: result.rowCount ?? 0, updated: 0 };
    },
  };
}

export function customerListWriter(ctx: WriterContext): ImportWriter<CustomerListRow> {
  return {
    columns: IMPORT_COLUMNS['customer-list'],
    keyField: 'email',
    key: (r) => r.matchHash,
    duplicateReason: (first) => `duplicate customer: same identifier as row ${first}`,
    validate: (record) => validateCustomerListRow(record, ctx.hasher),
    staging: [
      ['match_hash', 'text'],
      ['email_hash', 'text'],
      ['phone_hash', 'text'],
    ],
    toCopy: (r) => [r.matchHash, r.emailHash, r.phoneHash],
    checks: [],
    write: async (client) => {
      // Matched by e-mail hash, else by phone hash: both hashes are known here even when only one is stored.
      const result = await client.query(
        `INSERT INTO partner_customer ("partnerId", "matchHash", "memberId")
         SELECT $1::uuid, s.match_hash,
                COALESCE((SELECT m.id FROM member m WHERE m."emailHash" = s.email_hash ORDER BY m.id LIMIT 1),
                         (SELECT m.id FROM member m WHERE m."phoneHash" = s.phone_hash ORDER BY m.id LIMIT 1))
         FROM import_staging s ORDER BY s.row
         ON CONFLICT ("partnerId", "matchHash") DO NOTHING`,
        [ctx.partnerId],
      );
      await matchPartnerCustomers(client);
      return { inserted: result.rowCount ?? 0, updated: 0 };
    },
  };
}
