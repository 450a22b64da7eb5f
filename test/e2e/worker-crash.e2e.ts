import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoWorld } from '@crosslane/domain-demo-world';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { startWorkerProcess } from '../support/worker-process';

const MEMBERS = 3000;

/**
 * The scale-out shape: an API-only process enqueues, separate worker
 * processes (the same build, CROSSLANE_ROLE=worker) take the work. One
 * worker is killed with SIGKILL in the middle of the job; a second one
 * picks the job up when its lock expires and finishes it, and the database
 * holds exactly one demo world.
 */
describe('a worker killed in the middle of a job', () => {
  let app: TestApp;
  let token: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      label: 'crash',
      role: 'api',
      demoWorld: true,
      demoMembers: MEMBERS,
      env: { CROSSLANE_JOB_LOCK_MS: '5000' },
    });
    token = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await app?.close();
  });

  function startWorker(): ChildProcess {
    const worker = startWorkerProcess(app.env);
    workers.push(worker);
    return worker;
  }

  it('is retried by another worker and completes with the same result as an uninterrupted run', async () => {
    const jobId = app.running.demoWorldJobId!;
    const first = startWorker();
    await app.waitForJob(
      token,
      jobId,
      (job) => job.status === 'RUNNING' && String((job as { progressNote?: string }).progressNote).startsWith('Interactions'),
      120_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    startWorker();
    const job = await app.waitForJob(token, jobId, undefined, 150_000);
    expect(job.status).toBe('COMPLETED');
    expect(job.attempts).toBe(2);

    const expected = generateDemoWorld({
      seed: (job.payload as { seed: number }).seed,
      endDate: new Date(`${(job.payload as { endDate: string }).endDate}T00:00:00Z`),
      members: MEMBERS,
    });
    expect(job.result).toMatchObject({
      skipped: false,
      partners: expected.partners.length,
      items: expected.items.length,
      members: MEMBERS,
      interactions: expected.interactions.length,
    });

    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    const counts = await db.query(
      `SELECT (SELECT count(*) FROM member)::int AS members, (SELECT count(*) FROM interaction)::int AS interactions, (SELECT count(DISTINCT "eventId") FROM interaction)::int AS events`,
    );
    await db.end();
    expect(counts.rows[0]).toEqual({ members: MEMBERS, interactions: expected.interactions.length, events: expected.interactions.length });
  });
});
