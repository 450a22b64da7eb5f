import { deriveEventId } from './derived-event-id';
import { parseIsoDate } from './field-readers';
import { FieldProblem, RawRecord, shown } from './row-result';

/** The reasons a row of the UCI Online Retail file is not imported, in the order they are checked. */
export const ONLINE_RETAIL_REASONS = {
  missingCustomer: 'missing CustomerID',
  cancellation: 'cancellation (InvoiceNo starts with C)',
  nonPositiveQuantity: 'Quantity must be positive',
  nonPositivePrice: 'UnitPrice must be positive',
  badDate: 'InvoiceDate must be YYYY-MM-DD HH:MM:SS',
  badNumber: 'must be a number',
  duplicate: 'exact duplicate of an earlier row',
} as const;

export interface OnlineRetailPurchase {
  /** Deterministic from the whole raw row: an exact duplicate has the same one. */
  eventId: string;
  customerId: string;
  stockCode: string;
  /** Trimmed; '' when the file has none. */
  description: string;
  quantity: number;
  unitPrice: number;
  /** Quantity x UnitPrice, rounded to pence. */
  amount: number;
  occurredAt: Date;
}

export type OnlineRetailResult = { ok: true; row: OnlineRetailPurchase } | { ok: false; problems: FieldProblem[] };

/**
 * Maps one row of the UCI Online Retail file (Chen, Sain & Guo 2012) to a
 * purchase, or to the first reason it is left out. Checks run in this order
 * and a row counts under the first that fails: missing CustomerID,
 * cancellation ('C' invoice), Quantity <= 0, UnitPrice <= 0. Exact
 * duplicates are caught afterwards by their eventId. InvoiceDate is the
 * shop's (UK) wall-clock time, stored as UTC.
 * Example: mapOnlineRetailRow({ InvoiceNo: 'C536379', StockCode: 'D', Description: 'Discount', Quantity: '-1', InvoiceDate: '2010-12-01 09:41:00', UnitPrice: '27.5', CustomerID: '14527', Country: 'United Kingdom' })
 *   gives the problem { field: 'InvoiceNo', reason: 'cancellation (InvoiceNo starts with C)' }
 */
export function mapOnlineRetailRow(record: RawRecord): OnlineRetailResult {
  const text = (field: string) => String(record[field] ?? '').trim();
  const fail = (field: string, reason: string) => ({ ok: false as const, problems: [{ field, reason, value: shown(record[field]) }] });
  const invoiceNo = text('InvoiceNo');
  const customerId = text('CustomerID');
  if (!customerId) return fail('CustomerID', ONLINE_RETAIL_REASONS.missingCustomer);
  if (invoiceNo.toUpperCase().startsWith('C')) return fail('InvoiceNo', ONLINE_RETAIL_REASONS.cancellation);
  const quantity = Number(text('Quantity'));
  if (!text('Quantity') || !Number.isFinite(quantity)) return fail('Quantity', ONLINE_RETAIL_REASONS.badNumber);
  if (quantity <= 0) return fail('Quantity', ONLINE_RETAIL_REASONS.nonPositiveQuantity);
  const unitPrice = Number(text('UnitPrice'));
  if (!text('UnitPrice') || !Number.isFinite(unitPrice)) return fail('UnitPrice', ONLINE_RETAIL_REASONS.badNumber);
  if (unitPrice <= 0) return fail('UnitPrice', ONLINE_RETAIL_REASONS.nonPositivePrice);
  const occurredAt = parseIsoDate(text('InvoiceDate'));
  if (!occurredAt) return fail('InvoiceDate', ONLINE_RETAIL_REASONS.badDate);
  const stockCode = text('StockCode');
  if (!stockCode) return fail('StockCode', 'is required');
  const raw = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'].map((f) =>
    String(record[f] ?? ''),
  );
  return {
    ok: true,
    row: {
      eventId: deriveEventId(['uci-online-retail', ...raw]),
      customerId,
      stockCode,
      description: text('Description'),
      quantity,
      unitPrice,
      amount: Math.round(quantity * unitPrice * 100) / 100,
      occurredAt,
    },
  };
}
