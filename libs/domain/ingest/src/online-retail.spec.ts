import { describe, expect, it } from 'vitest';
import { mapOnlineRetailRow, ONLINE_RETAIL_REASONS } from './online-retail';
import { median, OnlineRetailCatalogue } from './online-retail-catalogue';

const HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
// The first rows of the real file, plus one of each kind of row the mapping leaves out.
const SLICE = `536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
536366,22633,HAND WARMER UNION JACK ,6,2010-12-01 08:28:00,1.85,17850,United Kingdom
C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom
536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom
536544,21773,DECORATIVE ROSE BATHROOM BOTTLE,1,2010-12-01 14:32:00,2.51,,United Kingdom
536589,21777,,-10,2010-12-01 16:50:00,0,17850,United Kingdom
537032,21275,?,-30,2010-12-03 16:50:00,0,13000,United Kingdom
539722,22423,REGENCY CAKESTAND 3 TIER,1,2010-12-21 13:45:00,0,14911,EIRE
536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom`
  .split('\n')
  .map((line) => Object.fromEntries(line.split(',').map((v, i) => [HEADER[i], v])));

describe('mapOnlineRetailRow', () => {
  it('reports a cancellation by its InvoiceNo (doc example)', () => {
    expect(mapOnlineRetailRow(SLICE[3])).toEqual({
      ok: false,
      problems: [{ field: 'InvoiceNo', reason: ONLINE_RETAIL_REASONS.cancellation, value: 'C536379' }],
    });
  });
  it('maps a purchase with its amount and a trimmed description', () => {
    const result = mapOnlineRetailRow(SLICE[2]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({
      customerId: '17850',
      stockCode: '22633',
      description: 'HAND WARMER UNION JACK',
      quantity: 6,
      unitPrice: 1.85,
      amount: 11.1,
    });
    expect(result.row.occurredAt.toISOString()).toBe('2010-12-01T08:28:00.000Z');
  });
  it('counts each row under the first failing check, in the documented order', () => {
    const reasons = SLICE.map((r) => {
      const result = mapOnlineRetailRow(r);
      return result.ok ? 'ok' : result.problems[0].reason;
    });
    expect(reasons).toEqual([
      'ok',
      'ok',
      'ok',
      ONLINE_RETAIL_REASONS.cancellation,
      ONLINE_RETAIL_REASONS.missingCustomer, // no customer and zero price: the customer check comes first
      ONLINE_RETAIL_REASONS.missingCustomer,
      ONLINE_RETAIL_REASONS.nonPositiveQuantity, // negative quantity and zero price
      ONLINE_RETAIL_REASONS.nonPositiveQuantity,
      ONLINE_RETAIL_REASONS.nonPositivePrice,
      'ok',
    ]);
  });
  it('gives an exact duplicate the same eventId, and different rows different ones', () => {
    const ids = SLICE.map((r) => mapOnlineRetailRow(r)).flatMap((r) => (r.ok ? [r.row.eventId] : []));
    expect(ids[1]).toBe(ids[3]);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('OnlineRetailCatalogue', () => {
  it('takes the median price (doc example) and the most frequent title', () => {
    const catalogue = new OnlineRetailCatalogue();
    const base = { eventId: 'e', customerId: '1', stockCode: 'S', quantity: 1, amount: 1, occurredAt: new Date('2011-01-02T00:00:00Z') };
    catalogue.add({ ...base, description: 'A', unitPrice: 1 });
    catalogue.add({ ...base, description: 'B', unitPrice: 2, customerId: '2' });
    catalogue.add({ ...base, description: 'B', unitPrice: 10, occurredAt: new Date('2011-01-01T00:00:00Z') });
    expect(catalogue.items()).toEqual([{ stockCode: 'S', title: 'B', price: 2 }]);
    expect(catalogue.customerList()).toEqual([
      { customerId: '1', firstSeen: new Date('2011-01-01T00:00:00Z') },
      { customerId: '2', firstSeen: new Date('2011-01-02T00:00:00Z') },
    ]);
  });
  it('median of an even count is the mean of the middle two, and the input is not mutated', () => {
    const values = [4, 1, 3, 2];
    expect(median(values)).toBe(2.5);
    expect(values).toEqual([4, 1, 3, 2]);
    expect(() => median([])).toThrow('median requires at least one value');
  });
});
