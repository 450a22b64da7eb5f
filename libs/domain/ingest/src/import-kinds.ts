import { IMPORT_KIND_NAMES, type ImportKindName } from '@crosslane/contracts';

/** What an import file holds: the list the API and the dashboard's picker share (libs/contracts). */
export const IMPORT_KINDS = IMPORT_KIND_NAMES;
export type ImportKind = ImportKindName;

/** Kinds whose rows belong to one partner, named by the upload's partnerId. */
export const PARTNER_KINDS: readonly ImportKind[] = ['partner-items', 'reviews', 'customer-list'];

export interface ColumnSpec {
  required: readonly string[];
  optional: readonly string[];
}

/** The columns (CSV header) or keys (JSON objects) of each kind. */
export const IMPORT_COLUMNS: Readonly<Record<ImportKind, ColumnSpec>> = {
  members: { required: ['memberKey', 'joinedAt'], optional: ['email', 'phone', 'consentPersonalisation', 'consentPartnerSharing', 'city'] },
  'knowledge-items': { required: ['externalKey', 'kind', 'title', 'category', 'price'], optional: ['tags'] },
  'partner-items': { required: ['externalKey', 'kind', 'title', 'category', 'price'], optional: ['tags'] },
  interactions: { required: ['memberKey', 'itemKey', 'type', 'occurredAt'], optional: ['eventId', 'weight', 'amount', 'source'] },
  reviews: { required: ['externalId', 'rating', 'reviewedAt'], optional: ['itemKey', 'memberKey', 'text'] },
  'market-signals': { required: ['category', 'period', 'index', 'source'], optional: [] },
  'customer-list': { required: [], optional: ['email', 'phone', 'customerNumber'] },
  'online-retail': {
    required: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
    optional: [],
  },
};
