import { Client } from 'pg';
import type { Test } from 'supertest';
import { afterAll, beforeAll, expect } from 'vitest';
import { PrismaService } from '../../apps/api/src/core/database/prisma.service';
import { startTestApp, TEST_ADMIN, TestApp } from './test-app';

/** An account a suite acts as: its credentials (for the login page), its id (for audit checks) and its bearer token. */
export type TestAccount = Awaited<ReturnType<TestApp['createAccount']>>;

type StaffRole = 'MANAGER' | 'ANALYST';

export interface TestSuite {
  readonly app: TestApp;
  /** A pg client on the app's own database, for fixtures and checks the API does not offer. */
  readonly db: Client;
  /** The app's own Prisma client, for fixtures written as the product's features would leave them. */
  readonly prisma: PrismaService;
  readonly admin: TestAccount;
  readonly manager: TestAccount;
  readonly analyst: TestAccount;
  /** The audit log's entries about one entity (the first hundred), read by the admin. */
  auditFor(entityId: string): Promise<AuditEntry[]>;
  /** GET /api/audit-events as the admin with a `filter` (and a `range` only when given): the one audit-log request the suites share. */
  auditLog(filter: Record<string, string>, range?: string): Test;
  /** POSTs a CSV file as the request body (the campaign imports take it so, not as a multipart upload) as `who`. */
  postCsv(path: string, who: { token: string }, csv: string | Buffer): Test;
}

/** One entry of GET /api/audit-events, with the fields the suites check. */
export type AuditEntry = {
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  detail: Record<string, unknown>;
};

/**
 * One e2e file's app, started in a beforeAll (then the admin logged in, the
 * MANAGER and ANALYST accounts it asks for created in that order, and a pg
 * client connected if it asks for one) and closed in an afterAll: the
 * preamble every suite used to write out. Read the fields from a test or a
 * later hook; hooks the file adds run after this one has started the app.
 */
export function useTestApp(options: Parameters<typeof startTestApp>[0] & { accounts?: StaffRole[]; database?: boolean }): TestSuite {
  const { accounts = [], database = false, ...startOptions } = options;
  let app: TestApp | undefined;
  let db: Client | undefined;
  let admin: TestAccount | undefined;
  const staff: Partial<Record<StaffRole, TestAccount>> = {};

  beforeAll(async () => {
    app = await startTestApp(startOptions);
    const login = await app.http.post('/api/auth/login').send(TEST_ADMIN);
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
    admin = { ...TEST_ADMIN, id: login.body.account.id, token: login.body.accessToken };
    for (const role of accounts) staff[role] = await app.createAccount(admin.token, role);
    if (database) {
      db = new Client({ connectionString: app.database.url });
      await db.connect();
    }
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useTestApp: no ${what} (read it from a test or a later hook, and ask for it in the options)`);
    return value;
  };
  return {
    postCsv(path: string, who: { token: string }, csv: string | Buffer) {
      return this.app.http.post(path).set(auth(who)).set('Content-Type', 'text/csv').send(csv);
    },
    async auditFor(entityId: string) {
      return (await this.auditLog({ entityId }, '[0,99]')).body as AuditEntry[];
    },
    auditLog(filter: Record<string, string>, range?: string) {
      const query = range === undefined ? { filter: JSON.stringify(filter) } : { filter: JSON.stringify(filter), range };
      return this.app.http.get('/api/audit-events').query(query).set(auth(this.admin));
    },
    get app() {
      return started(app, 'app');
    },
    get db() {
      return started(db, 'database client');
    },
    get prisma() {
      return started(app, 'app').running.app.get(PrismaService);
    },
    get admin() {
      return started(admin, 'admin');
    },
    get manager() {
      return started(staff.MANAGER, 'MANAGER account');
    },
    get analyst() {
      return started(staff.ANALYST, 'ANALYST account');
    },
  };
}

/** The Authorization header for a bearer token or an account's token (each suite used to define its own). */
export const auth = (who: string | { token: string }) => ({ Authorization: `Bearer ${typeof who === 'string' ? who : who.token}` });

/**
 * Uploads a CSV file through the imports API as `who` and waits for its job, as the dashboard's import screen does;
 * the upload must be accepted and the job complete (the suites that import fixtures each wrote this out).
 */
export async function importCsv(app: TestApp, who: { token: string }, file: { kind: string; name: string; csv: string; mode?: string }) {
  const response = await app.http
    .post('/api/imports')
    .set(auth(who))
    .field('kind', file.kind)
    .field('mode', file.mode ?? 'all-or-nothing')
    .attach('file', Buffer.from(file.csv), file.name);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  const job = await app.waitForJob(who.token, response.body.id);
  expect(job.status, JSON.stringify(job)).toBe('COMPLETED');
  return { id: response.body.id as string, result: job.result as Record<string, any> };
}
