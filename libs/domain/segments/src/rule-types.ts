/**
 * The segment rule language: a JSON tree of conditions combined with AND,
 * OR and NOT. Every leaf compiles to a set-wise SQL condition (see
 * compile-rule.ts); nothing here loads members.
 *
 * Example: `{ and: [{ rfm: { r: [4, 5] } }, { behaviour: { types: ['ENROL'], carCategories: true, days: 90, atLeast: 2 } }] }`
 * reads "recent members (R 4-5) who enrolled in a car course at least twice in the last 90 days".
 */

export const INTERACTION_TYPES = ['VIEW', 'FAVOURITE', 'ENROL', 'PURCHASE', 'RATING', 'CAMPAIGN_CLICK'] as const;
export type InteractionTypeName = (typeof INTERACTION_TYPES)[number];

export const DOMAINS = ['KNOWLEDGE', 'PARTNER'] as const;
export type DomainName = (typeof DOMAINS)[number];

export const COMPARISON_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export type FieldType = 'number' | 'string' | 'boolean' | 'date';

export interface FieldDefinition {
  /** SQL expression over `p` (member_profile) and `m` (member). */
  readonly column: string;
  readonly type: FieldType;
  readonly description: string;
}

/** The attributes a comparison may name: profile fields and member fields. */
export const RULE_FIELDS: Readonly<Record<string, FieldDefinition>> = {
  recencyDays: { column: 'p."recencyDays"', type: 'number', description: 'days since the last interaction' },
  frequency: { column: 'p.frequency', type: 'number', description: 'distinct days with a purchase or enrolment' },
  monetary: { column: 'p.monetary', type: 'number', description: 'money spent (purchases and enrolments)' },
  rScore: { column: 'p."rScore"', type: 'number', description: 'recency quintile score 1..5' },
  fScore: { column: 'p."fScore"', type: 'number', description: 'frequency quintile score 1..5' },
  mScore: { column: 'p."mScore"', type: 'number', description: 'monetary quintile score 1..5' },
  knowledgeSpend: { column: 'p."knowledgeSpend"', type: 'number', description: 'money spent on knowledge items' },
  partnerSpend: { column: 'p."partnerSpend"', type: 'number', description: 'money spent on partner items' },
  carInterest: {
    column: 'p."carInterest"',
    type: 'number',
    description: 'share of car-topic knowledge interactions and partner purchases, 0..1',
  },
  partnerPurchases: { column: 'p."partnerPurchases"', type: 'number', description: 'number of purchases of partner items' },
  city: { column: 'm.city', type: 'string', description: 'member city' },
  consentPersonalisation: { column: 'm."consentPersonalisation"', type: 'boolean', description: 'consented to personalisation' },
  consentPartnerSharing: { column: 'm."consentPartnerSharing"', type: 'boolean', description: 'consented to sharing with partners' },
  joinedAt: { column: 'm."joinedAt"', type: 'date', description: 'when the member joined' },
};

export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly ComparisonOperator[]>> = {
  number: COMPARISON_OPERATORS,
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  string: ['eq', 'neq', 'in'],
  boolean: ['eq', 'neq'],
};

export type ScalarValue = number | string | boolean;

/** `{ field: 'monetary', op: 'gte', value: 500 }`; between takes `[low, high]`, in takes a list. */
export interface FieldCondition {
  field: string;
  op: ComparisonOperator;
  value: ScalarValue | ScalarValue[];
}

/** "At least N interactions of these types on items matching the filters in the last D days". */
export interface BehaviourCondition {
  behaviour: {
    types?: InteractionTypeName[];
    category?: string;
    /** Items in a car-topic knowledge category (the list comes with the compile context). */
    carCategories?: boolean;
    domain?: DomainName;
    partnerId?: string;
    days: number;
    atLeast: number;
  };
}

/** Inclusive score ranges, e.g. `{ r: [4, 5], f: [3, 5] }`. */
export interface RfmCondition {
  rfm: { r?: [number, number]; f?: [number, number]; m?: [number, number] };
}

/** The member's share of weighted interactions on a category within a domain. */
export interface AffinityCondition {
  affinity: { domain: DomainName; category: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number };
}

/** Top X% of members by predicted interest (active model's factors) in a partner's category. */
export interface PropensityCondition {
  propensity: { partnerId: string; category?: string; topPercent: number };
}

/** What a member did, for a drop-off condition: a type and optional item filters (a funnel step's shape). */
export interface ActionFilter {
  type: InteractionTypeName;
  domain?: DomainName;
  partnerId?: string;
  category?: string;
  categories?: string[];
  kind?: string;
  /** item.id as a decimal string. */
  itemId?: string;
}

/**
 * "Did `reached` in the last D days and did not do `notFollowedBy` within W
 * days after the first time": a funnel's drop-off between two steps, as a
 * segment (libs/domain/journeys dropOffRule).
 */
export interface DropOffCondition {
  dropOff: { reached: ActionFilter; notFollowedBy: ActionFilter; withinDays: number; days: number };
}

/** Membership of another segment, by id. */
export interface SegmentCondition {
  segment: string;
}

export interface AndNode {
  and: RuleNode[];
}
export interface OrNode {
  or: RuleNode[];
}
export interface NotNode {
  not: RuleNode;
}

export type RuleNode =
  | AndNode
  | OrNode
  | NotNode
  | FieldCondition
  | BehaviourCondition
  | RfmCondition
  | AffinityCondition
  | PropensityCondition
  | DropOffCondition
  | SegmentCondition;

/** One problem in a rule, with the path of the offending part (`rule.and[1].field`). */
export interface RuleError {
  path: string;
  message: string;
}
