import { agreementValidityAt, type AgreementValidity } from '@crosslane/domain-rules';

/**
 * How long a built partner file may still be handed out. A file is shared
 * under the agreement it was built under, and only while that agreement is
 * the partner's active version and in force: the data-protection principles
 * of purpose and storage limitation (GDPR Art. 5(1)(b) and (e)) applied to a
 * file that has already been made. A new version, a revocation or the end of
 * validity ends it, and a retention period bounds it in any case.
 */

/** The agreement a file was built under: what decides whether the file may still leave. */
export interface ExportAgreementState extends AgreementValidity {
  id: string;
  version: number;
}

/** Why the retention job drops a file: its agreement no longer covers it, or it is older than the retention period. */
export type ExportExpiryReason = 'agreement ended' | 'retention';

export interface ExportExpiry {
  reason: ExportExpiryReason;
  /** The sentence kept on the export and given to whoever asks for the file later. */
  message: string;
}

const DAY_MS = 86_400_000;
const ASK_AGAIN = 'request a new export';

/**
 * exportFileShareable: null when a file built under this agreement may still
 * be shared at `now`, otherwise the reason, naming the version. Deny by
 * default: a file built under no agreement is never shareable. Validity is
 * decided by agreementValidityAt (@crosslane/domain-rules), inclusive at both ends.
 * Example: exportFileShareable({id:'a', version:2, status:'REVOKED', validFrom, validTo}, now)
 *   gives 'This export was built under agreement version 2, which was revoked: request a new export'
 */
export function exportFileShareable(agreement: ExportAgreementState | null, now: Date): string | null {
  if (!agreement) return `This export was built under no sharing agreement: ${ASK_AGAIN}`;
  const builtUnder = `This export was built under agreement version ${agreement.version}`;
  if (agreement.status === 'REVOKED') return `${builtUnder}, which was revoked: ${ASK_AGAIN}`;
  if (agreement.status === 'SUPERSEDED') return `${builtUnder}, which was superseded by a newer version: ${ASK_AGAIN}`;
  const validity = agreementValidityAt(agreement, now);
  if (validity === 'NOT_YET_VALID')
    return `${builtUnder}, which is not yet valid (valid from ${agreement.validFrom.toISOString()}): ${ASK_AGAIN}`;
  if (validity === 'EXPIRED') return `${builtUnder}, which expired on ${agreement.validTo.toISOString()}: ${ASK_AGAIN}`;
  return null;
}

/**
 * exportExpiry: whether a READY file should be dropped now, and why. Its
 * agreement ending (no agreement, no longer ACTIVE, or past validTo) comes
 * first; otherwise a file finished more than retentionDays ago goes. An
 * agreement not yet valid ends nothing: the file stays, unshareable, until it is.
 * Example: exportExpiry({finishedAt: new Date('2026-01-01')}, activeAgreement, 30, new Date('2026-02-15'))
 *   gives { reason: 'retention', message: 'This export was deleted after the 30-day retention period: request a new export' }
 */
export function exportExpiry(
  built: { finishedAt: Date },
  agreement: ExportAgreementState | null,
  retentionDays: number,
  now: Date,
): ExportExpiry | null {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new Error(`exportExpiry requires a positive integer retentionDays; got ${retentionDays}`);
  const ended = !agreement || agreement.status !== 'ACTIVE' || agreementValidityAt(agreement, now) === 'EXPIRED';
  if (ended) return { reason: 'agreement ended', message: exportFileShareable(agreement, now)! };
  if (now.getTime() - built.finishedAt.getTime() > retentionDays * DAY_MS) {
    return { reason: 'retention', message: `This export was deleted after the ${retentionDays}-day retention period: ${ASK_AGAIN}` };
  }
  return null;
}
