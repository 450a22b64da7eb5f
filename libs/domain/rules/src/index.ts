// Business rules that both the API and the dashboard apply, one home each
// (docs/architecture.md, "Where each rule lives"). Browser-safe: no Node
// built-ins, so the dashboard imports the same functions the API runs.
export { agreementInForce, agreementValidityAt, type AgreementValidity, type ValidityWindow } from './agreement-in-force';
export {
  DEFAULT_MIN_GROUP_SIZE,
  formatSuppressedCount,
  suppressCount,
  suppressSmallGroups,
  type DisclosureNote,
  type SuppressedCount,
  type SuppressedRows,
  type SuppressedValue,
} from './small-group';
export { CAMPAIGN_TRANSITIONS, campaignStillOpen, canTransition, type CampaignStatus } from './campaign-transitions';
export { normaliseWeights, scorecardProblem, weightedScore, SCORE_MAX, SCORE_MIN } from './scorecard';
