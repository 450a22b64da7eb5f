import http from 'node:http';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/suite';

/**
 * Imports end to end: upload, queued job, what lands in the database, and
 * what a bad file gets instead. Each bad-input case checks that the tables
 * hold exactly what they held before.
 */
describe('imports: uploads become queued jobs; bad files are refused row by row, field by field', () => {
  const suite = useTestApp({ label: 'imports', accounts: ['MANAGER', 'ANALYST'], database: true });
  let partnerId: string;

  const snapshot = async () => {
    const { rows } = await suite.db.query(`SELECT (SELECT count(*) FROM member)::int AS members, (SELECT count(*) FROM item)::int AS items,
      (SELECT count(*) FROM interaction)::int AS interactions, (SELECT count(*) FROM partner_review)::int AS reviews,
      (SELECT count(*) FROM market_signal)::int AS signals, (SELECT count(*) FROM partner_customer)::int AS customers,
      (SELECT count(*) FROM pg_largeobject_metadata)::int AS uploads`);
    return rows[0] as Record<string, number>;
  };

  const upload = async (kind: string, name: string, content: string | Buffer, extra: Record<string, string> = {}) => {
    let request = suite.app.http.post('/api/imports').set('Authorization', `Bearer ${suite.manager.token}`).field('kind', kind);
    for (const [k, v] of Object.entries(extra)) request = request.field(k, v);
    const response = await request.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const job = await suite.app.waitForJob(suite.manager.token, response.body.id);
    expect(job.status, JSON.stringify(job)).toBe('COMPLETED');
    return { id: response.body.id as string, result: job.result as Record<string, any> };
  };

  const rejections = async (jobId: string) => {
    const response = await suite.app.http
      .get(`/api/imports/${jobId}/rejections`)
      .query({ range: '[0,999]' })
      .set('Authorization', `Bearer ${suite.analyst.token}`);
    expect(response.status).toBe(200);
    return response.body as { rowNumber: number; field: string | null; reason: string; value: string | null }[];
  };

  beforeAll(async () => {
    partnerId = (
      await suite.db.query(
        `INSERT INTO partner (id, slug, name, industry, "updatedAt") VALUES (gen_random_uuid(), 'apex-tuning', 'Apex Tuning', 'car-modification', now()) RETURNING id`,
      )
    ).rows[0].id;
  });

  it('imports members, hashing e-mail and phone: no raw identifier reaches the database; an analyst may not upload', async () => {
    const denied = await suite.app.http
      .post('/api/imports')
      .set('Authorization', `Bearer ${suite.analyst.token}`)
      .field('kind', 'members')
      .attach('file', Buffer.from('memberKey,joinedAt\n'), 'm.csv');
    expect(denied.status).toBe(403);

    const csv =
      'memberKey,joinedAt,email,phone,consentPersonalisation,consentPartnerSharing,city\n' +
      Array.from(
        { length: 20 },
        (_, i) =>
          `m_${i},2024-01-${String(i + 1).padStart(2, '0')},User${i}@Example.com,+86 138 0013 ${String(8000 + i)},true,${i % 2 === 0},Shanghai`,
      ).join('\n') +
      '\n';
    const { result } = await upload('members', 'members.csv', csv);
    expect(result).toMatchObject({ outcome: 'IMPORTED', rowsRead: 20, accepted: 20, rejected: 0, inserted: 20 });
    const stored = await suite.db.query(`SELECT "emailHash", "phoneHash", "consentPartnerSharing" FROM member ORDER BY "memberKey"`);
    expect(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.emailHash) && /^[0-9a-f]{64}$/.test(r.phoneHash))).toBe(true);
    const dump =
      JSON.stringify((await suite.db.query('SELECT * FROM member')).rows) +
      JSON.stringify((await suite.db.query('SELECT * FROM import_rejection')).rows);
    expect(dump).not.toMatch(/example\.com|13800138/i);
    expect((await snapshot()).uploads).toBe(0);
  });

  it('imports the catalogue and interactions, and re-running the same file changes nothing', async () => {
    const items =
      'externalKey,kind,title,category,price,tags\n' +
      Array.from({ length: 10 }, (_, i) => `course-${i},course,Course ${i},ev,${9.9 + i},ev|battery`).join('\n');
    expect((await upload('knowledge-items', 'items.csv', items)).result).toMatchObject({ outcome: 'IMPORTED', inserted: 10 });
    const kits = JSON.stringify(
      Array.from({ length: 5 }, (_, i) => ({
        externalKey: `apex-kit-${i}`,
        kind: 'kit',
        title: `Coilover ${i}`,
        category: 'suspension',
        price: 4999,
        tags: ['track'],
      })),
    );
    expect((await upload('partner-items', 'kits.json', kits, { partnerId })).result).toMatchObject({ outcome: 'IMPORTED', inserted: 5 });
    const interactions =
      'memberKey,itemKey,type,occurredAt,amount\n' +
      Array.from(
        { length: 50 },
        (_, i) =>
          `m_${i % 20},course-${i % 10},${i % 3 ? 'VIEW' : 'PURCHASE'},2024-06-01T10:${String(i).padStart(2, '0')}:00Z,${i % 3 ? '' : '19.90'}`,
      ).join('\n');
    const first = await upload('interactions', 'events.csv', interactions);
    expect(first.result).toMatchObject({ outcome: 'IMPORTED', accepted: 50, inserted: 50, unchanged: 0 });
    const before = await snapshot();
    const again = await upload('interactions', 'events.csv', interactions);
    expect(again.result).toMatchObject({ outcome: 'IMPORTED', accepted: 50, inserted: 0, unchanged: 50 });
    const itemsAgain = await upload('knowledge-items', 'items.csv', items);
    expect(itemsAgain.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 10 });
    expect(await snapshot()).toEqual(before);

    // A later file that repeats the stored events and adds new ones: only the new ones are written.
    const later =
      interactions +
      '\n' +
      Array.from({ length: 10 }, (_, i) => `m_${i},course-${i},VIEW,2024-06-02T09:${String(i).padStart(2, '0')}:00Z,`).join('\n');
    const overlap = await upload('interactions', 'events-later.csv', later);
    expect(overlap.result).toMatchObject({ outcome: 'IMPORTED', accepted: 60, inserted: 10, unchanged: 50 });
    expect((await snapshot()).interactions).toBe(before.interactions + 10);
  });

  it('a wrong header names the missing and unexpected columns, and writes nothing', async () => {
    const before = await snapshot();
    const { id, result } = await upload('interactions', 'bad-header.csv', 'member,itemKey,type,occurredAt\nm_1,course-1,VIEW,2024-01-01\n');
    expect(result.outcome).toBe('REJECTED');
    expect(result.fileError).toBe(
      'missing column memberKey; unexpected column member; expected memberKey,itemKey,type,occurredAt,eventId,weight,amount,source',
    );
    expect(await rejections(id)).toMatchObject([{ rowNumber: 1, field: 'memberKey' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('a bad date, a duplicate eventId and an unknown item are named by row and field; all-or-nothing writes nothing', async () => {
    const before = await snapshot();
    const csv = [
      'eventId,memberKey,itemKey,type,occurredAt',
      'e-1,m_1,course-1,VIEW,2024-07-01',
      'e-2,m_1,course-1,VIEW,2024-02-30',
      'e-1,m_2,course-2,VIEW,2024-07-02',
      'e-4,m_3,no-such-course,VIEW,2024-07-03',
      'e-5,m_3,course-3,VIEW,2024-07-03',
    ].join('\n');
    const { id, result } = await upload('interactions', 'mixed.csv', csv);
    expect(result).toMatchObject({ outcome: 'REJECTED', rowsRead: 5, accepted: 0, rejected: 3, inserted: 0 });
    expect((await rejections(id)).map((r) => [r.rowNumber, r.field, r.reason])).toEqual([
      [3, 'occurredAt', 'must be a real calendar date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in the years 1 to 9999'],
      [4, 'eventId', 'duplicate eventId "e-1" (first in row 2)'],
      [5, 'itemKey', 'unknown item'],
    ]);
    expect(await snapshot()).toEqual(before);

    // The same file with keep-good-rows: exactly the two good rows are written, the three others are listed as dropped.
    const kept = await upload('interactions', 'mixed.csv', csv, { mode: 'keep-good-rows' });
    expect(kept.result).toMatchObject({ outcome: 'IMPORTED', accepted: 2, rejected: 3, inserted: 2 });
    expect((await rejections(kept.id)).map((r) => r.rowNumber)).toEqual([3, 4, 5]);
    expect(
      (await suite.db.query(`SELECT "eventId" FROM interaction WHERE "eventId" IN ('e-1','e-2','e-4','e-5') ORDER BY 1`)).rows.map(
        (r) => r.eventId,
      ),
    ).toEqual(['e-1', 'e-5']);
    const csvReport = await suite.app.http
      .get(`/api/imports/${kept.id}/rejections.csv`)
      .set('Authorization', `Bearer ${suite.analyst.token}`);
    expect(csvReport.status).toBe(200);
    expect(csvReport.headers['content-type']).toMatch(/text\/csv/);
    expect(csvReport.text.split('\n')[0]).toBe('rowNumber,field,reason,value');
    expect(csvReport.text).toContain('5,itemKey,unknown item,no-such-course');
  });

  it('a negative quantity in a shop file is refused by row and field', async () => {
    const before = await snapshot();
    const csv =
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n536366,71053,WHITE METAL LANTERN,-6,2010-12-01 08:28:00,3.39,17850,United Kingdom\n';
    const { id, result } = await upload('online-retail', 'shop.csv', csv);
    expect(result).toMatchObject({ outcome: 'REJECTED', rejected: 1 });
    expect(await rejections(id)).toMatchObject([{ rowNumber: 3, field: 'Quantity', reason: 'Quantity must be positive', value: '-6' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('a non-UTF-8 file is refused naming the line, offset and value of the first bad byte; an empty file is refused at once', async () => {
    const before = await snapshot();
    const latin1 = Buffer.concat([
      Buffer.from('memberKey,joinedAt,city\nm_90,2024-01-01,Shanghai\nm_91,2024-01-01,'),
      Buffer.from([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]),
      Buffer.from('\n'),
    ]);
    const { id, result } = await upload('members', 'latin1.csv', latin1);
    expect(result.outcome).toBe('REJECTED');
    expect(result.fileError).toBe(
      'the file is not UTF-8: the first invalid byte (0xfc) is on line 3, at byte offset 66; save it as UTF-8 and upload it again',
    );
    expect(await rejections(id)).toMatchObject([{ rowNumber: 3, field: null }]);

    const empty = await suite.app.http
      .post('/api/imports')
      .set('Authorization', `Bearer ${suite.manager.token}`)
      .field('kind', 'members')
      .attach('file', Buffer.alloc(0), 'empty.csv');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ message: 'the file empty.csv is empty', fields: [{ field: 'file' }] });
    const headerOnly = await upload('members', 'header.csv', 'memberKey,joinedAt\n');
    expect(headerOnly.result).toMatchObject({ outcome: 'REJECTED', fileError: 'the file has a header but no data rows' });
    expect(await snapshot()).toEqual(before);
  });

  it('a file of random bytes gets one short "not UTF-8" line, not a header error', async () => {
    // Seeded noise (a linear congruential generator), the same bytes on every run.
    let state = 20_261_206;
    const noise = Buffer.from(Array.from({ length: 4096 }, () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) >> 16) & 0xff));
    const { result } = await upload('interactions', 'noise.csv', noise);
    expect(result.outcome).toBe('REJECTED');
    expect(result.fileError).toMatch(
      /^the file is not UTF-8: the first invalid byte \(0x[0-9a-f]{2}\) is on line 1, at byte offset \d+; save it as UTF-8 and upload it again$/,
    );
  });

  it('a NUL byte refuses its row alone: keep-good-rows writes the other rows', async () => {
    const csv = 'memberKey,joinedAt,city\nm_nul_1,2024-01-01,Ly\u0000on\nm_nul_2,2024-01-02,Paris\n';
    const { id, result } = await upload('members', 'nul.csv', csv, { mode: 'keep-good-rows' });
    expect(result).toMatchObject({ outcome: 'IMPORTED', accepted: 1, rejected: 1 });
    expect(await rejections(id)).toMatchObject([
      { rowNumber: 2, field: 'city', reason: 'contains a NUL byte (\\u0000), which cannot be stored' },
    ]);
    expect((await suite.db.query(`SELECT "memberKey", city FROM member WHERE "memberKey" LIKE 'm_nul_%'`)).rows).toEqual([
      { memberKey: 'm_nul_2', city: 'Paris' },
    ]);
  });

  it('reviews, market signals and a customer list: the list is matched to members by keyed hash', async () => {
    const reviews =
      'externalId,itemKey,memberKey,rating,text,reviewedAt\nr-1,apex-kit-1,m_1,5,"Great, fits well",2024-05-01\nr-2,,,4,,2024-05-02\n';
    expect((await upload('reviews', 'reviews.csv', reviews, { partnerId })).result).toMatchObject({ outcome: 'IMPORTED', inserted: 2 });
    const signals = 'category,period,index,source\ncoilovers,2024-03,71.5,search\ncoilovers,2024-04,74,search\n';
    expect((await upload('market-signals', 'signals.csv', signals)).result).toMatchObject({ outcome: 'IMPORTED', inserted: 2 });
    const list = 'email,phone,customerNumber\nuser1@example.com,,\n,+8613800138002,\nnobody@example.org,,\n,,C-77\n';
    const { result } = await upload('customer-list', 'customers.csv', list, { partnerId });
    expect(result).toMatchObject({ outcome: 'IMPORTED', inserted: 4 });
    const matched = await suite.db.query(
      `SELECT m."memberKey" FROM partner_customer pc JOIN member m ON m.id = pc."memberId" WHERE pc."partnerId" = $1 ORDER BY 1`,
      [partnerId],
    );
    expect(matched.rows.map((r) => r.memberKey)).toEqual(['m_1', 'm_2']);
    expect(JSON.stringify((await suite.db.query('SELECT * FROM partner_customer')).rows)).not.toMatch(/example|13800138002|C-77/);
  });

  it('takes interaction events as they happen, idempotent by eventId, naming each bad event by index', async () => {
    const events = [
      { eventId: 'live-1', memberKey: 'm_1', itemKey: 'course-1', type: 'VIEW', occurredAt: '2024-08-01T10:00:00Z' },
      { eventId: 'live-2', memberKey: 'm_2', itemKey: 'course-2', type: 'PURCHASE', occurredAt: '2024-08-01T10:01:00Z', amount: 19.9 },
    ];
    const post = (body: unknown, token = suite.manager.token) =>
      suite.app.http
        .post('/api/events/batch')
        .set('Authorization', `Bearer ${token}`)
        .send(body as object);
    expect((await post(events, suite.analyst.token)).status).toBe(403);
    expect((await post(events)).body).toEqual({ received: 2, inserted: 2, duplicates: 0, suppressed: [] });
    expect((await post(events)).body).toEqual({ received: 2, inserted: 0, duplicates: 2, suppressed: [] });
    const before = await snapshot();
    const bad = await post([
      { ...events[0], eventId: 'live-3' },
      { ...events[0], eventId: 'live-4', occurredAt: 'soon' },
      { ...events[0], eventId: 'live-5', itemKey: 'ghost' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['[1].occurredAt', '[2].itemKey']);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves no event pointing at a missing member or item, though the event table has no foreign keys', async () => {
    const { rows } = await suite.db.query(`SELECT count(*)::int AS events,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.id = i."memberId") OR NOT EXISTS (SELECT 1 FROM item t WHERE t.id = i."itemId"))::int AS orphans
      FROM interaction i`);
    expect(rows[0].events).toBeGreaterThan(0);
    expect(rows[0].orphans).toBe(0);
  });

  it('refuses a 200 MB upload with 413 naming the limit, and streams a large file within it', async () => {
    const before = await snapshot();
    // Declared 200 MB: refused before the body is read.
    const declared = await rawUpload(suite.app.url, suite.manager.token, 200 * 1024 * 1024, true);
    expect(declared.status).toBe(413);
    expect(declared.body).toContain('upload limit of 100 MB');
    // Sent chunked, without a length: refused when the stream passes the limit, and the partial upload is removed.
    const streamed = await rawUpload(suite.app.url, suite.manager.token, 200 * 1024 * 1024, false);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toContain('upload limit of 100 MB');
    expect(await snapshot()).toEqual(before);

    // About 12 MB of interactions: read through in chunks from the database, never whole.
    const rows = 150_000;
    const lines = ['eventId,memberKey,itemKey,type,occurredAt,weight,source'];
    for (let i = 0; i < rows; i++)
      lines.push(`bulk-${i},m_${i % 20},course-${i % 10},VIEW,2024-09-01T00:00:00Z,1,bulk-import-test-padding`);
    const big = Buffer.from(lines.join('\n') + '\n');
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const { result } = await upload('interactions', 'bulk.csv', big);
    expect(result).toMatchObject({ outcome: 'IMPORTED', rowsRead: rows, inserted: rows });
    expect((await snapshot()).uploads).toBe(0);
  });
});

/** A multipart upload of `size` generated bytes, streamed: nothing of that size is ever held or written to disk. */
function rawUpload(baseUrl: string, token: string, size: number, declareLength: boolean): Promise<{ status: number; body: string }> {
  const boundary = 'crosslane-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ninteractions\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent === 0) this.push(head);
      if (sent >= size) {
        this.push(tail);
        this.push(null);
        return;
      }
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return new Promise((resolve, reject) => {
    const url = new URL('/api/imports', baseUrl);
    const headers: Record<string, string | number> = {
      Authorization: `Bearer ${token}`,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    };
    if (declareLength) headers['Content-Length'] = head.length + size + tail.length;
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.on('data', (d) => (text += d));
      response.on('end', () => {
        body.destroy();
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: text });
      });
    });
    request.on('error', (error) => (sent > 0 ? undefined : reject(error)));
    body.pipe(request);
  });
}
