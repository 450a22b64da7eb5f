import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import request from 'supertest';
import { readAppConfig, AppConfig } from '../../apps/api/src/core/config/app-config';
import { startCrosslane, RunningCrosslane } from '../../apps/api/src/bootstrap/start-crosslane';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_ADMIN = { email: 'admin@crosslane.test', password: 'admin-password-for-tests' };

/**
 * What "now" is for every test app (CROSSLANE_NOW, core/clock): the demo
 * world ends on this day and every date the product decides by is read from
 * it, so a test gives the same answer on any day it runs. Fixtures that need
 * a date relative to now use `app.now()`.
 */
// Noon UTC, so no time zone moves it to another day; late 2026, after the fixed dates the suites use (segments.e2e.ts's 2026-07-01).
export const TEST_NOW = new Date('2026-11-28T12:00:00.000Z');

export interface TestApp {
  url: string;
  config: AppConfig;
  database: TestDatabase;
  env: Record<string, string>;
  running: RunningCrosslane;
  http: ReturnType<typeof request>;
  /** The app's clock: TEST_NOW unless the test pinned another CROSSLANE_NOW. */
  now(): Date;
  login(email: string, password: string): Promise<string>;
  createAccount(
    adminToken: string,
    role: 'ADMIN' | 'MANAGER' | 'ANALYST',
    email?: string,
  ): Promise<{ email: string; password: string; token: string; id: string }>;
  waitForJob(token: string, id: string, until?: (job: { status: string }) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The id of the newest job with this name, once one has been queued (follow-up jobs are queued by other jobs). */
  waitForQueuedJob(token: string, name: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application, in this process, on its own database and Redis key
 * prefix: what a user would run, with nothing mocked.
 */
export async function startTestApp(options: {
  label: string;
  role?: 'api' | 'worker' | 'all';
  demoWorld?: boolean;
  demoMembers?: number;
  /** Also add the demo's agreements, profiles, segments and first model (off by default: suites set up their own). */
  completeDemoWorld?: boolean;
  env?: Record<string, string>;
}): Promise<TestApp> {
  const database = await createTestDatabase(options.label);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `crosslane-${options.label}-`));
  const prefix = `crosslane-test-${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.CROSSLANE_TEST_REDIS_URL!,
    CROSSLANE_QUEUE_PREFIX: prefix,
    CROSSLANE_DATA_DIR: dataDir,
    CROSSLANE_ROLE: options.role ?? 'all',
    CROSSLANE_ADMIN_EMAIL: TEST_ADMIN.email,
    CROSSLANE_ADMIN_PASSWORD: TEST_ADMIN.password,
    CROSSLANE_JWT_SECRET: randomBytes(32).toString('hex'),
    CROSSLANE_DEMO_WORLD: options.demoWorld ? 'true' : 'false',
    CROSSLANE_DEMO_MEMBERS: String(options.demoMembers ?? 300),
    CROSSLANE_DEMO_COMPLETE: options.completeDemoWorld ? 'true' : 'false',
    CROSSLANE_NOW: TEST_NOW.toISOString(),
    PORT: '0',
    CROSSLANE_LOG_LEVEL: process.env.CROSSLANE_TEST_VERBOSE ? 'log' : 'error',
    ...options.env,
  };
  const config = readAppConfig({ ...process.env, ...env });
  const running = await startCrosslane(config, () => undefined);
  const url = running.url!;
  const http = request(url);

  const login = async (email: string, password: string) => {
    const response = await http.post('/api/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken as string;
  };

  return {
    url,
    config,
    database,
    env,
    running,
    http,
    now: () => new Date((config.pinnedNow ?? new Date()).getTime()),
    login,
    createAccount: async (adminToken, role, email) => {
      const account = {
        email: email ?? `${role.toLowerCase()}-${randomBytes(3).toString('hex')}@crosslane.test`,
        password: `${role.toLowerCase()}-password-123`,
        role,
      };
      const response = await http.post('/api/accounts').set('Authorization', `Bearer ${adminToken}`).send(account);
      if (response.status !== 201) throw new Error(`create account failed: ${response.status} ${JSON.stringify(response.body)}`);
      return {
        email: account.email,
        password: account.password,
        id: response.body.id,
        token: await login(account.email, account.password),
      };
    },
    waitForJob: async (token, id, until = (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status), timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await http.get(`/api/jobs/${id}`).set('Authorization', `Bearer ${token}`);
        if (response.status === 200 && until(response.body)) return response.body;
        if (Date.now() > deadline) throw new Error(`job ${id} did not reach the expected state: ${JSON.stringify(response.body)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    waitForQueuedJob: async (token, name, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await http
          .get('/api/jobs')
          .query({ filter: JSON.stringify({ name }) })
          .set('Authorization', `Bearer ${token}`);
        if (response.status === 200 && response.body.length > 0) return response.body[0].id as string;
        if (Date.now() > deadline) throw new Error(`no ${name} job was queued within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    close: async () => {
      await running.close();
      await deleteKeys(process.env.CROSSLANE_TEST_REDIS_URL!, prefix);
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
