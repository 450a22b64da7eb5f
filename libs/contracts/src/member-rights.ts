/** POST /api/member-rights/erasures: one member key, or a CSV batch (a memberKey column) as text. */
export interface FileErasureRequest {
  memberKey?: string;
  csv?: string;
  fileName?: string;
  reason?: string;
}

export type ErasureRequestStatusName = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ErasureRequestDto {
  id: string;
  status: ErasureRequestStatusName;
  source: 'KEY' | 'CSV';
  fileName: string | null;
  reason: string | null;
  memberCount: number;
  erased: number;
  /** Keys with no stored member: suppressed all the same, so a later import cannot create them. */
  notFound: number;
  jobId: string | null;
  requestedBy: string | null;
  requestedByEmail: string | null;
  createdAt: string;
  completedAt: string | null;
}

/** One partner file a member was in. */
export interface MemberExportEntryDto {
  exportId: string;
  partnerId: string;
  partnerName: string;
  fileName: string | null;
  purpose: string;
  kind: string;
  fields: string[];
  agreementId: string | null;
  agreementVersion: number | null;
  builtAt: string | null;
  status: string;
  /** The id the partner knows the member by in that file. */
  pseudonym: string;
}

/** A member's data package (right of access): everything stored about them, as of generatedAt. */
export interface MemberDataPackageDto {
  generatedAt: string;
  member: {
    id: string;
    memberKey: string;
    city: string | null;
    joinedAt: string;
    consentPersonalisation: boolean;
    consentPartnerSharing: boolean;
    hasEmailHash: boolean;
    hasPhoneHash: boolean;
    createdAt: string;
  };
  profile: Record<string, unknown> | null;
  consentHistory: {
    flag: string;
    from: boolean | null;
    to: boolean;
    source: string;
    sourceId: string | null;
    actorEmail: string | null;
    at: string;
  }[];
  interactions: {
    eventId: string | null;
    itemKey: string;
    itemTitle: string;
    type: string;
    weight: number;
    amount: string | null;
    occurredAt: string;
    source: string;
  }[];
  segments: { segmentId: string; name: string; kind: string }[];
  campaigns: {
    campaignId: string;
    name: string;
    status: string;
    variantKey: string;
    variantName: string | null;
    assignedAt: string;
    exposedAt: string | null;
    events: { type: string; value: number | null; occurredAt: string }[];
  }[];
  partnerExports: MemberExportEntryDto[];
  reviews: { partnerId: string; rating: number; text: string | null; reviewedAt: string }[];
}

/** One partner's line of the compliance review. */
export interface PartnerComplianceDto {
  partnerId: string;
  partnerName: string;
  /** Files built (READY or since EXPIRED) in the period. */
  files: number;
  rows: number;
  fields: string[];
  purposes: string[];
  agreementVersions: number[];
  refusalsByRule: Record<string, number>;
  /** Who requested this partner's files or refused requests, by e-mail. */
  requestedBy: string[];
  /** NOISE mode only: the noisy releases and the epsilon they spent; null when the partner had none in the period. */
  privacyBudget: { releases: number; epsilon: number } | null;
}

/** GET /api/member-rights/compliance-report (JSON): the review of one period, per partner. Built by libs/domain/member-rights. */
export interface ComplianceReportDto {
  from: string;
  to: string;
  partners: PartnerComplianceDto[];
  consent: { flag: string; source: string; granted: number; withdrawn: number }[];
  erasures: {
    id: string;
    requestedBy: string | null;
    requestedAt: string;
    completedAt: string | null;
    hoursToComplete: number | null;
    memberCount: number;
    erased: number;
    notFound: number;
  }[];
}

/** POST /api/member-rights/access/link: a signed download link, valid for 10 minutes. */
export interface AccessLinkDto {
  url: string;
  expiresAt: string;
}
