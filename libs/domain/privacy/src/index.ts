export { IdentifierError, keyedIdentifierHash, normaliseEmail, normalisePhone, partnerPseudonym, type IdentifierKind } from './identity';
export { evaluateExportRequest, fieldFitsKind, type AgreementTerms, type ExportDecision, type ExportRequestTerms } from './export-rules';
export { DOWNLOAD_LINK_TTL_MS, signDownloadToken, verifyDownloadToken, type TokenCheck } from './download-token';
export { toCsv } from './csv';
export { exportExpiry, exportFileShareable, type ExportAgreementState, type ExportExpiry, type ExportExpiryReason } from './export-expiry';
export { carInterestBucket, isCarInterested, HIGH_SHARE, MIN_CAR_INTERACTIONS, SOME_SHARE, type CarInterestBucket } from './car-interest';
export { pgHashInt8Extended } from './pg-hash';
export {
  CHECK_SEED,
  countBound,
  decodeSketch,
  differenceBelow,
  emptySketch,
  encodeSketch,
  foldSketch,
  POSITION_SEED,
  PREFILTER_CELLS,
  prefilterBound,
  SKETCH_TABLES,
  sketchCells,
  sketchCellsFor,
  sketchFingerprint,
  sketchFromCells,
  sketchMembers,
  sketchPrefilter,
  symmetricDifference,
  type MemberSetSketch,
  type SketchCounts,
  type SketchDifference,
} from './member-set-sketch';
// The whole of discrete-laplace is public: re-export it rather than keep a second list of its names.
export * from './discrete-laplace';
export {
  differenceMessage,
  disclosureDecision,
  sizeWindow,
  type DisclosureCandidate,
  type DisclosureDecision,
  type DisclosurePolicy,
  type DisclosureRule,
  type EarlierRelease,
  type PrivacyMode,
  type SketchedSet,
} from './disclosure-decision';
export { budgetPeriod, chargeBudget, MICROS, toMicros, type BudgetCharge, type BudgetPeriod } from './privacy-budget';
export { ReleasePrefilterIndex, type PrefilterEntry, type PrefilterProbe } from './release-prefilter-index';
