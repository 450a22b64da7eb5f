export {
  IdentifierError,
  keyedIdentifierHash,
  normaliseEmail,
  normalisePhone,
  partnerPseudonym,
  type IdentifierKind,
} from './identity';
export { agreementInForce, evaluateExportRequest, fieldFitsKind, type AgreementTerms, type ExportDecision, type ExportRequestTerms } from './export-rules';
export { suppressCount, suppressSmallGroups, type SuppressedCountResult, type SuppressionResult } from './suppression';
export { normaliseWeights, scorecardProblem, weightedScore, SCORE_MAX, SCORE_MIN } from './scorecard';
export { DOWNLOAD_LINK_TTL_MS, signDownloadToken, verifyDownloadToken, type TokenCheck } from './download-token';
export { toCsv } from './csv';
export { exportExpiry, exportFileShareable, type ExportAgreementState, type ExportExpiry, type ExportExpiryReason } from './export-expiry';
export { carInterestBucket, isCarInterested, HIGH_SHARE, MIN_CAR_INTERACTIONS, SOME_SHARE, type CarInterestBucket } from './car-interest';
