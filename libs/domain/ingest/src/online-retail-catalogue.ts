import type { OnlineRetailPurchase } from './online-retail';

export interface OnlineRetailItem {
  stockCode: string;
  /** The most frequent non-empty trimmed Description (ties: the first seen); the StockCode when none. */
  title: string;
  /** The median UnitPrice of its imported rows, rounded to pence. */
  price: number;
}

export interface OnlineRetailCustomer {
  customerId: string;
  /** The first purchase: the shop's data has no sign-up date. */
  firstSeen: Date;
}

/**
 * Gathers, over the imported purchases of the Online Retail file, what the
 * catalogue and the member list need: per StockCode the most frequent
 * Description and the median UnitPrice, per CustomerID the first purchase.
 * Example: after add() of prices 1, 2 and 10 for one StockCode, items()[0].price === 2
 */
export class OnlineRetailCatalogue {
  private readonly byStock = new Map<string, { titles: Map<string, number>; prices: number[] }>();
  private readonly customers = new Map<string, Date>();

  add(purchase: OnlineRetailPurchase): void {
    let stock = this.byStock.get(purchase.stockCode);
    if (!stock) this.byStock.set(purchase.stockCode, (stock = { titles: new Map(), prices: [] }));
    if (purchase.description) stock.titles.set(purchase.description, (stock.titles.get(purchase.description) ?? 0) + 1);
    stock.prices.push(purchase.unitPrice);
    const first = this.customers.get(purchase.customerId);
    if (!first || purchase.occurredAt < first) this.customers.set(purchase.customerId, purchase.occurredAt);
  }

  items(): OnlineRetailItem[] {
    return [...this.byStock.entries()].map(([stockCode, { titles, prices }]) => {
      let title = stockCode;
      let best = 0;
      for (const [t, n] of titles) if (n > best) [title, best] = [t, n];
      return { stockCode, title, price: Math.round(median(prices) * 100) / 100 };
    });
  }

  customerList(): OnlineRetailCustomer[] {
    return [...this.customers.entries()].map(([customerId, firstSeen]) => ({ customerId, firstSeen }));
  }
}

/** The median of a non-empty list (mean of the middle two for an even count); does not mutate its input. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median requires at least one value');
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
