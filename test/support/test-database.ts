import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A database of its own on the test server, dropped (even with open connections) at the end. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = process.env.CROSSLANE_TEST_PG_URL;
  if (!serverUrl) throw new Error('CROSSLANE_TEST_PG_URL is not set: run the tests through `npm test` or vitest with the root config');
  const name = `crosslane_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
