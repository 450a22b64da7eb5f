import type { FunnelStepInput } from '@crosslane/contracts';

/**
 * The funnel language: an ordered list of steps, each an interaction type
 * with optional filters, a conversion window and an order mode.
 *
 * Example: view a car course, enrol in it, view a partner kit, buy it, all
 * within 14 days of the first view:
 * `{ steps: [{ type: 'VIEW', category: 'suspension' }, { type: 'ENROL', category: 'suspension' },
 *   { type: 'VIEW', domain: 'PARTNER' }, { type: 'PURCHASE', domain: 'PARTNER' }], windowDays: 14, order: 'strict' }`
 */

export const FUNNEL_INTERACTION_TYPES = ['VIEW', 'FAVOURITE', 'ENROL', 'PURCHASE', 'RATING', 'CAMPAIGN_CLICK'] as const;
export type FunnelInteractionType = (typeof FUNNEL_INTERACTION_TYPES)[number];
export const FUNNEL_DOMAINS = ['KNOWLEDGE', 'PARTNER'] as const;
export type FunnelDomain = (typeof FUNNEL_DOMAINS)[number];
export const FUNNEL_ORDERS = ['strict', 'any'] as const;
export type FunnelOrder = (typeof FUNNEL_ORDERS)[number];

/** The most steps a funnel may have: each step is one bit of the tag mask and one window level in the SQL. */
export const MAX_FUNNEL_STEPS = 10;
/** The longest conversion window; longer would make "converted" mean "ever". */
export const MAX_WINDOW_DAYS = 365;

/** One step of a funnel: the wire shape in libs/contracts is the domain's shape, so it is written once, there. */
export type FunnelStep = FunnelStepInput;

export interface FunnelDefinition {
  steps: FunnelStep[];
  /** Days from entering step 1 within which later steps count. */
  windowDays: number;
  /** strict: each step after the previous one; any: every step after entering, in any order. */
  order: FunnelOrder;
}

/** Half-open range of entry instants: members enter when they first match step 1 in [from, to). */
export interface DateRange {
  from: Date;
  to: Date;
}

export const FUNNEL_BREAKDOWNS = ['segment', 'campaignArm', 'partner', 'domain', 'joinCohort'] as const;
export type FunnelBreakdownKind = (typeof FUNNEL_BREAKDOWNS)[number];

export interface FunnelBreakdown {
  by: FunnelBreakdownKind;
  /** For by = segment: the segments to compare (a member in two is counted in both). */
  segmentIds?: string[];
  /** For by = campaignArm: the campaign whose variants split the members. */
  campaignId?: string;
}

/** One problem, with the path of the offending part (`steps[2].partnerId`). */
export interface JourneyError {
  path: string;
  message: string;
}

export class JourneyValidationError extends Error {
  constructor(readonly errors: JourneyError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'JourneyValidationError';
  }
}
