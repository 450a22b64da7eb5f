import { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { startWorkerProcess, stopProcess } from '../support/worker-process';
import { chromiumFor } from '../support/browser';

/**
 * The Jobs screen follows a job without a reload: it shows the demo world
 * queued while no worker runs, then, once a worker process starts, the same
 * open page moves on to completed.
 */
describe('the Jobs screen updates while a job runs', () => {
  let app: TestApp;
  const chromium = chromiumFor(() => app);
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    app = await startTestApp({ label: 'jobslive', role: 'api', demoWorld: true, demoMembers: 1500 });
  });
  afterAll(async () => {
    if (worker) await stopProcess(worker, 'SIGKILL');
  });

  it('shows QUEUED, then COMPLETED with 100%, on the same open page', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${app.url}/`);
    await page.fill('input[name="username"]', TEST_ADMIN.email);
    await page.fill('input[name="password"]', TEST_ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole('menuitem', { name: 'Jobs' }).click();
    const row = page.locator('tr', { hasText: 'load-demo-world' });
    await row.getByText('QUEUED').waitFor({ timeout: 15_000 });

    worker = startWorkerProcess(app.env);
    await row.getByText('COMPLETED').waitFor({ timeout: 90_000 });
    expect(await row.innerText()).toContain('100%');
    await page.close();
  });
});
