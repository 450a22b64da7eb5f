/** What is stored about one member, as the erasure job finds it inside the member's transaction. */
export interface MemberFootprint {
  memberKey: string;
  emailHash: string | null;
  phoneHash: string | null;
  /** The campaigns the member is assigned to or has events in, with their status. */
  campaigns: { id: string; status: 'DRAFT' | 'SCHEDULED' | 'RUNNING' | 'STOPPED' | 'CONCLUDED' }[];
  /** Models whose factors hold a row for the member. */
  modelIds: string[];
}

/** The table-by-table decision for one member. Every list is sorted, so a plan compares as a value. */
export interface ErasurePlan {
  /** Rows keyed by member id, deleted outright. */
  deleteByMemberId: readonly string[];
  /** Partner customer-list entries matched by id or by one of these hashes (the partner's copy of the member's hashed e-mail / phone). */
  partnerCustomerHashes: string[];
  /** Campaigns whose assignments and events are deleted; their stored analyses are kept as they are (never recomputed). */
  campaignsLosingMember: string[];
  /** Of those, the ones already concluded: their analysis is a stored result whose counts include the member, anonymously. */
  concludedCampaignsKeepingCounts: string[];
  /** Models to strip of the member's factor row and to flag for retraining. */
  modelsToStrip: string[];
  /** Text written in place of the member key wherever the key was quoted in a JSON log (audit details, job payloads): a tombstone that links to nobody. */
  keyTombstone: string;
  /** The JSON string that quotes the key (what to look for in those logs). */
  keyNeedle: string;
}

/** Tables that hold a row per member event or fact, keyed by "memberId", all deleted; member itself goes last. */
export const MEMBER_TABLES = [
  'interaction',
  'consent_change',
  'segment_membership',
  'campaign_assignment',
  'campaign_event',
  'partner_review',
  'member_profile',
] as const;

export const ERASED_TOMBSTONE = '[erased member]';

/** How a JSON log quotes a member key (a JSON string token), and what it is replaced by. Example: keyQuote('m_1').needle is '"m_1"'. */
export function keyQuote(memberKey: string): { needle: string; tombstone: string } {
  return { needle: JSON.stringify(memberKey), tombstone: JSON.stringify(ERASED_TOMBSTONE) };
}

/**
 * Decides what an erasure does to one member's data (GDPR art. 17, PIPL
 * art. 47; Segment's "user deletion and suppression"): every row about the
 * member is deleted, not anonymised in place, because a pseudonymous key
 * with its behaviour is still personal data. What must stay stable stays as
 * stored aggregates that name nobody: concluded campaign analyses keep the
 * counts they were computed with (they are results, not recomputed), and
 * logs keep their events with the key replaced by a tombstone.
 * Example: planMemberErasure({ memberKey: 'm_1', emailHash: 'e', phoneHash: null, campaigns: [], modelIds: [] }).partnerCustomerHashes is ['e'].
 */
export function planMemberErasure(footprint: MemberFootprint): ErasurePlan {
  const campaigns = [...footprint.campaigns].sort((a, b) => a.id.localeCompare(b.id));
  return {
    deleteByMemberId: MEMBER_TABLES,
    partnerCustomerHashes: [footprint.emailHash, footprint.phoneHash].filter((h): h is string => !!h).sort(),
    campaignsLosingMember: campaigns.map((c) => c.id),
    concludedCampaignsKeepingCounts: campaigns.filter((c) => c.status === 'CONCLUDED').map((c) => c.id),
    modelsToStrip: [...footprint.modelIds].sort(),
    keyTombstone: keyQuote(footprint.memberKey).tombstone,
    keyNeedle: keyQuote(footprint.memberKey).needle,
  };
}
