import type { Prisma } from '@crosslane/db';
import { exportFileShareable } from '@crosslane/domain-privacy';
import type { AuditEntry, AuditService } from '../../core/audit/audit.service';
import type { SharingAgreement } from './active-agreement';

/** A set of exports that expire for one reason, with the sentence a later link or download request is answered with. */
export interface ExportsToExpire {
  where: Prisma.PartnerExportWhereInput;
  reason: string;
  message: string;
}

export type ExpiryEvent = Pick<AuditEntry, 'actor' | 'ip' | 'entityType' | 'entityId'> & { detail: Record<string, unknown> };

/**
 * The one place a partner file is dropped: the READY exports among each set
 * become EXPIRED, their bytes are set to null and the reason is kept on the
 * row, then one `export.expire` event lists them all. Runs inside the
 * caller's transaction, so an agreement's revocation or new version and the
 * end of its files commit together. The update is guarded on READY, so two
 * runs racing (a revocation and the nightly job) expire and count each file once.
 */
export async function expireExports(
  tx: Prisma.TransactionClient,
  audit: AuditService,
  sets: ExportsToExpire[],
  event: ExpiryEvent,
): Promise<string[]> {
  const byReason = new Map<string, string[]>();
  for (const set of sets) {
    const expired = await tx.partnerExport.updateManyAndReturn({
      where: { AND: [set.where, { status: 'READY' }] },
      data: { status: 'EXPIRED', content: null, refusedReason: set.message },
      select: { id: true },
    });
    if (expired.length > 0) byReason.set(set.reason, [...(byReason.get(set.reason) ?? []), ...expired.map((e) => e.id)]);
  }
  const exportIds = [...byReason.values()].flat();
  if (exportIds.length === 0) return exportIds;
  await audit.record(
    {
      action: 'export.expire',
      outcome: 'SUCCESS',
      actor: event.actor,
      ip: event.ip,
      entityType: event.entityType,
      entityId: event.entityId,
      detail: {
        ...event.detail,
        reason: [...byReason.keys()].join(' and '),
        exports: exportIds.length,
        exportIds,
        // Only a run that mixes reasons needs to say which file went for which.
        ...(byReason.size > 1 ? { byReason: Object.fromEntries(byReason) } : {}),
      },
    },
    tx,
  );
  return exportIds;
}

/**
 * An agreement that stops being the active version takes its files with it:
 * called in the same transaction as the revocation or the new version.
 */
export function expireExportsOfAgreement(
  tx: Prisma.TransactionClient,
  audit: AuditService,
  agreement: SharingAgreement,
  endedAs: 'REVOKED' | 'SUPERSEDED',
  by: Pick<AuditEntry, 'actor' | 'ip'>,
  now: Date,
): Promise<string[]> {
  const reason = endedAs === 'REVOKED' ? 'agreement revoked' : 'agreement superseded';
  const message = exportFileShareable({ ...agreement, status: endedAs }, now)!;
  return expireExports(tx, audit, [{ where: { agreementId: agreement.id }, reason, message }], {
    ...by,
    entityType: 'sharing-agreement',
    entityId: agreement.id,
    detail: { partnerId: agreement.partnerId, version: agreement.version },
  });
}
