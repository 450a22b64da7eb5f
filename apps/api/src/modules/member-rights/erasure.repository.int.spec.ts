import { withoutMembers } from '@crosslane/domain-member-rights';
import { SeededRandom } from '@crosslane/util-random';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIP_FACTOR_ROWS } from './erasure.repository';

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
