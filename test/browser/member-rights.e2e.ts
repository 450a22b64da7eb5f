import { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { launchChromium, logInThroughDashboard } from '../support/browser';

/**
 * The member-rights screens in Chromium: an admin files an erasure for one
 * key on the Erasure requests screen and watches the list turn it to
 * COMPLETED with a completion time, and the member is gone from the table.
 */
describe('member rights in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let db: Client;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ label: 'rights-browser' });
    admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const response = await app.http
      .post('/api/imports')
      .set('Authorization', `Bearer ${admin}`)
      .field('kind', 'members')
      .attach('file', Buffer.from('memberKey,joinedAt\nscreen_erase_1,2024-01-01\nscreen_keep_1,2024-01-01\n'), 'members.csv');
    expect(response.status).toBe(202);
    expect((await app.waitForJob(admin, response.body.id)).status).toBe('COMPLETED');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.close();
  });

  const logIn = (): Promise<Page> =>
    logInThroughDashboard(browser, app.url, { email: TEST_ADMIN.email, password: TEST_ADMIN.password }, { width: 1400, height: 1000 });

  it('lets an admin file an erasure on the screen and see it complete', async () => {
    const page = await logIn();
    await page.goto(`${app.url}/#/member-rights/erasures`);
    await page.getByRole('link', { name: 'File an erasure' }).waitFor({ timeout: 15_000 });
    await page.goto(`${app.url}/#/member-rights/erasures/create`);
    await page.getByLabel('Member key').fill('screen_erase_1');
    await page.getByLabel(/Reason/).fill('ticket 17');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/member-rights\/erasures$/);
    // The list refetches every 3 s: the request turns COMPLETED with its completion time, without a reload.
    const row = page.getByRole('row').filter({ hasText: 'ticket 17' });
    await row.getByText('COMPLETED').waitFor({ timeout: 30_000 });
    const cells = (await row.innerText()).split('\t');
    expect(cells).toContain(TEST_ADMIN.email);
    expect(cells).toContain('One key');
    expect(cells.filter((c) => c === '1').length).toBeGreaterThanOrEqual(2); // members 1, erased 1
    // The Completed column holds a time (filed and completed may read the same to the second, so it is found by its header).
    const headers = (await page.getByRole('row').first().innerText()).split('\t').map((h) => h.trim());
    expect(cells[headers.indexOf('Completed')]).toMatch(/\d{1,2}:\d{2}/);
    const members = await db.query(`SELECT "memberKey" FROM member WHERE "memberKey" LIKE 'screen_%' ORDER BY 1`);
    expect(members.rows.map((r) => r.memberKey)).toEqual(['screen_keep_1']);
    await page.close();
  });
});
