/** What a member did with an item; the platform's events and the demo world's both use these. */
export type InteractionType = 'VIEW' | 'FAVOURITE' | 'ENROL' | 'PURCHASE' | 'RATING' | 'CAMPAIGN_CLICK';

/** Weight per interaction type; a RATING's weight is its stars (1-5) instead. */
export const INTERACTION_WEIGHTS: Readonly<Record<Exclude<InteractionType, 'RATING'>, number>> = {
  VIEW: 1,
  FAVOURITE: 2,
  ENROL: 3,
  PURCHASE: 4,
  CAMPAIGN_CLICK: 1,
};
