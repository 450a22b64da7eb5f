import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInThroughDashboard, launchChromium } from '../support/browser';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

/**
 * A manager imports a finished test from the campaign list: chooses the
 * file, sees its first rows, picks the mapping, previews the counts it will
 * produce (units per arm, rows refused by reason) and imports.
 */
describe('importing a finished test in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let manager: { email: string; password: string };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-ft-')), 'checkout-test.csv');

  beforeAll(async () => {
    app = await startTestApp({ label: 'browser_finished_test' });
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    manager = await app.createAccount(admin, 'MANAGER');
    const rows = ['user_id,group,converted,minutes'];
    for (let i = 1; i <= 40; i++) rows.push(`u${i},${i % 2 === 0 ? 'control' : 'new page'},${i % 5 === 0 ? 1 : 0},${(i % 7) + 0.5}`);
    rows.push('u41,contrl,0,1.5', 'u42,control,maybe,2');
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('previews the counts of the chosen mapping, then imports', async () => {
    const page = await logInThroughDashboard(browser, app.url, manager);
    await page.getByRole('menuitem', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'Import finished test' }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('table', { name: 'First rows of the file' }).getByText('new page').first().waitFor({ timeout: 15_000 });
    // The first rows show "new page" first: the analyst names the control.
    await page.getByLabel('Control arm').click();
    await page.getByRole('option', { name: 'control', exact: true }).click();
    await page.getByRole('button', { name: 'Preview counts' }).click();
    const counts = page.getByLabel('Counts the mapping will produce');
    await counts.waitFor({ timeout: 15_000 });
    const text = await counts.innerText();
    expect(text).toContain('42 rows read → 40 units');
    expect(text).toContain('control: 20');
    expect(text).toContain('new-page: 20');
    expect(text).toContain('unknown arm: 1; unparseable metric: 1');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/#\/jobs\//, { timeout: 15_000 });
    await page.close();
  });
});
