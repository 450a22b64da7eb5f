/**
 * Car interest from behaviour: a member's interactions with knowledge items
 * of the car topics (the interest taxonomy the business edits, table
 * interest_topic, read through InterestTaxonomyService.carVocabulary) against
 * all their knowledge interactions. A member is
 * car-interested with at least MIN_CAR_INTERACTIONS car interactions making
 * up at least HIGH_SHARE / SOME_SHARE of their knowledge interactions.
 */

export const MIN_CAR_INTERACTIONS = 2;
export const SOME_SHARE = 0.2;
export const HIGH_SHARE = 0.5;

export type CarInterestBucket = 'none' | 'some' | 'high';

/**
 * carInterestBucket: 'high' for half or more of at least 2 knowledge
 * interactions on car categories, 'some' for a fifth or more, else 'none'.
 * Example: carInterestBucket(3, 10) === 'some'
 */
export function carInterestBucket(carInteractions: number, knowledgeInteractions: number): CarInterestBucket {
  if (carInteractions < 0 || knowledgeInteractions < carInteractions) {
    throw new Error(
      `carInterestBucket requires 0 <= carInteractions <= knowledgeInteractions; got ${carInteractions} of ${knowledgeInteractions}`,
    );
  }
  if (carInteractions < MIN_CAR_INTERACTIONS) return 'none';
  const share = carInteractions / knowledgeInteractions;
  if (share >= HIGH_SHARE) return 'high';
  return share >= SOME_SHARE ? 'some' : 'none';
}

/**
 * isCarInterested: the member's bucket is 'some' or 'high'.
 * Example: isCarInterested(1, 1) === false (one interaction is not an interest)
 */
export function isCarInterested(carInteractions: number, knowledgeInteractions: number): boolean {
  return carInterestBucket(carInteractions, knowledgeInteractions) !== 'none';
}
