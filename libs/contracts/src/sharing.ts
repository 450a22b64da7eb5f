// Partners, sharing agreements, exports and audience overlap: the wire shapes
// and the fixed vocabularies both sides validate against.

import type { PartnerDto } from './catalogue';

/** The five criteria a joint campaign's partner is chosen by. */
export const SCORECARD_CRITERIA = ['brandFit', 'marketComplementarity', 'technicalSynergy', 'marketInfluence', 'uxConsistency'] as const;
export type ScorecardCriterion = (typeof SCORECARD_CRITERIA)[number];

export const SCORECARD_CRITERION_LABELS: Record<ScorecardCriterion, string> = {
  brandFit: 'Brand fit',
  marketComplementarity: 'Market complementarity',
  technicalSynergy: 'Technical synergy',
  marketInfluence: 'Market influence',
  uxConsistency: 'User-experience consistency',
};

/** One criterion: a score 0..5 and the manager's weight (any non-negative number; normalised for the total). */
export interface ScorecardEntry {
  score: number;
  weight: number;
}

export type PartnerScorecard = Record<ScorecardCriterion, ScorecardEntry>;

export interface PartnerDetailDto extends PartnerDto {
  scorecard: PartnerScorecard | null;
  /** Weighted mean of the scores, 0..5; null without a scorecard. */
  scorecardTotal: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatePartnerRequest {
  name: string;
  slug?: string;
  industry: string;
  status?: 'PROSPECT' | 'ACTIVE';
  contactName?: string | null;
  contactEmail?: string | null;
  website?: string | null;
}

export type UpdatePartnerRequest = Partial<Omit<CreatePartnerRequest, 'status'>> & { status?: PartnerDto['status'] };

/** A count that is shown only at or above the group-size threshold. */
export interface SuppressedCount {
  count: number | null;
  suppressed: boolean;
  threshold: number;
}

/** How the disclosure gate answered (docs/privacy.md). */
export interface DisclosureDto {
  /**
   * RELEASED: a new figure; REPEATED: the same question asked before, the same answer;
   * CARRIED: the population changed by fewer than k since an earlier figure, which is shown (dated);
   * WITHHELD: it differs from an earlier result by fewer than k; SUPPRESSED: below k;
   * REFUSED: the privacy budget is spent.
   */
  status: 'RELEASED' | 'REPEATED' | 'CARRIED' | 'WITHHELD' | 'SUPPRESSED' | 'REFUSED';
  mode: PrivacyMode;
  k: number;
  /** True when the count carries discrete-Laplace noise; errorBound is then its 95 % bound (the figure is within ±errorBound of the truth 95 % of the time). */
  noisy: boolean;
  errorBound: number | null;
  epsilonCharged: number;
  rule: string | null;
  message: string | null;
  /** When the figure shown was released. */
  releasedAt: string | null;
  /** For CARRIED and WITHHELD: when the earlier result it was compared with was released. */
  earlierResultAt: string | null;
}

/** A partner-derived count after the gate. */
export interface GatedCount extends SuppressedCount {
  disclosure: DisclosureDto;
}

export const PRIVACY_MODES = ['THRESHOLD', 'NOISE'] as const;
export type PrivacyMode = (typeof PRIVACY_MODES)[number];

/** The partner page's privacy panel: this month's budget and the refused releases. */
export interface PartnerPrivacyDto {
  partnerId: string;
  mode: PrivacyMode;
  k: number;
  agreementId: string | null;
  period: string;
  refreshesOn: string;
  epsilonBudget: number;
  epsilonPerQuery: number;
  epsilonSpent: number;
  epsilonLeft: number;
  releases: number;
  refusals: {
    at: string;
    rule: string;
    message: string;
    metric: string | null;
    source: string | null;
    earlierResultAt: string | null;
    actorEmail: string | null;
  }[];
}

/** What the data measures about a partner, beside the manager's scorecard. */
export interface PartnerMeasuresDto {
  partnerId: string;
  /** Rows of the partner's customer list (their own data). */
  customerListSize: number;
  /** Platform members matched to the customer list by keyed hash: the audience overlap with all members. */
  matchedMembers: GatedCount;
  /** Of the matched members, how many are car-interested (see docs/sharing.md); null when suppressed. */
  carInterestedShare: number | null;
  carInterested: GatedCount;
  reviews: { count: number; averageRating: number | null };
  /** The active agreement's minimum group size, or DEFAULT_MIN_GROUP_SIZE (@crosslane/domain-rules). */
  threshold: number;
}

export interface OverlapRequest {
  /** A segment; omitted means all members. */
  segmentId?: string;
}

export interface OverlapResultDto extends GatedCount {
  partnerId: string;
  segmentId: string | null;
  /** Size of the member set compared (the platform's own figure). */
  memberSetSize: number;
}

export const EXPORT_PURPOSES = ['CAMPAIGN_TARGETING', 'MEASUREMENT', 'CO_MARKETING'] as const;
export type ExportPurpose = (typeof EXPORT_PURPOSES)[number];

export const EXPORT_KINDS = ['MEMBER_LIST', 'AGGREGATE'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * The catalogue of what can ever leave the platform. `member` fields are
 * per-member columns of a MEMBER_LIST; `dimension` fields group an
 * AGGREGATE; `member_count` is the count of an aggregate row.
 */
export const EXPORTABLE_FIELDS = {
  partner_pseudonym: { level: 'member', label: 'Per-partner pseudonymous id' },
  city: { level: 'member+dimension', label: 'City' },
  top_category: { level: 'member+dimension', label: 'Category affinity bucket (most-used knowledge category)' },
  car_interest: { level: 'member+dimension', label: 'Car-interest bucket (none, some, high)' },
  member_count: { level: 'aggregate', label: 'Member count of an aggregate row (consent-free aggregate)' },
} as const;
export type ExportableField = keyof typeof EXPORTABLE_FIELDS;
export const EXPORTABLE_FIELD_NAMES = Object.keys(EXPORTABLE_FIELDS) as ExportableField[];

export type AgreementStatus = 'ACTIVE' | 'SUPERSEDED' | 'REVOKED';

export interface SharingAgreementDto {
  id: string;
  partnerId: string;
  partnerName: string | null;
  version: number;
  status: AgreementStatus;
  fieldsAllowed: string[];
  purposesAllowed: string[];
  segmentsAllowed: string[];
  minGroupSize: number;
  consentRequired: boolean;
  privacyMode: PrivacyMode;
  epsilonBudget: number;
  epsilonPerQuery: number;
  validFrom: string;
  validTo: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  /** True when ACTIVE and now lies between validFrom and validTo. */
  inForce: boolean;
}

export interface CreateAgreementRequest {
  partnerId: string;
  fieldsAllowed: ExportableField[];
  purposesAllowed: ExportPurpose[];
  segmentsAllowed?: string[];
  minGroupSize?: number;
  consentRequired?: boolean;
  privacyMode?: PrivacyMode;
  epsilonBudget?: number;
  epsilonPerQuery?: number;
  validFrom: string;
  validTo: string;
  note?: string;
}

/** The rules an export request can break, in the order they are checked (docs/sharing.md). */
export const SHARING_RULES = [
  'NO_ACTIVE_AGREEMENT',
  'AGREEMENT_NOT_YET_VALID',
  'AGREEMENT_EXPIRED',
  'PURPOSE_NOT_ALLOWED',
  'UNKNOWN_FIELD',
  'FIELD_NOT_FOR_KIND',
  'FIELD_NOT_ALLOWED',
  'SEGMENT_REQUIRED',
  'SEGMENT_NOT_ALLOWED',
  'CONSENT_REQUIRED',
  'GROUP_TOO_SMALL',
  'DIFFERENCE_CHECK',
  'BUDGET_EXHAUSTED',
] as const;
export type SharingRule = (typeof SHARING_RULES)[number];

export type ExportStatus = 'QUEUED' | 'RUNNING' | 'READY' | 'REFUSED' | 'FAILED' | 'EXPIRED';

export interface CreateExportRequest {
  partnerId: string;
  purpose: ExportPurpose;
  kind: ExportKind;
  fields: ExportableField[];
  segmentId?: string;
  /** Asking to include members who did not consent to partner sharing; refused where consent is required. */
  includeNonConsented?: boolean;
}

export interface PartnerExportDto {
  id: string;
  partnerId: string;
  partnerName: string | null;
  agreementId: string | null;
  agreementVersion: number | null;
  purpose: string;
  kind: string;
  fields: string[];
  segmentId: string | null;
  status: ExportStatus;
  /** "RULE: message" for a refusal; the failure for FAILED; for EXPIRED, why the file was dropped (revocation, new version, end of validity, retention). */
  refusedReason: string | null;
  refusedRule: SharingRule | null;
  jobId: string | null;
  fileName: string | null;
  contentType: string | null;
  rowCount: number | null;
  suppressedRows: number | null;
  requestedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The body of a refused export request (422; 403 stays reserved for a role that may not ask). */
export interface ExportRefusalBody {
  statusCode: number;
  error: string;
  message: string;
  rule: SharingRule;
  exportId: string;
  fields?: { field: string; message: string }[];
}

export interface ExportLinkDto {
  url: string;
  expiresAt: string;
}
