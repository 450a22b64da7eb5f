/** What an import file holds. */
export const IMPORT_KINDS = [
  'members',
  'knowledge-items',
  'partner-items',
  'interactions',
  'reviews',
  'market-signals',
  'customer-list',
  'online-retail',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

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
