import type { GatedCount } from './sharing';
// Wire types of profiles and segments (issue 5).

/** A count that is withheld (null) when under the minimum group size; screens show "< threshold". */
export interface SuppressedCountDto {
  count: number | null;
  suppressed: boolean;
  threshold: number;
}

export type SegmentKindName = 'RULE' | 'CLUSTER' | 'PROPENSITY' | 'JOINT';

export interface SegmentDto {
  id: string;
  name: string;
  description: string | null;
  kind: SegmentKindName;
  /** The rule tree (see docs/segments.md); null for cluster segments. */
  rule: unknown;
  config: unknown;
  size: number;
  materialisedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Sizes of the last 30 daily snapshots, oldest first (for sparklines). */
  trend: number[];
}

export interface SegmentWriteRequest {
  name: string;
  description?: string | null;
  rule: unknown;
}

export interface SegmentPreviewResponse {
  count: number;
  /** Behaviour windows ("last D days") count back from here. */
  asOf: string;
}

export interface SegmentSizePointDto {
  takenOn: string;
  size: number;
  /** Per partner id with an active agreement: what of the segment is shareable. */
  shareable: Record<string, SuppressedCountDto & { partnerName?: string }> | null;
}

export interface SegmentPartnerOverlapDto {
  partnerId: string;
  partnerName: string;
  /** Segment members who are this partner's matched customers, through the disclosure gate. */
  overlap: GatedCount;
  /** Segment members shareable with the partner under its active agreement; null without one. */
  shareable: SuppressedCountDto | null;
  agreementActive: boolean;
}

export interface RfmDistributionDto {
  score: number;
  r: number;
  f: number;
  m: number;
}

export interface CategoryShareDto {
  domain: 'KNOWLEDGE' | 'PARTNER';
  category: string;
  /** Share of the segment's weighted interactions in this domain. */
  share: number;
}

export interface SegmentInsightsDto {
  size: number;
  rfm: RfmDistributionDto[];
  topCategories: CategoryShareDto[];
  averages: { monetary: number; frequency: number; recencyDays: number | null; carInterest: number };
}

export interface OverlapMatrixDto {
  segments: { id: string; name: string; size: number }[];
  /** One cell per ordered pair (a, b), including a = b. */
  cells: { a: string; b: string; count: number; jaccard: number }[];
}

export type ClusterFeatureSet = 'PROFILE' | 'LATENT';

export interface ClusterSuggestRequest {
  features: ClusterFeatureSet;
  sampleSize?: number;
  seed?: number;
}

export interface ClusterSuggestionDto {
  features: ClusterFeatureSet;
  sampleSize: number;
  seed: number;
  choices: { k: number; inertia: number; silhouette: number }[];
}

export interface MemberProfileDto {
  /** The member id (react-admin's record id). */
  id: string;
  memberId: string;
  memberKey: string;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
  /** { KNOWLEDGE: { category: share }, PARTNER: { category: share } } */
  categoryAffinity: Record<string, Record<string, number>> | null;
  knowledgeSpend: number;
  partnerSpend: number;
  carInterest: number;
  partnerPurchases: number;
  latentFactors: number[];
  computedAt: string;
}

export interface MemberProfileDetailDto extends MemberProfileDto {
  consentPartnerSharing: boolean;
  city: string | null;
  segments: { id: string; name: string }[];
  recentInteractions: {
    occurredAt: string;
    type: string;
    itemTitle: string;
    domain: 'KNOWLEDGE' | 'PARTNER';
    category: string;
    amount: number | null;
  }[];
}
