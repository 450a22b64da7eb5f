import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, startLocalRedis } from '../../apps/api/src/core/local-services';

/**
 * Starts what the tests talk to, exactly as `npm start` would: an embedded
 * PostgreSQL and a redis-server on free ports, unless DATABASE_URL and
 * REDIS_URL name servers to use instead. Suites read the URLs from
 * CROSSLANE_TEST_PG_URL / CROSSLANE_TEST_REDIS_URL and create their own
 * database and key prefix there.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-test-'));
  fs.chmodSync(scratch, 0o755);
  const log = (line: string) => process.env.CROSSLANE_TEST_VERBOSE && console.log(line);

  // A failed start leaves no server and no folder behind.
  const fail = async (error: unknown): Promise<never> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  };
  await startServices(scratch, stops, log).catch(fail);
  console.log(
    `[crosslane] tests use PostgreSQL ${redact(process.env.CROSSLANE_TEST_PG_URL!)} and Redis ${redact(process.env.CROSSLANE_TEST_REDIS_URL!)}`,
  );

  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  };
}

async function startServices(scratch: string, stops: (() => Promise<void>)[], log: (line: string) => void): Promise<void> {
  await useOrStart('CROSSLANE_TEST_PG_URL', 'DATABASE_URL', stops, () =>
    startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), log }),
  );
  await useOrStart('CROSSLANE_TEST_REDIS_URL', 'REDIS_URL', stops, () => startLocalRedis({ dataDir: path.join(scratch, 'redis'), log }));
}

/**
 * One rule for both servers: a URL the test run was given wins, then the one the app itself would use, and only
 * then a server of our own (stopped with the rest).
 */
async function useOrStart(
  testVariable: string,
  appVariable: string,
  stops: (() => Promise<void>)[],
  start: () => Promise<{ url: string; stop: () => Promise<void> }>,
): Promise<void> {
  if (process.env[testVariable]) return;
  if (process.env[appVariable]) {
    process.env[testVariable] = process.env[appVariable];
    return;
  }
  const server = await start();
  stops.push(server.stop);
  process.env[testVariable] = server.url;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
