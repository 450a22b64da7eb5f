import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortFree, startEmbeddedPostgres, startLocalRedis, type LocalService } from './index';

const TIMEOUT = 60_000;

/** Processes (other than this one) whose working directory is inside `dir`. */
function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (cwd.startsWith(dir) && state !== 'Z') found.push(`${entry} ${stat.slice(0, stat.lastIndexOf(')') + 1)}`);
    } catch {
      // gone or not ours to read
    }
  }
  return found;
}

/** Watchdogs started by this process that are still running. */
function watchdogs(): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('crosslane-watchdog') && args.includes(String(process.pid))) found.push(entry);
    } catch {
      // gone
    }
  }
  return found;
}

async function eventually<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = read();
  }
  return value;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function withRedis<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

function deadPid(): number {
  const child = spawnSync('true');
  return child.pid as number;
}

// Every case starts real servers: one timeout for the suite.
describe('local services (embedded PostgreSQL, local redis-server)', { timeout: TIMEOUT }, () => {
  let root: string;
  let dataDir: string;
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-local-services-'));
    // Open like the tests' own folder (test/support/global-setup.ts), so the
    // cluster sits in the data folder; postgres-system-user.int.spec.ts covers a closed one.
    fs.chmodSync(root, 0o755);
    dataDir = path.join(root, 'data');
  });

  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const startBoth = () => Promise.all([startEmbeddedPostgres({ dataDir, log }), startLocalRedis({ dataDir, log })]);
  const stopAll = (...services: LocalService[]) => Promise.all(services.map((service) => service.stop()));

  /** Starts both, runs `use`, and stops both however it ends; returns them, stopped, for checks on what they left. */
  async function whileBothRun(use: (db: LocalService, redis: LocalService) => Promise<void>): Promise<[LocalService, LocalService]> {
    const [db, redis] = await startBoth();
    try {
      await use(db, redis);
    } finally {
      await stopAll(db, redis);
    }
    return [db, redis];
  }

  /** What a user would find after the services stopped: their ports free again and no process of theirs left. */
  async function expectNothingLeft(...services: LocalService[]): Promise<void> {
    for (const service of services) expect(await isPortFree(service.port)).toBe(true);
    expect(
      await eventually(
        () => processesIn(root),
        (left) => left.length === 0,
      ),
    ).toEqual([]);
  }

  it('starts both on free 127.0.0.1 ports, serves a query and SET/GET, and releases everything on stop', async () => {
    const [db, redis] = await whileBothRun(async (db, redis) => {
      expect(db.port).not.toBe(5432);
      expect(redis.port).not.toBe(6379);
      expect(new URL(db.url).hostname).toBe('127.0.0.1');
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);

      await query(db.url, 'CREATE TABLE kept (id int PRIMARY KEY, note text NOT NULL)');
      await query(db.url, 'INSERT INTO kept VALUES ($1, $2)', [1, 'survives a restart']);
      const [row] = await query<{ db: string; n: number }>(db.url, 'SELECT current_database() AS db, count(*)::int AS n FROM kept');
      expect(row).toEqual({ db: 'crosslane', n: 1 });

      await withRedis(redis.url, async (client) => {
        await client.set('crosslane:spec', 'kept in the append-only file');
        expect(await client.get('crosslane:spec')).toBe('kept in the append-only file');
      });
    });

    await expectNothingLeft(db, redis);
    expect(await eventually(watchdogs, (left) => left.length === 0)).toEqual([]);
    await stopAll(db, redis); // idempotent

    const credentials = fs.statSync(path.join(dataDir, 'postgres-credentials.json'));
    expect(credentials.mode & 0o777).toBe(0o600);
  });

  it('keeps the data and the credentials when restarted on the same data folder', async () => {
    await whileBothRun(async (db, redis) => {
      expect(await query(db.url, 'SELECT note FROM kept WHERE id = 1')).toEqual([{ note: 'survives a restart' }]);
      expect(await withRedis(redis.url, (client) => client.get('crosslane:spec'))).toBe('kept in the append-only file');
    });
    expect(logs.filter((line) => line.includes('initialising')).length).toBe(1);
  });

  it('starts both again on the same port when they are killed with SIGKILL, with their data and one log line each', async () => {
    const [db, redis] = await whileBothRun(async (db, redis) => {
      await withRedis(redis.url, (client) => client.set('crosslane:acknowledged', 'before the kill'));
      const before = logs.length;
      const [pgPid, redisPid] = [db.pid!, redis.pid!];
      process.kill(pgPid, 'SIGKILL'); // as the out-of-memory killer would
      process.kill(redisPid, 'SIGKILL');

      await eventually(
        () => db.restarts + redis.restarts,
        (n) => n === 2,
        30_000,
      );
      expect([db.restarts, redis.restarts]).toEqual([1, 1]);
      expect(db.pid).not.toBe(pgPid);
      expect(redis.pid).not.toBe(redisPid);
      // Same URLs as before the kill: the clients holding them reconnect by themselves.
      expect(await query(db.url, 'SELECT note FROM kept WHERE id = 1')).toEqual([{ note: 'survives a restart' }]);
      expect(await withRedis(redis.url, (client) => client.get('crosslane:acknowledged'))).toBe('before the kill');

      const restartLines = logs.slice(before);
      expect(restartLines).toHaveLength(2);
      expect(restartLines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(`^PostgreSQL \\(pid ${pgPid}\\) was killed by SIGKILL; restarted on 127\\.0\\.0\\.1:${db.port} `),
          ),
          expect.stringMatching(
            new RegExp(`^redis-server \\(pid ${redisPid}\\) was killed by SIGKILL; restarted on 127\\.0\\.0\\.1:${redis.port} `),
          ),
        ]),
      );
    });
    // A stop is not a death: nothing is restarted after it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expectNothingLeft(db, redis);
  });

  it('refuses a second start while the first one runs', async () => {
    const db = await startEmbeddedPostgres({ dataDir, log });
    try {
      await expect(startEmbeddedPostgres({ dataDir, log })).rejects.toThrow(/already running/);
    } finally {
      await db.stop();
    }
  });

  it('recovers from a killed run: stale records, a stale postmaster.pid, and servers left running', async () => {
    // 1. Records of a dead owner and a postmaster.pid naming a dead process.
    const pgData = path.join(dataDir, 'postgres');
    const record = JSON.stringify({ pid: deadPid(), startedAt: new Date(0).toISOString() });
    fs.writeFileSync(path.join(dataDir, 'postgres.owner.json'), record);
    fs.writeFileSync(path.join(dataDir, 'redis.owner.json'), record);
    fs.writeFileSync(path.join(pgData, 'postmaster.pid'), `${deadPid()}\n${pgData}\n`);
    let [db, redis]: LocalService[] = await startBoth();
    expect(await query(db.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);

    // 2. Pretend this owner died without stopping its servers: the next start
    //    must stop the leftovers and take over.
    for (const name of ['postgres.owner.json', 'redis.owner.json']) {
      fs.writeFileSync(path.join(dataDir, name), record);
    }
    const orphans = [db, redis];
    [db, redis] = await startBoth();
    try {
      expect(logs.some((line) => /stopping a PostgreSQL \(pid \d+\) left running/.test(line))).toBe(true);
      expect(logs.some((line) => /stopping a redis-server \(pid \d+\) left running/.test(line))).toBe(true);
      expect(await query(db.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);
      expect(await withRedis(redis.url, (client) => client.get('crosslane:spec'))).toBe('kept in the append-only file');
    } finally {
      await stopAll(...orphans, db, redis);
    }
    await expectNothingLeft();
  });
});
