// Funnels and retention cohorts (docs/journeys.md). The definitions are
// checked by libs/domain/journeys; these are the shapes on the wire.

export type FunnelStepType = 'VIEW' | 'FAVOURITE' | 'ENROL' | 'PURCHASE' | 'RATING' | 'CAMPAIGN_CLICK';

/** One funnel step: an interaction type with optional filters (libs/domain/journeys checks it and names it FunnelStep). */
export interface FunnelStepInput {
  type: FunnelStepType;
  /** Shown on the chart; defaults to a description of the filters. */
  label?: string;
  domain?: 'KNOWLEDGE' | 'PARTNER';
  partnerId?: string;
  category?: string;
  /** Any of these categories (e.g. every car topic); with category, both must hold. */
  categories?: string[];
  /** item.kind: course, column, book, kit, part, service... */
  kind?: string;
  /** item.id, as a decimal string (ids are bigints). */
  itemId?: string;
  /** Only events of members assigned to this campaign, while it ran. */
  campaignId?: string;
}

export interface FunnelDefinitionInput {
  steps: FunnelStepInput[];
  windowDays: number;
  order: 'strict' | 'any';
}

export interface FunnelBreakdownInput {
  by: 'segment' | 'campaignArm' | 'partner' | 'domain' | 'joinCohort';
  segmentIds?: string[];
  campaignId?: string;
}

export interface DateRangeInput {
  /** YYYY-MM-DD or an ISO instant; members enter in [from, to). */
  from: string;
  to: string;
}

export interface FunnelRunRequest {
  definition: FunnelDefinitionInput;
  range: DateRangeInput;
  compareRange?: DateRangeInput;
  breakdown?: FunnelBreakdownInput;
  /** auto (default): live when the window holds few interactions, a job when many. */
  mode?: 'auto' | 'live' | 'job';
}

export interface ProportionIntervalDto {
  rate: number;
  low: number;
  high: number;
}

export interface FunnelStepResultDto {
  index: number;
  label: string;
  reached: number;
  dropped: number;
  fromPrevious: ProportionIntervalDto;
  overall: ProportionIntervalDto;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface FunnelGroupDto {
  key: string;
  /** Segment or partner name, variant key, month, domain; 'All members' without a breakdown. */
  label: string;
  entered: number;
  steps: FunnelStepResultDto[];
  biggestDropOff: { index: number; label: string; lost: number; share: number } | null;
}

export interface FunnelResultDto {
  range: { from: string; to: string };
  groups: FunnelGroupDto[];
  compare?: { range: { from: string; to: string }; groups: FunnelGroupDto[] };
  /** Milliseconds the query took in PostgreSQL and the application. */
  elapsedMs: number;
}

/** A live result, or the job that computes it (its result is a FunnelResultDto). */
export type FunnelRunResponse = { mode: 'live'; result: FunnelResultDto } | { mode: 'job'; jobId: string };

export interface SavedFunnelDto {
  id: string;
  name: string;
  description: string | null;
  definition: FunnelDefinitionInput;
  view: { breakdown?: FunnelBreakdownInput; range?: DateRangeInput } | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DropOffSegmentRequest {
  definition: FunnelDefinitionInput;
  /** The step members did not reach (1-based index into steps after the first: 1..steps-1). */
  step: number;
  name: string;
  /** How far back "reached the step before" counts (default 90). */
  days?: number;
}

export interface RetentionRunRequest {
  anchor: 'firstInteraction' | 'join' | 'firstPartnerPurchase';
  period: 'week' | 'month';
  periods: number;
  range: DateRangeInput;
  breakdown?: { by: 'segment' | 'campaignArm'; segmentIds?: string[]; campaignId?: string };
  mode?: 'auto' | 'live' | 'job';
}

/** One cohort's row of the retention triangle (libs/domain/journeys computes it and names it RetentionCohort). */
export interface RetentionCohortDto {
  cohort: string;
  size: number;
  /** share[offset] active in that period; null where the period has not ended by the range's end. */
  shares: (number | null)[];
  active: (number | null)[];
}

export interface RetentionGroupDto {
  key: string;
  label: string;
  cohorts: RetentionCohortDto[];
  curve: { offset: number; share: number | null; low: number | null; high: number | null; members: number }[];
}

export interface RetentionResultDto {
  anchor: RetentionRunRequest['anchor'];
  period: RetentionRunRequest['period'];
  range: { from: string; to: string };
  groups: RetentionGroupDto[];
  elapsedMs: number;
}

export type RetentionRunResponse = { mode: 'live'; result: RetentionResultDto } | { mode: 'job'; jobId: string };
