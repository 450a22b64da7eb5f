import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, startLocalRedis, type LocalService } from '../../apps/api/src/core/local-services';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

/**
 * Issue 11, "services that come back": the embedded PostgreSQL and the
 * redis-server are this suite's own (started through the same supervised code
 * as `npm start`, not the shared ones of the global setup, which other suites
 * use), so it can kill them. Each is killed with SIGKILL, as an out-of-memory
 * kill would: it must come back by itself on the same port; a request made
 * during the outage must answer 503 within 5 s or complete after it; a job
 * requested just before, during and just after the outage must run exactly
 * once, and a members import asked for during it is refused or lands once; and the log must say so in a few lines, not one per retry.
 */
const FAST = 5_000;
const TRAIN = { scope: 'ALL', params: { factors: 8, iterations: 3 } };

interface Timed {
  status: number;
  ms: number;
  body: { id?: string; message?: string; status?: string; [key: string]: unknown };
}

describe('PostgreSQL and Redis killed under a running app', () => {
  let scratch: string;
  let pg: LocalService;
  let redis: LocalService;
  let app: TestApp;
  let token: string;
  /** Every line this process printed (Nest's logger, console, the services' own log). */
  const printed: string[] = [];
  const restore: Array<() => void> = [];

  const capture = () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        printed.push(...String(chunk).split('\n').filter(Boolean));
        return process.env.CROSSLANE_TEST_VERBOSE ? (write as (...a: unknown[]) => boolean)(chunk, ...rest) : true;
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        printed.push(
          ...format(...args)
            .split('\n')
            .filter(Boolean),
        );
        if (process.env.CROSSLANE_TEST_VERBOSE) original(...args);
      };
      restore.push(() => (console[method] = original));
    }
  };

  const timed = async (send: () => PromiseLike<{ status: number; body: unknown }>): Promise<Timed> => {
    const started = Date.now();
    const response = await send();
    return { status: response.status, ms: Date.now() - started, body: response.body as Timed['body'] };
  };
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const requestTraining = (name: string) =>
    timed(() =>
      app.http
        .post('/api/recommender/models')
        .set(auth())
        .send({ ...TRAIN, name }),
    );
  /** A members import of `count` new keys under `prefix`: an upload goes to PostgreSQL, its job to the queue. */
  const requestImport = (prefix: string, count: number) => {
    const csv = 'memberKey,joinedAt\n' + Array.from({ length: count }, (_, i) => `${prefix}_${i},2024-01-01`).join('\n') + '\n';
    return timed(() =>
      app.http.post('/api/imports').set(auth()).field('kind', 'members').attach('file', Buffer.from(csv), `${prefix}.csv`),
    );
  };
  /** An import asked for during an outage is refused quickly, or lands exactly once: every key, no copy. */
  const expectImportedOnceOrRefused = async (response: Timed, service: 'PostgreSQL' | 'Redis', prefix: string, count: number) => {
    expectFastOr503(response, service, [202]);
    if (response.status === 202) {
      const job = await app.waitForJob(token, response.body.id!, undefined, 120_000);
      expect(job).toMatchObject({ status: 'COMPLETED' });
    }
    const stored = await query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE "memberKey" LIKE '${prefix}\\_%'`);
    expect(stored[0].n).toBe(response.status === 202 ? count : 0);
  };

  const query = async <T>(sql: string): Promise<T[]> => {
    // The suite's own view of the database, independent of the app's pool.
    for (let attempt = 0; ; attempt++) {
      const client = new Client({ connectionString: app.database.url, connectionTimeoutMillis: 3_000 });
      try {
        await client.connect();
        return (await client.query(sql)).rows as T[];
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  };

  const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** A request made during an outage: either a quick 503 that names the service, or a normal answer. */
  const expectFastOr503 = (response: Timed, service: 'PostgreSQL' | 'Redis', ok: number[]) => {
    expect(response.ms).toBeLessThan(FAST);
    if (response.status === 503) expect(response.body.message).toBe(`${service} is unreachable right now. Try again in a few seconds.`);
    else expect(ok).toContain(response.status);
  };

  /** /api/health during an outage: quick, and 503 (for load balancers) naming what is down, unless it is already back. */
  const expectHealth = (response: Timed, service: 'database' | 'redis') => {
    expect(response.ms).toBeLessThan(FAST);
    expect([200, 503]).toContain(response.status);
    if (response.status === 503) expect(response.body).toMatchObject({ status: 'degraded', [service]: { ok: false } });
  };

  /** Accepted training requests must each have run exactly once: one COMPLETED row, one model. */
  const expectEachRanOnce = async (accepted: string[]) => {
    for (const id of accepted) {
      const job = await app.waitForJob(token, id, undefined, 120_000);
      expect(job).toMatchObject({ id, status: 'COMPLETED' });
    }
    const runs = await query<{ id: string; status: string }>(
      `SELECT id, status FROM job_run WHERE name = 'train-recommender' ORDER BY "createdAt"`,
    );
    const models = await query<{ n: number }>(`SELECT count(*)::int AS n FROM recommender_model`);
    expect(runs.map((run) => run.status)).toEqual(runs.map(() => 'COMPLETED'));
    expect(models[0].n).toBe(runs.length);
    return runs.length;
  };

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-outage-'));
    fs.chmodSync(scratch, 0o755); // PostgreSQL runs as the postgres user when we are root
    capture();
    const log = (line: string) => printed.push(line);
    [pg, redis] = await Promise.all([
      startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), log }),
      startLocalRedis({ dataDir: path.join(scratch, 'redis'), log }),
    ]);
    // startTestApp makes its database and key prefix on the servers these name: ours, in this process only.
    process.env.CROSSLANE_TEST_PG_URL = pg.url;
    process.env.CROSSLANE_TEST_REDIS_URL = redis.url;
    app = await startTestApp({
      label: 'outage',
      demoWorld: true,
      demoMembers: 300,
      // The app's own log level, so its outage lines are seen and counted.
      env: { CROSSLANE_LOG_LEVEL: 'log', CROSSLANE_JOB_LOCK_MS: '10000' },
    });
    token = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(await app.waitForJob(token, app.running.demoWorldJobId!)).toMatchObject({ status: 'COMPLETED' });
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await Promise.all([pg?.stop(), redis?.stop()]);
    for (const undo of restore.reverse()) undo();
    if (process.env.CROSSLANE_TEST_VERBOSE) console.log(printed.filter((line) => /restart/i.test(line)).join('\n'));
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('Redis: comes back on its own, requests answer 503 quickly meanwhile, jobs around the outage run once and an import lands once or is refused', async () => {
    const before = printed.length;
    const accepted: string[] = [];
    const justBefore = await requestTraining('before the Redis outage');
    expect(justBefore.status).toBe(201);
    accepted.push(justBefore.body.id!);

    const killed = redis.pid!;
    const port = redis.port;
    process.kill(killed, 'SIGKILL');
    const [health, jobs, during, importDuring] = await Promise.all([
      timed(() => app.http.get('/api/health')),
      timed(() => app.http.get('/api/jobs').set(auth())),
      requestTraining('during the Redis outage'),
      requestImport('redis_outage', 40),
    ]);
    expectHealth(health, 'redis');
    expect(jobs.status).toBe(200); // the job list lives in PostgreSQL
    // A job asked for while Redis is away is kept (its row is the queue) or refused, never half-done.
    expectFastOr503(during, 'Redis', [201]);
    if (during.status === 201) accepted.push(during.body.id!);

    await until('redis-server to be restarted', () => redis.restarts === 1);
    expect(redis.pid).not.toBe(killed);
    expect(redis.port).toBe(port);
    await until('the app to see Redis again', async () => (await app.http.get('/api/health')).status === 200);
    const justAfter = await requestTraining('after the Redis outage');
    expect(justAfter.status).toBe(201);
    accepted.push(justAfter.body.id!);

    expect(await expectEachRanOnce(accepted)).toBe(accepted.length);
    await expectImportedOnceOrRefused(importDuring, 'Redis', 'redis_outage', 40);

    const lines = printed.slice(before);
    expect(lines.filter((line) => /Unhandled error event/.test(line))).toEqual([]);
    const aboutTheOutage = lines.filter((line) => /redis|ECONNREFUSED|Connection is closed|Stream isn't writeable/i.test(line));
    expect(aboutTheOutage.length).toBeLessThanOrEqual(5);
    expect(aboutTheOutage).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`redis-server \\(pid ${killed}\\) was killed by SIGKILL; restarted on 127\\.0\\.0\\.1:${port} `)),
        expect.stringMatching(/Redis is unreachable \(/),
        expect.stringMatching(/Redis is back after \d+\.\d s/),
      ]),
    );
  });

  it('PostgreSQL: comes back on its own, requests answer 503 quickly meanwhile, jobs around the outage run once and an import lands once or is refused', async () => {
    const before = printed.length;
    const runsBefore = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM job_run WHERE name = 'train-recommender'`))[0].n;
    const accepted: string[] = [];
    const justBefore = await requestTraining('before the PostgreSQL outage');
    expect(justBefore.status).toBe(201);
    accepted.push(justBefore.body.id!);

    const killed = pg.pid!;
    const port = pg.port;
    process.kill(killed, 'SIGKILL');
    const [health, jobs, during, importDuring] = await Promise.all([
      timed(() => app.http.get('/api/health')),
      timed(() => app.http.get('/api/jobs').set(auth())),
      requestTraining('during the PostgreSQL outage'),
      requestImport('pg_outage', 40),
    ]);
    expectHealth(health, 'database');
    expectFastOr503(jobs, 'PostgreSQL', [200]);
    // Refused while PostgreSQL is away (nothing written, nothing queued), or accepted once it is back.
    expectFastOr503(during, 'PostgreSQL', [201]);
    if (during.status === 201) accepted.push(during.body.id!);

    await until('PostgreSQL to be restarted', () => pg.restarts === 1);
    expect(pg.pid).not.toBe(killed);
    expect(pg.port).toBe(port);
    await until('the app to see PostgreSQL again', async () => (await app.http.get('/api/health')).status === 200);
    const justAfter = await requestTraining('after the PostgreSQL outage');
    expect(justAfter.status).toBe(201);
    accepted.push(justAfter.body.id!);

    expect(await expectEachRanOnce(accepted)).toBe(runsBefore + accepted.length);
    await expectImportedOnceOrRefused(importDuring, 'PostgreSQL', 'pg_outage', 40);

    const lines = printed.slice(before);
    const aboutTheOutage = lines.filter((line) =>
      /postgres|database|ECONNREFUSED|Connection terminated|terminating connection/i.test(line),
    );
    expect(aboutTheOutage.length).toBeLessThanOrEqual(5);
    expect(aboutTheOutage).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`PostgreSQL \\(pid ${killed}\\) was killed by SIGKILL; restarted on 127\\.0\\.0\\.1:${port} `)),
        expect.stringMatching(/PostgreSQL is unreachable \(/),
        expect.stringMatching(/PostgreSQL is back after \d+\.\d s/),
      ]),
    );
  });
});
