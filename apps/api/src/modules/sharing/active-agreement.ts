import { Prisma } from '@crosslane/db';
import { agreementInForce } from '@crosslane/domain-rules';
import type { AgreementTerms } from '@crosslane/domain-privacy';

/** NOISE mode defaults (docs/privacy.md explains them): 60 fresh releases a month, each within +-30 of the truth 95 % of the time. */
export const DEFAULT_EPSILON_BUDGET = 6;
export const DEFAULT_EPSILON_PER_QUERY = 0.1;

export type SharingAgreement = Prisma.SharingAgreementGetPayload<object>;
type AgreementReader = Pick<Prisma.TransactionClient, 'sharingAgreement'>;

/**
 * The one read of a partner's agreement: its current version, the ACTIVE one
 * (there is at most one; a new version supersedes the old in the same
 * transaction), whatever its dates. The export rules read it so that a
 * refusal can say "expired" or "not yet valid"; everyone else asks
 * findAgreementInForce.
 */
export function findCurrentAgreement(db: AgreementReader, partnerId: string): Promise<SharingAgreement | null> {
  return db.sharingAgreement.findFirst({ where: { partnerId, status: 'ACTIVE' }, orderBy: { version: 'desc' } });
}

/** The partner's agreement when it is in force at `now` (agreementInForce, @crosslane/domain-rules: validity inclusive at both ends), else null. */
export async function findAgreementInForce(db: AgreementReader, partnerId: string, now: Date): Promise<SharingAgreement | null> {
  const current = await findCurrentAgreement(db, partnerId);
  return agreementInForce(current, now) ? current : null;
}

/**
 * agreementInForce as a Prisma filter, for the set-wise reads that cannot
 * call the function row by row (every partner's agreement at once). The same
 * decision: ACTIVE, validFrom <= now <= validTo, both ends inclusive; a change
 * to agreementInForce must change these two with it.
 */
export function agreementInForceWhere(now: Date): Prisma.SharingAgreementWhereInput {
  return { status: 'ACTIVE', validFrom: { lte: now }, validTo: { gte: now } };
}

/** agreementInForce as a SQL condition on a sharing_agreement row (alias `table`), for raw queries: the same inclusive ends. */
export function agreementInForceSql(now: Date, table = 'sharing_agreement'): Prisma.Sql {
  const t = Prisma.raw(`"${table.replace(/"/g, '')}"`);
  return Prisma.sql`${t}.status = 'ACTIVE' AND ${t}."validFrom" <= ${now} AND ${t}."validTo" >= ${now}`;
}

/** An agreement row's terms: what the privacy rules read, the audit log diffs and the API's agreement DTO lists. */
export function agreementTerms(row: SharingAgreement) {
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
  } satisfies AgreementTerms;
}
