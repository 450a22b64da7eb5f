import { applyMigrations } from '@crosslane/db';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Client, Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/test-database';
import { ImportMode, ImportRunner } from './import-runner';

// Against real PostgreSQL (the test server of test/support/global-setup.ts), with chunks of 3 rows, so
// duplicates, unknown references and refusals cross the chunks that are written one after the other.
const JOB = '00000000-0000-4000-8000-0000000000a1';
const noHash = () => ({
  hashEmail: () => '',
  hashPhone: () => '',
  hashCustomerNumber: () => '',
  hashMemberKey: (key: string) => `h:${key}`,
  pseudonymFor: (partnerId: string, key: string) => `p:${partnerId}:${key}`,
});
const hooks = { progress: async () => undefined, throwIfCancelled: async () => undefined };

describe('ImportRunner writing interactions in chunks', () => {
  let database: TestDatabase;
  let db: Client;
  let pool: Pool;
  let runner: ImportRunner;

  beforeAll(async () => {
    database = await createTestDatabase('import_runner');
    await applyMigrations({ connectionString: database.url, migrationsDir: path.resolve(__dirname, '../../../../../prisma/migrations') });
    db = new Client({ connectionString: database.url });
    await db.connect();
    await db.query(`INSERT INTO member ("memberKey", "joinedAt") SELECT 'm' || g, now() FROM generate_series(1, 3) g`);
    await db.query(
      `INSERT INTO item ("externalKey", domain, kind, title, category, tags, price) SELECT 'i' || g, 'KNOWLEDGE', 'course', 'C', 'tech', '{}', 1 FROM generate_series(1, 3) g`,
    );
    pool = new Pool({ connectionString: database.url, max: 2 });
    runner = new ImportRunner(pool, noHash, { chunkRows: 3 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.end();
    await database?.drop();
  });

  const csv = (rows: string[]) => ['eventId,memberKey,itemKey,type,occurredAt', ...rows].join('\n') + '\n';
  const good = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => `e${from + i},m${(i % 3) + 1},i${(i % 3) + 1},VIEW,2024-01-0${(i % 9) + 1}`);
  // Rows 2-8 good, row 9 repeats row 2's eventId (another chunk), row 10 names an unknown item, row 12 an unknown member:
  // the file both modes are tried on.
  const goodAndBad = [
    ...good(7),
    'e1,m1,i1,VIEW,2024-01-01',
    'e8,m1,ghost,VIEW,2024-01-01',
    'e9,m2,i2,VIEW,2024-01-01',
    'e10,nobody,i1,VIEW,2024-01-01',
  ];
  const run = (body: string | Buffer, mode: ImportMode, fileName = 'e.csv') =>
    runner.run(
      { jobId: JOB, kind: 'interactions', format: 'csv', mode, partnerId: null, fileName, gzip: false, totalBytes: body.length },
      Readable.from([body]),
      hooks,
    );
  const stored = async () => Number((await db.query('SELECT count(*) FROM interaction')).rows[0].count);

  it('all-or-nothing: a bad row in a late chunk rolls back the chunks already written, and every bad row is reported', async () => {
    await db.query('TRUNCATE interaction');
    const { result, rejections } = await run(csv(goodAndBad), 'all-or-nothing');
    expect(result.outcome).toBe('REJECTED');
    expect(rejections.map((r) => [r.rowNumber, r.field, r.reason])).toEqual([
      [9, 'eventId', 'duplicate eventId "e1" (first in row 2)'],
      [10, 'itemKey', 'unknown item'],
      [12, 'memberKey', 'unknown member'],
    ]);
    expect(await stored()).toBe(0);
  });

  it('keep-good-rows: writes exactly the good rows of every chunk, and a re-run adds nothing', async () => {
    await db.query('TRUNCATE interaction');
    const first = await run(csv(goodAndBad), 'keep-good-rows');
    expect(first.result).toMatchObject({ outcome: 'IMPORTED', rowsRead: 11, accepted: 8, rejected: 3, inserted: 8 });
    expect((await db.query('SELECT "eventId" FROM interaction ORDER BY "eventId"')).rows.map((r) => r.eventId)).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
      'e9',
    ]);
    const again = await run(csv(goodAndBad), 'keep-good-rows');
    expect(again.result).toMatchObject({ accepted: 8, inserted: 0, unchanged: 8 });
    expect(await stored()).toBe(8);
  });

  it('turns NUL bytes into row rejections: keep-good-rows keeps every good row, and the report shows the byte escaped', async () => {
    await db.query('TRUNCATE interaction');
    const rows = [...good(4), 'e5,m1,i\u00001,VIEW,2024-01-01', ...good(3, 6), 'e\u00009,m2,i2,VIEW,2024-01-01'];
    const kept = await run(csv(rows), 'keep-good-rows');
    expect(kept.result).toMatchObject({ outcome: 'IMPORTED', rowsRead: 9, accepted: 7, rejected: 2, inserted: 7 });
    expect(kept.rejections.map((r) => [r.rowNumber, r.field, r.reason])).toEqual([
      [6, 'itemKey', 'contains a NUL byte (\\u0000), which cannot be stored'],
      [10, 'eventId', 'contains a NUL byte (\\u0000), which cannot be stored'],
    ]);
    expect(await stored()).toBe(7);
    await db.query('TRUNCATE interaction');
    const strict = await run(csv(rows), 'all-or-nothing');
    expect(strict.result.outcome).toBe('REJECTED');
    expect(await stored()).toBe(0);
  });

  it('answers a file of random bytes with a short "not UTF-8" naming the line and offset of the first bad byte', async () => {
    // A fixed byte sequence, as a random one would look: no luck involved.
    const bytes = Buffer.from([0x65, 0x76, 0x65, 0x6e, 0x74, 0x0a, 0x9f, 0x41, 0xc3, 0x28, 0xff, 0xfe, 0x00, 0x10]);
    const { result, rejections } = await run(bytes, 'keep-good-rows', 'noise.csv');
    expect(result.outcome).toBe('REJECTED');
    expect(rejections).toEqual([
      {
        rowNumber: 2,
        field: null,
        reason: 'the file is not UTF-8: the first invalid byte (0x9f) is on line 2, at byte offset 6; save it as UTF-8 and upload it again',
        value: null,
      },
    ]);
  });

  it('writes a file of many chunks whole', async () => {
    await db.query('TRUNCATE interaction');
    const { result } = await run(csv(good(20)), 'all-or-nothing');
    expect(result).toMatchObject({ outcome: 'IMPORTED', accepted: 20, inserted: 20 });
    expect(await stored()).toBe(20);
  });

  it("an erased member's rows, known or not, are left out in every chunk with a note naming each row, and the rest is written", async () => {
    await db.query('TRUNCATE interaction, import_note, suppressed_member_key');
    // m2 still exists (its erasure is queued), "gone" no longer does: both keys are suppressed.
    await db.query(`INSERT INTO suppressed_member_key ("keyHash") VALUES ('h:m2'), ('h:gone')`);
    const rows = [...good(6), 'e7,gone,i1,VIEW,2024-01-01'];
    const { result, rejections } = await run(csv(rows), 'all-or-nothing');
    expect(rejections).toEqual([]);
    expect(result).toMatchObject({ outcome: 'IMPORTED', rowsRead: 7, accepted: 7, inserted: 4, suppressed: 3, notes: 3, unchanged: 0 });
    expect(
      (await db.query('SELECT DISTINCT m."memberKey" FROM interaction x JOIN member m ON m.id = x."memberId" ORDER BY 1')).rows.map(
        (r) => r.memberKey,
      ),
    ).toEqual(['m1', 'm3']);
    const notes = await db.query('SELECT "rowNumber", field, note FROM import_note WHERE "jobId" = $1 ORDER BY "rowNumber"', [JOB]);
    expect(notes.rows.map((n) => [n.rowNumber, n.field])).toEqual([
      [3, 'memberKey'],
      [6, 'memberKey'],
      [8, 'memberKey'],
    ]);
    expect(notes.rows[0].note).toMatch(/^suppressed: this member was erased/);
  });
});
