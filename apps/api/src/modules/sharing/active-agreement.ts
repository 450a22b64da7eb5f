import type { Prisma } from '@crosslane/db';
import type { AgreementTerms } from '@crosslane/domain-privacy';

export const DEFAULT_MIN_GROUP_SIZE = 50;

export type SharingAgreement = Prisma.SharingAgreementGetPayload<object>;

/** The partner's current version: the ACTIVE one, if any (there is at most one). */
export function findActiveAgreement(db: Prisma.TransactionClient, partnerId: string): Promise<SharingAgreement | null> {
  return db.sharingAgreement.findFirst({ where: { partnerId, status: 'ACTIVE' }, orderBy: { version: 'desc' } });
}

export function agreementTerms(row: SharingAgreement): AgreementTerms {
  return {
    status: row.status,
    fieldsAllowed: row.fieldsAllowed,
    purposesAllowed: row.purposesAllowed,
    segmentsAllowed: row.segmentsAllowed,
    minGroupSize: row.minGroupSize,
    consentRequired: row.consentRequired,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}
