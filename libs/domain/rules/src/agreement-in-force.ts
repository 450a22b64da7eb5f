/**
 * Whether a sharing agreement is in force: the one definition every caller
 * uses (the export rules, the disclosure gate, the campaign planner, the
 * segment-partner counts and the recommender's partner list, the last two
 * through the SQL predicate in the sharing module that mirrors this).
 *
 * Validity is inclusive at both ends: an agreement valid from A to B is in
 * force at A and still in force at the instant B, as a contract "valid to
 * 31 March" is read, and out of force one millisecond later. Dates are
 * instants (the API stores calendar dates as midnight UTC), so "through B"
 * means through that instant, not through the end of B's day.
 */

/** The parts of an agreement that decide whether it is in force. */
export interface AgreementValidity {
  status: 'ACTIVE' | 'SUPERSEDED' | 'REVOKED';
  validFrom: Date;
  validTo: Date;
}

/** Where `now` lies against an agreement's dates: before validFrom, inside (inclusive at both ends), or after validTo. */
export type ValidityWindow = 'NOT_YET_VALID' | 'VALID' | 'EXPIRED';

/**
 * agreementValidityAt: where `now` lies against [validFrom, validTo], both ends inclusive.
 * Example: agreementValidityAt({validFrom: 2026-01-01, validTo: 2026-12-31}, 2026-12-31T00:00Z) gives 'VALID'
 */
export function agreementValidityAt(agreement: Pick<AgreementValidity, 'validFrom' | 'validTo'>, now: Date): ValidityWindow {
  if (now.getTime() < agreement.validFrom.getTime()) return 'NOT_YET_VALID';
  if (now.getTime() > agreement.validTo.getTime()) return 'EXPIRED';
  return 'VALID';
}

/**
 * agreementInForce: true when the agreement is ACTIVE (not superseded, not
 * revoked) and `now` lies inside its validity, both ends inclusive.
 * Example: agreementInForce({status: 'ACTIVE', validFrom, validTo}, validTo) gives true; one millisecond later, false.
 */
export function agreementInForce(agreement: AgreementValidity | null | undefined, now: Date): boolean {
  return !!agreement && agreement.status === 'ACTIVE' && agreementValidityAt(agreement, now) === 'VALID';
}
