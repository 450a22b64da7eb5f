import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { chromiumFor } from '../support/browser';

/**
 * The member screen in Chromium: the consent history of a member whose
 * consent an import changed, a manager withdrawing partner sharing with a
 * button (and offered no button to turn it back on), and the import report's
 * consent counts and notes.
 */
describe('member consent in Chromium', () => {
  let app: TestApp;
  const chromium = chromiumFor(() => app);
  let db: Client;
  let admin: string;
  let manager: { email: string; password: string; token: string };
  let analyst: { email: string; password: string };
  let managerImport: string;

  const upload = async (token: string, csv: string) => {
    const response = await app.http
      .post('/api/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('kind', 'members')
      .attach('file', Buffer.from(csv), 'members.csv');
    expect(response.status).toBe(202);
    const job = await app.waitForJob(token, response.body.id);
    expect(job.status).toBe('COMPLETED');
    return response.body.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp({ label: 'consent-browser' });
    admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    manager = await app.createAccount(admin, 'MANAGER');
    analyst = await app.createAccount(admin, 'ANALYST');
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await upload(admin, 'memberKey,joinedAt,consentPartnerSharing\nb_1,2024-01-01,true\nb_2,2024-01-01,false\n');
    // The manager withdraws b_1's partner sharing and asks to turn b_2's on: kept off, with a note.
    managerImport = await upload(manager.token, 'memberKey,joinedAt,consentPartnerSharing\nb_1,2024-01-01,false\nb_2,2024-01-01,true\n');
  });

  afterAll(async () => {
    await db?.end();
  });

  const logIn = (account: { email: string; password: string }): Promise<Page> => chromium.logIn(account, { width: 1400, height: 1000 });
  const idOf = async (memberKey: string) =>
    String((await db.query('SELECT id FROM member WHERE "memberKey" = $1', [memberKey])).rows[0].id);

  it("shows an analyst a member's consent history, newest first, with no buttons", async () => {
    const page = await logIn(analyst);
    await page.goto(`${app.url}/#/members/${await idOf('b_1')}/show`);
    const table = page.getByRole('table', { name: 'Consent history' });
    await table.getByText('on → off').waitFor({ timeout: 15_000 });
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows[1]).toMatch(new RegExp(`Partner sharing\ton → off\tImport ${managerImport.slice(0, 8)}\t${manager.email}$`));
    expect(
      rows
        .slice(2)
        .map((r) => r.split('\t').slice(1, 3).join(' | '))
        .sort(),
    ).toEqual(['Partner sharing | on (new member)', 'Personalisation | on (new member)']);
    expect(await page.getByRole('button', { name: /Withdraw|Turn .* on/ }).count()).toBe(0);
    await page.close();
  });

  it('lets a manager withdraw consent with a button, records it as made on the screen, and offers no button to turn partner sharing on', async () => {
    const page = await logIn(manager);
    await page.goto(`${app.url}/#/members/${await idOf('b_2')}/show`);
    await page.getByRole('button', { name: 'Withdraw personalisation' }).click();
    const table = page.getByRole('table', { name: 'Consent history' });
    await table.getByText('Member screen').waitFor({ timeout: 15_000 });
    expect((await table.getByRole('row').allInnerTexts())[1]).toMatch(
      new RegExp(`Personalisation\ton → off\tMember screen\t${manager.email}$`),
    );
    expect(await page.getByRole('button', { name: 'Turn partner sharing on' }).count()).toBe(0);
    expect((await db.query(`SELECT "consentPersonalisation" AS cp FROM member WHERE "memberKey" = 'b_2'`)).rows[0].cp).toBe(false);
    await page.close();
  });

  it("shows the manager's import report with the consent counts and the row kept off", async () => {
    const page = await logIn(manager);
    await page.goto(`${app.url}/#/imports/${managerImport}/show`);
    const counts = page.getByRole('table', { name: 'Consent changes' });
    await counts.waitFor({ timeout: 15_000 });
    expect((await counts.getByRole('row').allInnerTexts())[1]).toBe('Partner sharing\t0\t1\t0\t0\t1');
    const notes = page.getByRole('table', { name: 'Import notes' });
    await notes.waitFor();
    expect((await notes.getByRole('row').allInnerTexts())[1]).toBe(
      '3\tconsentPartnerSharing\tpartner-sharing consent was not turned on: only an ADMIN may turn it on by import (kept as stored; off for a new member)',
    );
    await page.close();
  });
});
