import type { DisclosureDto } from './sharing';
// Wire shapes of joint campaigns (issue 6): CRUD, assignment, events, analyses, planner.

export const CAMPAIGN_STATUSES = ['DRAFT', 'SCHEDULED', 'RUNNING', 'STOPPED', 'CONCLUDED'] as const;
export type CampaignStatusDto = (typeof CAMPAIGN_STATUSES)[number];

export const OFFER_TYPES = ['NONE', 'CO_BRANDED_COURSE', 'MOD_KIT_TRIAL', 'RECOMMENDATIONS'] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

export const PRIMARY_METRICS = ['CONVERSION', 'REVENUE_PER_MEMBER', 'RETENTION'] as const;
export type PrimaryMetric = (typeof PRIMARY_METRICS)[number];

export const CAMPAIGN_EVENT_TYPES = ['EXPOSURE', 'CLICK', 'CONVERSION', 'REVENUE', 'RETENTION'] as const;
export type CampaignEventTypeDto = (typeof CAMPAIGN_EVENT_TYPES)[number];

export const ANALYSIS_METHODS = ['FIXED_HORIZON', 'SEQUENTIAL'] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];

export interface CampaignVariantDto {
  key: string;
  name: string;
  isControl: boolean;
  /** Share of traffic; the weights of a campaign sum to 1. */
  weight: number;
  offerType: OfferType;
  offerItemId: string | null;
  modelId: string | null;
}

export interface CampaignDto {
  id: string;
  name: string;
  objective: string;
  status: CampaignStatusDto;
  targetSegmentId: string | null;
  partnerIds: string[];
  primaryMetric: PrimaryMetric;
  guardrailMetrics: string[];
  salt: string;
  startAt: string | null;
  endAt: string | null;
  minimumEffect: number | null;
  overrideReason: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  variants: CampaignVariantDto[];
}

export interface CampaignAssignmentDto {
  campaignId: string;
  memberKey: string;
  variantKey: string;
  variantName: string;
  offerType: OfferType;
  assignedAt: string;
  exposedAt: string | null;
}

export interface CampaignEventInput {
  eventId: string;
  memberKey: string;
  type: CampaignEventTypeDto;
  value?: number;
  occurredAt: string;
}

export interface CampaignEventsResult {
  received: number;
  inserted: number;
  /** Already stored under the same eventId: re-sending changes nothing. */
  duplicates: number;
  rejected: { index: number; field: string; message: string }[];
}

/** A figure that is withheld when its group is smaller than the minimum group size. */
export interface SuppressibleCount {
  value: number | null;
  suppressed: boolean;
  minGroupSize: number;
}

export interface SegmentBreakdownRow {
  group: string;
  variantKey: string;
  members: SuppressibleCount;
  conversions: SuppressibleCount;
  /** Conversion rate; null when the group is suppressed. */
  rate: number | null;
  suppressed: boolean;
}

export interface CampaignAnalysisDto {
  id: string;
  campaignId: string;
  jobId: string | null;
  method: AnalysisMethod;
  /** The full analysis: see docs/campaigns.md (variants, comparisons, sampleRatioMismatch, sequential, breakdowns, guardrails). */
  result: Record<string, unknown>;
  summary: string;
  srmFlagged: boolean;
  createdAt: string;
}

export interface PartnerOverlapDto {
  partnerId: string;
  partnerName: string;
  minGroupSize: number;
  /** Segment members matched among the partner's customers; null when below the minimum group size. */
  overlap: number | null;
  suppressed: boolean;
  agreementId: string | null;
  /** How the disclosure gate answered. */
  disclosure: DisclosureDto;
}

export interface PlanArmDto {
  key: string;
  name: string;
  isControl: boolean;
  weight: number;
  expectedMembers: number;
  /** Minimum detectable absolute effect against control at 80% power, 5% significance; null for the control or when none is detectable. */
  minimumDetectableEffect: number | null;
  relativeMinimumDetectableEffect: number | null;
}

export interface LaunchBlockerDto {
  kind: 'BELOW_MIN_GROUP_SIZE' | 'UNDERPOWERED';
  arm: string;
  partnerId?: string;
  threshold: number;
  actual: number | null;
  message: string;
}

export interface CampaignPlanDto {
  primaryMetric: PrimaryMetric;
  segmentSize: number;
  baseline: { value: number; standardDeviation: number | null; source: string };
  arms: PlanArmDto[];
  dailyEligibleMembers: number;
  expectedDuration: { days: number; fullWeekDays: number } | null;
  minimumEffect: number | null;
  partners: PartnerOverlapDto[];
  blockers: LaunchBlockerDto[];
  canLaunch: boolean;
}

export interface CumulativeConversionPoint {
  day: string;
  /** Per variant key: cumulative members exposed/assigned so far, conversions so far and their ratio. */
  variants: Record<string, { members: number; conversions: number; rate: number }>;
}
