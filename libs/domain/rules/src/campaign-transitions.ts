/** The lifecycle of a joint campaign. */
export type CampaignStatus = 'DRAFT' | 'SCHEDULED' | 'RUNNING' | 'STOPPED' | 'CONCLUDED';

/**
 * Allowed status transitions: draft -> scheduled -> running -> stopped ->
 * concluded, with the shortcuts a manager needs (launch a draft at once,
 * put a scheduled campaign back to draft, resume a stopped one, conclude a
 * running one). Nothing leaves CONCLUDED: its analyses are the record.
 */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  DRAFT: ['SCHEDULED', 'RUNNING'],
  SCHEDULED: ['DRAFT', 'RUNNING'],
  RUNNING: ['STOPPED', 'CONCLUDED'],
  STOPPED: ['RUNNING', 'CONCLUDED'],
  CONCLUDED: [],
};

/**
 * Whether a campaign may move from one status to another (the table above).
 *
 * Method: an explicit state machine; see Kohavi, Tang & Xu (2020), ch. 4, for the experiment lifecycle.
 *
 * Example: canTransition('DRAFT', 'CONCLUDED') === false
 */
export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return (CAMPAIGN_TRANSITIONS[from] ?? []).includes(to);
}

/** Statuses a campaign can still leave: every one but CONCLUDED. The dashboard offers editing only while there is a way on. */
export function campaignStillOpen(status: CampaignStatus): boolean {
  return CAMPAIGN_TRANSITIONS[status].length > 0;
}
