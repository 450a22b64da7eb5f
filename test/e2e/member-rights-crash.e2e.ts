import { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { startWorkerProcess, stopProcess } from '../support/worker-process';

const MEMBERS = 1500;
/**
 * Many batches of the job (CROSSLANE_ERASURE_BATCH = ERASURE_BATCH here: 48 of them), so there is a "middle" to be
 * killed in: with five batches of 250 the set-based erasure could finish between two polls of the job (200 ms).
 */
const ERASE = 1200;
const ERASURE_BATCH = '25';
/** Of the logs and sign-ins, only these columns are compared: the rest are ids, attempts, durations and hashes of one run. */
const LOG_COLUMNS_COMPARED: Record<string, string[]> = {
  audit_event: ['action', 'outcome', 'entityType'],
  job_run: ['name', 'queue', 'status'],
  account: ['email', 'role'],
  auth_session: [],
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Both worlds hash identifiers (e-mails, pseudonyms, suppression hashes) under the same key, as a shared deployment must. */
const IDENTITY_KEY = 'member-rights-crash-test-identity-key-0123456789';

/**
 * Issue 17: "an erasure killed mid-way (worker SIGKILL) completes on retry
 * with the same end state". Two worlds from the same seed and clock: one
 * erases a batch of members uninterrupted (the API and worker in one
 * process); in the other the erase-members job runs in a separate worker
 * process (the same binary, CROSSLANE_ROLE=worker), which is SIGKILLed
 * once some batches have committed and others have not. A second worker
 * picks the job up when its lock expires. Every table of both databases is
 * then compared row by row.
 */
describe('an erasure whose worker is SIGKILLed mid-batch', () => {
  const apps: TestApp[] = [];
  const workers: ChildProcess[] = [];
  const previousKey = process.env.CROSSLANE_IDENTITY_KEY;
  // Read from the environment by every process of a deployment (IdentityService): the in-process apps and the workers.
  process.env.CROSSLANE_IDENTITY_KEY = IDENTITY_KEY;
  afterAll(async () => {
    if (previousKey === undefined) delete process.env.CROSSLANE_IDENTITY_KEY;
    else process.env.CROSSLANE_IDENTITY_KEY = previousKey;
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    for (const app of apps) await app.close();
  });

  /** Waits for the demo world, its completion (agreements, profiles, segments) and the first model. */
  async function loadWorld(app: TestApp, token: string): Promise<void> {
    const load = await app.waitForJob(token, app.running.demoWorldJobId!, undefined, 240_000);
    expect(load.status).toBe('COMPLETED');
    const completion = await app.waitForJob(token, await app.waitForQueuedJob(token, 'complete-demo-world'), undefined, 240_000);
    expect(completion.status).toBe('COMPLETED');
    const training = await app.waitForJob(token, (completion.result as { trainingJobId: string }).trainingJobId, undefined, 240_000);
    expect(training.status).toBe('COMPLETED');
  }

  /** The same members in both worlds: the first ERASE keys in key order. */
  async function fileErasure(app: TestApp, token: string, db: Client): Promise<{ id: string; jobId: string }> {
    const keys = (await db.query<{ memberKey: string }>(`SELECT "memberKey" FROM member ORDER BY "memberKey" LIMIT $1`, [ERASE])).rows;
    const response = await app.http
      .post('/api/member-rights/erasures')
      .set('Authorization', `Bearer ${token}`)
      .send({ csv: ['memberKey', ...keys.map((k) => k.memberKey)].join('\n'), fileName: 'erase.csv', reason: 'crash test' });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    expect(response.body).toMatchObject({ memberCount: ERASE, notFound: 0 });
    return { id: response.body.id, jobId: response.body.jobId };
  }

  /**
   * Every base table, as a digest of its sorted rows. Generated uuids differ
   * between two runs of the same story, so each is replaced by what names
   * it (a partner's slug, a segment's or campaign's name, a model's
   * version) or by "<uuid>", and JSON keys are sorted after that. Left out
   * are wall-clock times (both worlds pin the product's clock, but database
   * defaults and audit times are real), a model's training timings and search log, and the
   * logs' JSON (job ids, attempts, durations): the logs' rows are still
   * counted and their actions compared, so a completion audited twice would
   * show.
   */
  async function snapshot(db: Client): Promise<Record<string, { rows: number; digest: string }>> {
    const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'
       ORDER BY c.table_name, c.ordinal_position`,
    );
    const labels = new Map<string, string>();
    const named = await db.query<{ id: string; label: string }>(
      `SELECT id::text, 'partner ' || slug AS label FROM partner UNION ALL SELECT id::text, 'segment ' || name FROM segment
       UNION ALL SELECT id::text, 'campaign ' || name FROM campaign UNION ALL SELECT id::text, 'model ' || version FROM recommender_model
       UNION ALL SELECT a.id::text, 'agreement ' || p.slug || ' v' || a.version FROM sharing_agreement a JOIN partner p ON p.id = a."partnerId"`,
    );
    for (const n of named.rows) labels.set(n.id, n.label);
    const canon = (value: unknown): unknown => {
      if (typeof value === 'string') return value.replace(UUID, (id) => labels.get(id) ?? '<uuid>');
      if (Array.isArray(value)) return value.map(canon);
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .map(([k, v]) => [canon(k) as string, canon(v)] as const)
            .sort(([a], [b]) => a.localeCompare(b)),
        );
      return value;
    };
    const kept = new Map<string, string[]>();
    for (const c of columns.rows) {
      const dropped =
        c.data_type.startsWith('timestamp') ||
        (c.table_name === 'recommender_model' && c.column_name === 'timings') ||
        (c.table_name in LOG_COLUMNS_COMPARED && !LOG_COLUMNS_COMPARED[c.table_name].includes(c.column_name));
      if (!kept.has(c.table_name)) kept.set(c.table_name, []);
      if (!dropped) kept.get(c.table_name)!.push(c.column_name);
    }
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const [table, cols] of kept) {
      const { rows } = await db.query<{ r: Record<string, unknown> }>(`SELECT to_jsonb(t) AS r FROM "${table}" t`);
      // A tuned model's search log (params.tuning) records each trial's seconds, which differ between two runs like the
      // timings column; the chosen parameters, factors and metrics stay compared.
      const withoutSearchLog = (c: string, v: unknown) =>
        table === 'recommender_model' && c === 'params' && v && typeof v === 'object' ? { ...(v as object), tuning: undefined } : v;
      const lines = rows.map(({ r }) => JSON.stringify(canon(Object.fromEntries(cols.map((c) => [c, withoutSearchLog(c, r[c])]))))).sort();
      result[table] = { rows: lines.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') };
    }
    return result;
  }

  async function openDb(app: TestApp): Promise<Client> {
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    return db;
  }

  let uninterrupted: Record<string, { rows: number; digest: string }>;

  it('an uninterrupted run: the reference end state', async () => {
    const app = await startTestApp({
      label: 'erase_ref',
      demoWorld: true,
      demoMembers: MEMBERS,
      completeDemoWorld: true,
      env: { CROSSLANE_ERASURE_BATCH: ERASURE_BATCH },
    });
    apps.push(app);
    const token = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    await loadWorld(app, token);
    const db = await openDb(app);
    const request = await fileErasure(app, token, db);
    const job = await app.waitForJob(token, request.jobId, undefined, 240_000);
    expect(job).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    uninterrupted = await snapshot(db);
    expect(uninterrupted.member.rows).toBe(MEMBERS - ERASE);
    await db.end();
    await app.close();
    apps.pop();
  }, 600_000);

  it('killed with SIGKILL between batches, the retry by another worker reaches the same rows in every table', async () => {
    expect(uninterrupted, 'the uninterrupted run must pass first').toBeDefined();
    const app = await startTestApp({
      label: 'erase_crash',
      role: 'api',
      demoWorld: true,
      demoMembers: MEMBERS,
      completeDemoWorld: true,
      env: { CROSSLANE_JOB_LOCK_MS: '5000', CROSSLANE_ERASURE_BATCH: ERASURE_BATCH },
    });
    apps.push(app);
    const token = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const first = startWorkerProcess(app.env);
    workers.push(first);
    await loadWorld(app, token);
    const db = await openDb(app);
    const request = await fileErasure(app, token, db);

    // Killed once at least one batch has committed and before the last one has.
    await app.waitForJob(
      token,
      request.jobId,
      (job) => job.status === 'RUNNING' && Number((job as { progress?: number }).progress) > 0,
      120_000,
    );
    await stopProcess(first, 'SIGKILL');
    const midway = (await db.query(`SELECT status::text, erased FROM erasure_request WHERE id = $1`, [request.id])).rows[0];
    expect(midway.status).toBe('RUNNING');
    expect(midway.erased).toBeGreaterThan(0);
    expect(midway.erased).toBeLessThan(ERASE);
    // Every member is either untouched or wholly erased: the checkpoints and the member table agree.
    const left = (await db.query(`SELECT count(*)::int AS n FROM member`)).rows[0].n;
    expect(left).toBe(MEMBERS - midway.erased);

    workers.push(startWorkerProcess(app.env));
    const job = await app.waitForJob(token, request.jobId, undefined, 240_000);
    expect(job).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    const completions = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'member-rights.erasure.complete'`);
    expect(completions.rows[0].n).toBe(1);

    const retried = await snapshot(db);
    await db.end();
    const differing = Object.keys(uninterrupted).filter((t) => JSON.stringify(uninterrupted[t]) !== JSON.stringify(retried[t]));
    expect(differing, JSON.stringify(differing.map((t) => [t, uninterrupted[t], retried[t]]))).toEqual([]);
    expect(Object.keys(retried).sort()).toEqual(Object.keys(uninterrupted).sort());
  }, 600_000);
});
