import { withoutMembers } from '@crosslane/domain-member-rights';
import { SeededRandom } from '@crosslane/util-random';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_STRING, LOGS_QUOTING_KEYS, STRIP_FACTOR_ROWS } from './erasure.repository';

// Against real PostgreSQL (the test server of test/support/global-setup.ts): the erasure strips factor rows in SQL,
// and must give exactly what the domain's withoutMembers gives, byte for byte. A temporary model_artifact of this
// session shadows any real table of that name, so nothing is written outside the session.
describe('STRIP_FACTOR_ROWS (an erasure removing members from a model)', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.CROSSLANE_TEST_PG_URL });
    await db.connect();
    await db.query(
      `CREATE TEMP TABLE model_artifact ("modelId" uuid PRIMARY KEY, factors int NOT NULL, "memberIds" bigint[] NOT NULL, "userFactors" bytea NOT NULL)`,
    );
  });
  afterAll(async () => {
    await db?.end();
  });

  async function strip(memberIds: bigint[], factors: number, erased: bigint[], random: SeededRandom) {
    const values = Float32Array.from({ length: memberIds.length * factors }, () => random.next() * 4 - 2);
    const userFactors = new Uint8Array(values.buffer);
    await db.query('DELETE FROM model_artifact');
    await db.query(`INSERT INTO model_artifact VALUES ('00000000-0000-4000-8000-000000000001', $1, $2::bigint[], $3)`, [
      factors,
      memberIds.map(String),
      Buffer.from(userFactors),
    ]);
    const stripped = await db.query(STRIP_FACTOR_ROWS, [erased.map(String)]);
    const { rows } = await db.query<{ memberIds: string[]; userFactors: Buffer }>(
      `SELECT "memberIds"::text[] AS "memberIds", "userFactors" FROM model_artifact`,
    );
    return {
      stripped: stripped.rowCount,
      sql: { memberIds: rows[0].memberIds.map(BigInt), userFactors: new Uint8Array(rows[0].userFactors) },
      expected: withoutMembers({ factors, memberIds, userFactors }, erased),
    };
  }

  it('removes exactly the erased rows, first, last, neighbours or all, and keeps every other row byte for byte', async () => {
    const ids = [11n, 12n, 13n, 14n, 15n, 16n];
    const cases: bigint[][] = [[11n], [16n], [13n, 14n], [11n, 12n, 16n], [12n, 14n, 99n], ids];
    for (const erased of cases) {
      const { stripped, sql, expected } = await strip(ids, 3, erased, new SeededRandom(7));
      expect(stripped, String(erased)).toBe(1);
      expect(sql.memberIds, String(erased)).toEqual(expected!.memberIds);
      expect(Buffer.from(sql.userFactors).equals(Buffer.from(expected!.userFactors)), String(erased)).toBe(true);
    }
  });

  it('matches withoutMembers on a model of 5,000 members losing a random 1,000, and leaves a model without them untouched', async () => {
    const random = new SeededRandom(17);
    const ids = Array.from({ length: 5_000 }, (_, i) => BigInt(1_000 + i));
    const erased = ids.filter(() => random.next() < 0.2);
    const { stripped, sql, expected } = await strip(ids, 8, erased, random);
    expect(stripped).toBe(1);
    expect(sql.memberIds).toEqual(expected!.memberIds);
    expect(Buffer.from(sql.userFactors).equals(Buffer.from(expected!.userFactors))).toBe(true);

    const untouched = await strip(ids, 8, [1n, 2n], random);
    expect(untouched.stripped).toBe(0);
    expect(untouched.expected).toBeNull();
  });
});

// The log scrub reads every log once per run, then each batch only what was written from the run's mark on. Two
// sessions share a schema of their own (dropped afterwards) holding stand-ins for the two log tables, so a writer that
// began before the mark and commits after it can be played out.
describe('LOGS_QUOTING_KEYS (the logs an erasure tombstones, all of them or from a mark on)', () => {
  const schema = `erasure_logs_${process.pid}`;
  let first: Client;
  let second: Client;
  const quoting = async (since: string | null, keys: string[]) =>
    (await first.query<{ tbl: string; id: string; col: string }>(LOGS_QUOTING_KEYS, [since, keys, JSON_STRING])).rows
      .map((r) => `${r.tbl}.${r.col}:${r.id}`)
      .sort();

  beforeAll(async () => {
    first = new Client({ connectionString: process.env.CROSSLANE_TEST_PG_URL });
    second = new Client({ connectionString: process.env.CROSSLANE_TEST_PG_URL });
    await Promise.all([first.connect(), second.connect()]);
    await first.query(`CREATE SCHEMA ${schema}`);
    for (const db of [first, second]) await db.query(`SET search_path TO ${schema}`);
    await first.query(`CREATE TABLE audit_event (id bigint PRIMARY KEY, detail jsonb)`);
    await first.query(`CREATE TABLE job_run (id uuid PRIMARY KEY, payload jsonb NOT NULL, result jsonb)`);
  });
  afterAll(async () => {
    await first?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await Promise.all([first?.end(), second?.end()]);
  });

  it('finds a key quoted as a JSON string anywhere in a log, never inside a longer string, and only from the mark on when given one', async () => {
    await first.query(`INSERT INTO audit_event VALUES (1, '{"memberKey": "m_1", "role": "ADMIN"}'), (2, '{"note": "m_10 and m_1x"}')`);
    await first.query(
      `INSERT INTO job_run VALUES ('00000000-0000-4000-8000-000000000001', '{"rows": [{"m_2": 1}]}', '{"rejected": ["m_1"]}')`,
    );
    await first.query(`VACUUM (FREEZE) audit_event, job_run`);
    expect(await quoting(null, ['m_1', 'm_2'])).toEqual([
      'audit_event.detail:1',
      'job_run.payload:00000000-0000-4000-8000-000000000001',
      'job_run.result:00000000-0000-4000-8000-000000000001',
    ]);

    // A writer that took its transaction id before the mark and commits after it (a consent change under way while
    // the scrub reads): its row is written from the mark on, so a batch still finds it. Rows older than the mark are not read again.
    await second.query('BEGIN');
    await second.query(`INSERT INTO audit_event VALUES (3, '{"memberKey": "m_2"}')`);
    const {
      rows: [{ since }],
    } = await first.query<{ since: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS since');
    await second.query('COMMIT');
    await first.query(`INSERT INTO audit_event VALUES (4, '{"memberKey": "m_1"}')`);
    await first.query(`UPDATE job_run SET result = '{"rejected": ["m_2"]}'`);
    expect(await quoting(since, ['m_1', 'm_2'])).toEqual([
      'audit_event.detail:3',
      'audit_event.detail:4',
      'job_run.payload:00000000-0000-4000-8000-000000000001',
      'job_run.result:00000000-0000-4000-8000-000000000001',
    ]);
    expect(await quoting(since, ['m_3'])).toEqual([]);
    expect(await quoting(since, [])).toEqual([]);
  });
});
