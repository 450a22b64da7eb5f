import { agreementValidityAt, type AgreementValidity } from '@crosslane/domain-rules';
import { EXPORTABLE_FIELDS, type ExportableField, type ExportKind, type SharingRule } from '@crosslane/contracts';

/** The parts of a sharing agreement the rules read. */
export interface AgreementTerms extends AgreementValidity {
  fieldsAllowed: readonly string[];
  purposesAllowed: readonly string[];
  segmentsAllowed: readonly string[];
  minGroupSize: number;
  consentRequired: boolean;
  /** Read by the disclosure gate, not by the export rules: kept here so an agreement's change lists them. */
  privacyMode?: 'THRESHOLD' | 'NOISE';
  epsilonBudget?: number;
  epsilonPerQuery?: number;
}

export interface ExportRequestTerms {
  purpose: string;
  kind: ExportKind;
  fields: readonly string[];
  segmentId?: string | null;
  includeNonConsented?: boolean;
}

export type ExportDecision = { allowed: true } | { allowed: false; rule: SharingRule; message: string; field: string };

const refuse = (rule: SharingRule, field: string, message: string): ExportDecision => ({ allowed: false, rule, field, message });

/** True when the field may be a column of the given kind of export. */
export function fieldFitsKind(field: ExportableField, kind: ExportKind): boolean {
  const level: string = EXPORTABLE_FIELDS[field].level;
  return kind === 'MEMBER_LIST' ? level.startsWith('member') : level.endsWith('dimension') || level === 'aggregate';
}

/**
 * evaluateExportRequest: checks an export request against the partner's
 * agreement, rule by rule in a fixed order, and returns the first rule that
 * forbids it (deny by default: no agreement, nothing leaves). The order and
 * the rules follow docs/sharing.md; the method is a plain attribute-based
 * policy check in the style of XACML's "first applicable" combining.
 *
 * Example: evaluateExportRequest(null, {purpose:'MEASUREMENT', kind:'AGGREGATE', fields:['city','member_count']}, now)
 *   gives { allowed: false, rule: 'NO_ACTIVE_AGREEMENT', ... }
 */
export function evaluateExportRequest(agreement: AgreementTerms | null, request: ExportRequestTerms, now: Date): ExportDecision {
  if (!agreement || agreement.status !== 'ACTIVE') {
    return refuse('NO_ACTIVE_AGREEMENT', 'partnerId', 'This partner has no active sharing agreement: nothing may be shared');
  }
  // Validity is decided once, in agreementValidityAt (inclusive at both ends); here only which refusal names it.
  const validity = agreementValidityAt(agreement, now);
  if (validity === 'NOT_YET_VALID') {
    return refuse('AGREEMENT_NOT_YET_VALID', 'partnerId', `The agreement is valid only from ${agreement.validFrom.toISOString()}`);
  }
  if (validity === 'EXPIRED') {
    return refuse('AGREEMENT_EXPIRED', 'partnerId', `The agreement expired on ${agreement.validTo.toISOString()}`);
  }
  if (!agreement.purposesAllowed.includes(request.purpose)) {
    return refuse(
      'PURPOSE_NOT_ALLOWED',
      'purpose',
      `Purpose ${request.purpose} is not allowed by the agreement (allowed: ${agreement.purposesAllowed.join(', ') || 'none'})`,
    );
  }
  if (request.fields.length === 0) return refuse('UNKNOWN_FIELD', 'fields', 'At least one field is required');
  for (const field of request.fields) {
    if (!(field in EXPORTABLE_FIELDS))
      return refuse('UNKNOWN_FIELD', 'fields', `Field ${field} is not in the catalogue of exportable fields`);
  }
  for (const field of request.fields) {
    if (!fieldFitsKind(field as ExportableField, request.kind)) {
      return refuse('FIELD_NOT_FOR_KIND', 'fields', `Field ${field} cannot be part of a ${request.kind} export`);
    }
  }
  if (request.kind === 'AGGREGATE') {
    const dimensions = request.fields.filter((f) => f !== 'member_count');
    if (dimensions.length !== 1 || !request.fields.includes('member_count')) {
      return refuse('FIELD_NOT_FOR_KIND', 'fields', 'An AGGREGATE export takes exactly one dimension field and member_count');
    }
  }
  for (const field of request.fields) {
    if (!agreement.fieldsAllowed.includes(field)) {
      return refuse(
        'FIELD_NOT_ALLOWED',
        'fields',
        `Field ${field} is not allowed by the agreement (allowed: ${agreement.fieldsAllowed.join(', ') || 'none'})`,
      );
    }
  }
  if (request.kind === 'MEMBER_LIST' && !request.segmentId) {
    return refuse('SEGMENT_REQUIRED', 'segmentId', 'A MEMBER_LIST export needs a segment that the agreement allows');
  }
  if (request.segmentId && !agreement.segmentsAllowed.includes(request.segmentId)) {
    return refuse('SEGMENT_NOT_ALLOWED', 'segmentId', `Segment ${request.segmentId} is not allowed by the agreement`);
  }
  if (request.includeNonConsented && agreement.consentRequired) {
    return refuse(
      'CONSENT_REQUIRED',
      'includeNonConsented',
      'The agreement requires consent: members who did not consent to partner sharing cannot be included',
    );
  }
  return { allowed: true };
}
