import type { DisclosureDto } from './sharing';
import type { ImportReport } from './imports';
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
  /** MEMBER (live campaigns on platform members) or EXTERNAL (an imported finished test on the analyst's own units). */
  unitKind: 'MEMBER' | 'EXTERNAL';
  /** The named metric plan: an EXTERNAL campaign's imported metrics, or a live campaign's declared ones (with their event mapping); null for a live campaign on the built-in metrics. */
  metrics: MetricDefinitionDto[] | null;
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

/** MEMBER: platform members, assigned by hash, metrics from events; EXTERNAL: the analyst's own units, imported with their metric values. */
export const UNIT_KINDS = ['MEMBER', 'EXTERNAL'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The fields of a declared metric, in the order a plan lists them: what the dashboard sends and the API stores, nothing else. */
export const METRIC_DEFINITION_FIELDS = [
  'name',
  'kind',
  'direction',
  'role',
  'hypothesis',
  'eventType',
  'measure',
  'denominatorEventType',
  'denominatorMeasure',
] as const;

/** A named metric (see libs/domain/experiments metric-definition.ts). */
export interface MetricDefinitionDto {
  name: string;
  kind: 'binary' | 'mean' | 'ratio';
  direction: 'increase' | 'decrease';
  role: 'primary' | 'secondary' | 'guardrail';
  hypothesis?: 'two-sided' | 'one-sided';
  covariate?: boolean;
  /** Live (member) campaigns: the event type the metric reads (binary: any such event; mean/ratio: see measure). */
  eventType?: CampaignEventTypeDto;
  /** Live mean and ratio metrics: count the events or sum their values. */
  measure?: 'count' | 'sum';
  /** Live ratio metrics: the denominator's event type and measure. */
  denominatorEventType?: CampaignEventTypeDto;
  denominatorMeasure?: 'count' | 'sum';
}

/** How a finished test's file maps onto a campaign (see libs/domain/experiments finished-test-mapping.ts). */
export interface FinishedTestMappingDto {
  unitColumn: string | null;
  armColumn: string;
  arms: { value: string; key: string; name: string; isControl: boolean; weight?: number }[];
  exposureColumn?: string | null;
  exposureValues?: Record<string, string>;
  exposedAtColumn?: string | null;
  booleans?: { true: string[]; false: string[] };
  metrics: (MetricDefinitionDto & { column: string; denominatorColumn?: string | null; covariateColumn?: string | null })[];
  /** Unit attribute columns kept per unit (text), so a concluded test's effects can be broken down by them. */
  attributeColumns?: string[] | null;
}

/** What an upload of a finished test's file answers: its header and first rows, for choosing the mapping. */
export interface FinishedTestUploadDto {
  uploadId: number;
  bytes: number;
  header: string[];
  firstRows: Record<string, string>[];
}

/** The counts a mapping will produce on an uploaded file, before anything is stored. */
export interface FinishedTestPreviewDto {
  header: string[];
  firstRows: Record<string, string>[];
  rowsRead: number;
  units: number;
  unitsPerArm: Record<string, number>;
  /** Rows refused per reason (unknown arm, duplicate unit with conflicting values, arm/exposure mismatch, unparseable metric...). */
  rejectionsByReason: Record<string, number>;
  /** Repeated rows of a unit with the same values: kept once. */
  identicalDuplicates: number;
  firstRejections: { rowNumber: number; field: string | null; reason: string; message: string }[];
}

/**
 * A campaign import's result (finished test, events): the report every import gives (ImportReport), with the
 * campaign it wrote to. A refused file is a COMPLETED job with outcome REJECTED, and every refused row is in its
 * rejection report.
 */
export interface CampaignImportResultDto extends ImportReport {
  kind: 'finished-test' | 'campaign-events';
  campaignId: string | null;
  /** The first problems, in row order, for a quick look; the full list is at GET /api/campaigns/imports/:jobId/rejections. */
  firstRejections: string[];
  /** Finished test: units per arm key. */
  unitsPerArm?: Record<string, number>;
  /** The Hillstrom shortcut found its campaign already imported and changed nothing. */
  skipped?: boolean;
}
