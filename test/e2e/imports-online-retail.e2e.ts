import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/suite';

/**
 * The whole UCI Online Retail file through the documented path (the
 * dashboard's button posts the same request): the counts docs/imports.md
 * states, reconciled with the dataset README.
 */
describe('imports: the UCI Online Retail dataset', () => {
  const suite = useTestApp({ label: 'online_retail', accounts: ['MANAGER'], database: true });

  it('imports the shop as a partner with its items, customers and purchases, and reports every row left out by reason', async () => {
    const response = await suite.app.http
      .post('/api/imports')
      .set('Authorization', `Bearer ${suite.manager.token}`)
      .send({ kind: 'online-retail', source: 'dataset' });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const job = await suite.app.waitForJob(suite.manager.token, response.body.id, undefined, 170_000);
    expect(job.status, JSON.stringify(job)).toBe('COMPLETED');
    expect(job.result).toMatchObject({
      outcome: 'IMPORTED',
      mode: 'keep-good-rows',
      rowsRead: 541_909,
      accepted: 392_692,
      rejected: 149_217,
      inserted: 392_692,
      rejectionsByReason: {
        'missing CustomerID': 135_080,
        'cancellation (InvoiceNo starts with C)': 8_905,
        'UnitPrice must be positive': 40,
        'exact duplicate of an earlier row': 5_192,
      },
      extra: { items: 3_665, members: 4_338 },
    });
    const { rows } = await suite.db.query(
      `SELECT
      (SELECT count(*) FROM member WHERE "memberKey" LIKE 'uci\\_%')::int AS members,
      (SELECT count(*) FROM item i JOIN partner p ON p.id = i."partnerId" WHERE p.slug = 'uci-online-retail')::int AS items,
      (SELECT count(*) FROM interaction WHERE source = 'partner:uci-online-retail')::int AS purchases,
      (SELECT sum(amount) FROM interaction WHERE source = 'partner:uci-online-retail')::text AS revenue,
      (SELECT count(*) FROM partner_customer pc JOIN partner p ON p.id = pc."partnerId" WHERE p.slug = 'uci-online-retail' AND pc."memberId" IS NOT NULL)::int AS matched,
      (SELECT count(*) FROM import_rejection WHERE "jobId" = $1)::int AS rejections`,
      [response.body.id],
    );
    expect(rows[0]).toEqual({
      members: 4_338,
      items: 3_665,
      purchases: 392_692,
      revenue: '8887208.89',
      matched: 4_338,
      rejections: 149_217,
    });
    // The raw CustomerID never reaches the database: member keys are keyed hashes.
    // (A hex hash may contain the digits 17850 by chance, so check the form, not a substring.)
    const keys = await suite.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE "memberKey" ~ '^uci_[0-9a-f]{24}$')::int AS hashed FROM member`,
    );
    expect(keys.rows[0].hashed).toBe(keys.rows[0].n);
    expect(
      (await suite.db.query(`SELECT count(*)::int AS n FROM member WHERE "memberKey" IN ('17850', 'uci_17850', '17850.0')`)).rows[0].n,
    ).toBe(0);
    const title = await suite.db.query(`SELECT title, price::text FROM item WHERE "externalKey" = 'uci-retail:85123A'`);
    expect(title.rows[0]).toEqual({ title: 'WHITE HANGING HEART T-LIGHT HOLDER', price: '2.95' });
  });
});
