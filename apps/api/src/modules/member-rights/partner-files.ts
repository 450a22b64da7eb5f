import { Prisma } from '@crosslane/db';

/** Derives a member's pseudonym for a partner (IdentityService.pseudonymFor). */
export type PseudonymFor = (partnerId: string, memberKey: string) => string;

export interface FileHoldingMember {
  id: string;
  partnerId: string;
  pseudonym: string;
}

/**
 * The one answer to "which partner files hold this member": every member
 * list that carried partner_pseudonym and still has its bytes, searched
 * for the member's pseudonym for that file's partner. Used by the access
 * package, the erasure and the consent withdrawal, so they agree.
 */
export async function filesHoldingMember(
  tx: Prisma.TransactionClient,
  memberKey: string,
  pseudonymFor: PseudonymFor,
  readyOnly = false,
): Promise<FileHoldingMember[]> {
  const files = await tx.partnerExport.findMany({
    where: {
      kind: 'MEMBER_LIST',
      fields: { has: 'partner_pseudonym' },
      content: { not: null },
      ...(readyOnly ? { status: 'READY' as const } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, partnerId: true },
  });
  const held: FileHoldingMember[] = [];
  for (const file of files) {
    const pseudonym = pseudonymFor(file.partnerId, memberKey);
    const [hit] = await tx.$queryRaw<
      { found: boolean }[]
    >`SELECT position(convert_to(${pseudonym}, 'UTF8') in content) > 0 AS found FROM partner_export WHERE id = ${file.id}::uuid`;
    if (hit?.found) held.push({ ...file, pseudonym });
  }
  return held;
}

/**
 * Carries a withdrawal or an erasure to the partners that hold the member
 * in a still-valid (READY) file: each such file is marked
 * (withdrawnMembers + 1, once per member) and each partner gets the pseudonym on its
 * suppression list, which its next delivery carries. A member already on
 * a partner's list is not added twice; an erasure after a withdrawal
 * upgrades the reason. Returns the partners reached.
 */
export async function suppressInPartnerFiles(
  tx: Prisma.TransactionClient,
  memberKey: string,
  reason: 'CONSENT_WITHDRAWN' | 'ERASED',
  pseudonymFor: PseudonymFor,
): Promise<string[]> {
  const held = await filesHoldingMember(tx, memberKey, pseudonymFor, true);
  if (held.length === 0) return [];
  const firstPerPartner = new Map<string, FileHoldingMember>();
  for (const f of held) if (!firstPerPartner.has(f.partnerId)) firstPerPartner.set(f.partnerId, f);
  for (const f of firstPerPartner.values()) {
    const [row] = await tx.$queryRaw<{ added: boolean }[]>`
      INSERT INTO partner_suppression ("partnerId", pseudonym, reason, "exportId") VALUES (${f.partnerId}::uuid, ${f.pseudonym}, ${reason}, ${f.id}::uuid)
      ON CONFLICT ("partnerId", pseudonym) DO UPDATE SET reason = CASE WHEN EXCLUDED.reason = 'ERASED' THEN 'ERASED' ELSE partner_suppression.reason END
      RETURNING (xmax = 0) AS added`;
    // A member counts once per file, however many times they are suppressed (a withdrawal, then an erasure).
    if (row?.added)
      await tx.partnerExport.updateMany({
        where: { id: { in: held.filter((h) => h.partnerId === f.partnerId).map((h) => h.id) } },
        data: { withdrawnMembers: { increment: 1 } },
      });
  }
  return [...firstPerPartner.keys()];
}
