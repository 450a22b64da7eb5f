import { IMPORT_KIND_NAMES, type ImportKindName } from '@crosslane/contracts';

export const KIND_LABELS: Record<ImportKindName, string> = {
  members: 'Members',
  'knowledge-items': 'Platform catalogue items',
  'partner-items': 'Partner catalogue items',
  interactions: 'Interactions',
  reviews: 'Partner reviews',
  'market-signals': 'Market signals',
  'customer-list': 'Partner customer list',
  'online-retail': 'Online Retail (UCI shop file)',
};

/** The columns each kind expects, shown beside the upload form (docs/imports.md has the details). */
export const KIND_COLUMNS: Record<ImportKindName, string> = {
  members: 'memberKey, joinedAt; optional email, phone, consentPersonalisation, consentPartnerSharing, city',
  'knowledge-items': "externalKey, kind, title, category, price; optional tags (separated by '|')",
  'partner-items': "externalKey, kind, title, category, price; optional tags (separated by '|')",
  interactions: 'memberKey, itemKey, type, occurredAt; optional eventId, weight, amount, source',
  reviews: 'externalId, rating, reviewedAt; optional itemKey, memberKey, text',
  'market-signals': 'category, period (YYYY-MM), index, source',
  'customer-list': 'at least one of email, phone, customerNumber',
  'online-retail': 'InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country',
};

export const KIND_CHOICES = IMPORT_KIND_NAMES.map((id) => ({ id, name: KIND_LABELS[id] }));
export const MODE_CHOICES = [
  { id: 'all-or-nothing', name: 'All or nothing (any bad row: nothing is written)' },
  { id: 'keep-good-rows', name: 'Keep the good rows (bad rows are listed as dropped)' },
];

const PARTNER_KINDS: readonly string[] = ['partner-items', 'reviews', 'customer-list'];
export const needsPartner = (kind: string | undefined): boolean => !!kind && PARTNER_KINDS.includes(kind);

/** What the form may send, or the field and message to show. */
export function checkUpload(values: { kind?: string; partnerId?: string; file?: File | null }): { field: string; message: string } | null {
  if (!values.kind) return { field: 'kind', message: 'Choose what the file holds' };
  if (needsPartner(values.kind) && !values.partnerId) return { field: 'partnerId', message: 'Choose the partner this file belongs to' };
  if (!values.file) return { field: 'file', message: 'Choose a CSV or JSON file' };
  if (values.file.size === 0) return { field: 'file', message: `${values.file.name} is empty` };
  return null;
}
