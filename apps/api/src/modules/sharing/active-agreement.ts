import type { Prisma } from '@crosslane/db';
import type { AgreementTerms } from '@crosslane/domain-privacy';

export const DEFAULT_MIN_GROUP_SIZE = 50;
/** NOISE mode defaults (docs/privacy.md explains them): 60 fresh releases a month, each within +-30 of the truth 95 % of the time. */
export const DEFAULT_EPSILON_BUDGET = 6;
export const DEFAULT_EPSILON_PER_QUERY = 0.1;

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
    privacyMode: row.privacyMode,
    epsilonBudget: row.epsilonBudget,
    epsilonPerQuery: row.epsilonPerQuery,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}
