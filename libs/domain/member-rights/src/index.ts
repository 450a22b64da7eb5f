export { suppressionHash } from './suppression-hash';
export {
  keyProblem,
  MAX_ERASURE_BATCH,
  parseErasureCsv,
  type ErasureBatch,
  type ErasureBatchProblem,
  type ErasureKey,
} from './erasure-batch';
export { withoutMembers, type UserFactorRows } from './model-rows';
export { ERASED_TOMBSTONE, keyQuote, MEMBER_TABLES, planMemberErasure, type ErasurePlan, type MemberFootprint } from './erasure-plan';
export { packageRows, type PackageRow } from './package-rows';
export {
  complianceReport,
  type ComplianceReport,
  type PartnerCompliance,
  type ReportConsentGroup,
  type ReportErasure,
  type ReportExport,
  type ReportPrivacyBudget,
} from './compliance-report';
export { complianceReportHtml, escapeHtml } from './compliance-html';
