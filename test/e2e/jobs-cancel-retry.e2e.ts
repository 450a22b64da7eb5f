import { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { startWorkerProcess, stopProcess } from '../support/worker-process';

/**
 * Cancel and retry as a manager uses them from the Jobs screen: an API-only
 * process queues the work, a separate worker process runs it.
 */
describe('cancelling and retrying jobs', () => {
  let app: TestApp;
  let managerToken: string;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    app = await startTestApp({ label: 'cancel', role: 'api', demoWorld: true, demoMembers: 3000 });
    const adminToken = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    managerToken = (await app.createAccount(adminToken, 'MANAGER')).token;
  });
  afterAll(async () => {
    if (worker) await stopProcess(worker, 'SIGKILL');
    await app?.close();
  });

  const auth = () => ({ Authorization: `Bearer ${managerToken}` });

  it('removes a queued job at once when cancelled, and queues it again on retry', async () => {
    const id = app.running.demoWorldJobId!;
    const cancelled = await app.http.post(`/api/jobs/${id}/cancel`).set(auth()).send({});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelRequested: true });
    expect((await app.http.post(`/api/jobs/${id}/cancel`).set(auth()).send({})).status).toBe(409);

    const retried = await app.http.post(`/api/jobs/${id}/retry`).set(auth()).send({});
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'QUEUED', cancelRequested: false, error: null });
  });

  it('stops a running job at its next checkpoint, leaving nothing half-written, and a retry completes it', async () => {
    const id = app.running.demoWorldJobId!;
    worker = startWorkerProcess(app.env);
    await app.waitForJob(
      managerToken,
      id,
      (job) => job.status === 'RUNNING' && String((job as { progressNote?: string }).progressNote).startsWith('Interactions'),
    );
    expect((await app.http.post(`/api/jobs/${id}/cancel`).set(auth()).send({})).status).toBe(200);
    const cancelled = await app.waitForJob(managerToken, id);
    expect(cancelled.status).toBe('CANCELLED');

    // The load runs in one transaction: a cancelled load leaves no member behind.
    const overview = await app.http.get('/api/stats/overview').set(auth());
    expect(overview.body).toMatchObject({ members: 0, interactions: 0, partners: 0 });

    await app.http.post(`/api/jobs/${id}/retry`).set(auth()).send({});
    const completed = await app.waitForJob(managerToken, id);
    expect(completed.status).toBe('COMPLETED');
    expect((await app.http.get('/api/stats/overview').set(auth())).body.members).toBe(3000);

    const audit = await app.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'job.' }), range: '[0,49]' })
      .set('Authorization', `Bearer ${await app.login(TEST_ADMIN.email, TEST_ADMIN.password)}`);
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['job.cancel', 'job.retry']));
  });
});
