export { IMPORT_COLUMNS, IMPORT_KINDS, PARTNER_KINDS, type ColumnSpec, type ImportKind } from './import-kinds';
export { checkHeader } from './header-check';
export { FieldReader, parseIsoDate } from './field-readers';
export { shown, type FieldProblem, type IdentifierHasher, type RawRecord, type RowResult } from './row-result';
export { deriveEventId } from './derived-event-id';
export { validateMemberRow, type MemberRow } from './member-row';
export { validateItemRow, type ItemRow } from './item-row';
export { INTERACTION_TYPES, validateInteractionRow, type ImportedInteractionType, type InteractionRow } from './interaction-row';
export { validateReviewRow, type ReviewRow } from './review-row';
export { validateMarketSignalRow, type MarketSignalRow } from './market-signal-row';
export { validateCustomerListRow, type CustomerListRow } from './customer-list-row';
export { mapOnlineRetailRow, ONLINE_RETAIL_REASONS, type OnlineRetailPurchase, type OnlineRetailResult } from './online-retail';
export { median, OnlineRetailCatalogue, type OnlineRetailCustomer, type OnlineRetailItem } from './online-retail-catalogue';
export { Utf8LineChecker } from './utf8-check';
export { JsonArraySplitter, JsonShapeError } from './json-array-splitter';
export { CsvSplitter, CsvSyntaxError, type CsvRecord } from './csv-splitter';
export { sniffFormat, type ImportFormat } from './sniff-format';
export {
  CONSENT_FLAG_FIELDS,
  CONSENT_FLAGS,
  consentBulkRule,
  consentFlagsHeldFor,
  consentHeldNote,
  describeConsentCounts,
  mayChangeConsent,
  tallyConsentChanges,
  type ConsentActorRole,
  type ConsentChangeGroup,
  type ConsentCounts,
  type ConsentField,
  type ConsentFlagCounts,
  type ConsentFlagName,
} from './consent-changes';
export { headerRefusal, NO_DATA_ROWS, refusedFileReport, type RefusedFileReport } from './file-refusal';
