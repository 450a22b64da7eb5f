import { Prisma } from '@crosslane/db';
import type { PoolClient } from 'pg';

/**
 * The transaction the search and the suppression run in: the caller's
 * Prisma transaction (screen, erasure, access) or the pg client of an
 * import, which writes members set-based in its own transaction and must
 * carry its withdrawals in that same commit.
 */
export type PartnerFilesTx = Prisma.TransactionClient | PoolClient;

async function sql<T>(tx: PartnerFilesTx, text: string, values: unknown[]): Promise<T[]> {
  if ('$queryRawUnsafe' in tx) return tx.$queryRawUnsafe<T[]>(text, ...values);
  return (await (tx as PoolClient).query(text, values)).rows as T[];
}

/** Derives a member's pseudonym for a partner (IdentityService.pseudonymFor). */
export type PseudonymFor = (partnerId: string, memberKey: string) => string;

export interface FileHoldingMember {
  id: string;
  partnerId: string;
  pseudonym: string;
}

/**
 * The one answer to "which partner files hold these members": every member
 * list that carried partner_pseudonym and still has its bytes, searched
 * for each member's pseudonym for that file's partner. Used by the access
 * package, the erasure and the consent withdrawal (screen and import), so
 * they agree. Each file's bytes are read once for the whole set of members,
 * not once per member: a batch erasure or an import of withdrawals would
 * otherwise read every file thousands of times.
 */
export async function filesHoldingMembers(
  tx: PartnerFilesTx,
  memberKeys: readonly string[],
  pseudonymFor: PseudonymFor,
  readyOnly = false,
): Promise<Map<string, FileHoldingMember[]>> {
  const held = new Map<string, FileHoldingMember[]>();
  const keys = [...new Set(memberKeys)];
  if (keys.length === 0) return held;
  const files = await sql<{ id: string; partnerId: string }>(
    tx,
    `SELECT id::text, "partnerId"::text AS "partnerId" FROM partner_export
     WHERE kind = 'MEMBER_LIST' AND 'partner_pseudonym' = ANY(fields) AND content IS NOT NULL AND ($1::boolean IS FALSE OR status = 'READY')
     ORDER BY "createdAt", id`,
    [readyOnly],
  );
  for (const file of files) {
    // One file's bytes at a time, so memory holds at most the largest file.
    const [row] = await sql<{ content: Uint8Array | null }>(tx, `SELECT content FROM partner_export WHERE id = $1::uuid`, [file.id]);
    if (!row?.content) continue;
    const content = Buffer.from(row.content);
    for (const key of keys) {
      const pseudonym = pseudonymFor(file.partnerId, key);
      if (!content.includes(pseudonym, 0, 'utf8')) continue;
      const list = held.get(key) ?? [];
      list.push({ ...file, pseudonym });
      held.set(key, list);
    }
  }
  return held;
}

/** filesHoldingMembers for one member. */
export async function filesHoldingMember(
  tx: PartnerFilesTx,
  memberKey: string,
  pseudonymFor: PseudonymFor,
  readyOnly = false,
): Promise<FileHoldingMember[]> {
  return (await filesHoldingMembers(tx, [memberKey], pseudonymFor, readyOnly)).get(memberKey) ?? [];
}

/**
 * Carries withdrawals or erasures to the partners that hold the members in
 * a still-valid (READY) file: each such file is marked (withdrawnMembers +
 * 1 per member, once per member) and each partner gets the pseudonyms on
 * its suppression list, which its next delivery carries. A member already
 * on a partner's list is not added twice; an erasure after a withdrawal
 * upgrades the reason. Set-based: one insert for the whole set, one update
 * of the files. Returns, per member key, the partners reached.
 */
export async function suppressMembersInPartnerFiles(
  tx: PartnerFilesTx,
  memberKeys: readonly string[],
  reason: 'CONSENT_WITHDRAWN' | 'ERASED',
  pseudonymFor: PseudonymFor,
): Promise<Map<string, string[]>> {
  const held = await filesHoldingMembers(tx, memberKeys, pseudonymFor, true);
  const reached = new Map<string, string[]>();
  // The first file per (member, partner) is the one the suppression row names.
  const rows: { partnerId: string; pseudonym: string; exportId: string; fileIds: string[] }[] = [];
  for (const [key, files] of held) {
    const perPartner = new Map<string, { partnerId: string; pseudonym: string; exportId: string; fileIds: string[] }>();
    for (const f of files) {
      const entry = perPartner.get(f.partnerId) ?? { partnerId: f.partnerId, pseudonym: f.pseudonym, exportId: f.id, fileIds: [] };
      entry.fileIds.push(f.id);
      perPartner.set(f.partnerId, entry);
    }
    rows.push(...perPartner.values());
    reached.set(key, [...perPartner.keys()]);
  }
  if (rows.length === 0) return reached;
  const added = (
    await sql<{ partnerId: string; pseudonym: string; added: boolean }>(
      tx,
      `INSERT INTO partner_suppression ("partnerId", pseudonym, reason, "exportId")
       SELECT p::uuid, s, $1, e::uuid FROM unnest($2::text[], $3::text[], $4::text[]) AS t(p, s, e)
       ON CONFLICT ("partnerId", pseudonym) DO UPDATE SET reason = CASE WHEN EXCLUDED.reason = 'ERASED' THEN 'ERASED' ELSE partner_suppression.reason END
       RETURNING "partnerId"::text AS "partnerId", pseudonym, (xmax = 0) AS added`,
      [reason, rows.map((r) => r.partnerId), rows.map((r) => r.pseudonym), rows.map((r) => r.exportId)],
    )
  ).filter((x) => x.added);
  // A member counts once per file, however many times they are suppressed (a withdrawal, then an erasure).
  const newly = new Set(added.map((a) => `${a.partnerId}|${a.pseudonym}`));
  const perFile = new Map<string, number>();
  for (const r of rows) {
    if (!newly.has(`${r.partnerId}|${r.pseudonym}`)) continue;
    for (const id of r.fileIds) perFile.set(id, (perFile.get(id) ?? 0) + 1);
  }
  if (perFile.size > 0)
    await sql(
      tx,
      `UPDATE partner_export e SET "withdrawnMembers" = e."withdrawnMembers" + c.n
       FROM unnest($1::text[], $2::int[]) AS c(id, n) WHERE e.id = c.id::uuid`,
      [[...perFile.keys()], [...perFile.values()]],
    );
  return reached;
}

/** suppressMembersInPartnerFiles for one member: the partners reached. */
export async function suppressInPartnerFiles(
  tx: PartnerFilesTx,
  memberKey: string,
  reason: 'CONSENT_WITHDRAWN' | 'ERASED',
  pseudonymFor: PseudonymFor,
): Promise<string[]> {
  return (await suppressMembersInPartnerFiles(tx, [memberKey], reason, pseudonymFor)).get(memberKey) ?? [];
}
