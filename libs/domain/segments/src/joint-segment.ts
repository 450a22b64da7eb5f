import type { RuleNode } from './rule-types';

export interface JointSegmentOptions {
  /** Window for the measured interest, in days. */
  days?: number;
  /** Knowledge interactions on car topics needed in the window. */
  minCarKnowledge?: number;
  /** Partner-item interactions needed in the window (or any partner purchase at all). */
  minPartner?: number;
  /** Restrict the partner side to one partner. */
  partnerId?: string;
}

/**
 * The rule of a joint segment: members with measured interest in both
 * domains, i.e. car-topic knowledge interactions AND partner-side activity
 * (interactions on partner items in the window, or a partner purchase).
 *
 * Example: `jointSegmentRule({ days: 90 })` is
 * `{ and: [{ behaviour: { carCategories: true, domain: 'KNOWLEDGE', days: 90, atLeast: 1 } }, { or: [{ behaviour: { domain: 'PARTNER', days: 90, atLeast: 1 } }, { field: 'partnerPurchases', op: 'gte', value: 1 }] }] }`.
 */
export function jointSegmentRule(options: JointSegmentOptions = {}): RuleNode {
  const days = options.days ?? 180;
  const partnerSide: RuleNode = {
    behaviour: {
      domain: 'PARTNER',
      days,
      atLeast: options.minPartner ?? 1,
      ...(options.partnerId ? { partnerId: options.partnerId } : {}),
    },
  };
  return {
    and: [
      { behaviour: { carCategories: true, domain: 'KNOWLEDGE', days, atLeast: options.minCarKnowledge ?? 1 } },
      options.partnerId ? partnerSide : { or: [partnerSide, { field: 'partnerPurchases', op: 'gte', value: 1 }] },
    ],
  };
}
