import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../support/test-app';
import { chromiumFor } from '../support/browser';
import { useTestApp } from '../support/suite';

const SCREENSHOTS = path.resolve(__dirname, '../../tmp/screenshots');

/**
 * The dashboard in a real Chromium against the real API: each role logs in
 * through the login page and sees the menu its role allows; the admin's
 * home chart is drawn from the demo data.
 */
describe('the dashboard in Chromium, per role', () => {
  const suite = useTestApp({ label: 'browser', demoWorld: true, demoMembers: 300, accounts: ['MANAGER', 'ANALYST'] });
  const chromium = chromiumFor(() => suite.app, { closeApp: false });
  const accounts: Record<string, { email: string; password: string }> = {};

  beforeAll(async () => {
    await suite.app.waitForJob(suite.admin.token, suite.app.running.demoWorldJobId!);
    Object.assign(accounts, { ADMIN: TEST_ADMIN, MANAGER: suite.manager, ANALYST: suite.analyst });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  const logIn = (role: string): Promise<Page> => chromium.logIn(accounts[role]);

  async function menuItems(page: Page): Promise<string[]> {
    return (await page.getByRole('menuitem').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  }

  it('shows the admin every screen and the interactions chart drawn from the demo data', async () => {
    const page = await logIn('ADMIN');
    const items = await menuItems(page);
    expect(items).toEqual(expect.arrayContaining(['Jobs', 'Accounts', 'Audit log']));
    const chart = page.getByTestId('interactions-chart');
    await chart.locator('svg.recharts-surface').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => chart.locator('.recharts-area, .recharts-line').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const legend = await chart.locator('.recharts-legend-wrapper').innerText();
    expect(legend).toContain('Knowledge');
    expect(legend).toContain('Partner');
    // The drawn path has real extent: data, not an empty frame.
    const areaPath = await chart.locator('.recharts-area-area, .recharts-line-curve').first().getAttribute('d');
    expect(areaPath?.length ?? 0).toBeGreaterThan(200);
    // Move the pointer off the chart and let recharts finish its entry animation before the picture.
    await page.mouse.move(5, 880);
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-home.png') });

    await page.getByRole('menuitem', { name: 'Accounts' }).click();
    await page.getByText(accounts.ANALYST.email).waitFor();
    await page.getByRole('menuitem', { name: 'Jobs' }).click();
    await page.getByText('load-demo-world').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-jobs.png') });
    await page.close();
  });

  for (const role of ['MANAGER', 'ANALYST']) {
    it(`shows a ${role.toLowerCase()} the shared screens but not Accounts or the audit log`, async () => {
      const page = await logIn(role);
      const items = await menuItems(page);
      expect(items).toEqual(expect.arrayContaining(['Jobs', 'Partners']));
      expect(items).not.toContain('Accounts');
      expect(items).not.toContain('Audit log');
      await page.getByTestId('interactions-chart').locator('svg.recharts-surface').first().waitFor({ timeout: 30_000 });
      // Typing the address of an admin screen does not reveal it either.
      await page.goto(`${suite.app.url}/#/accounts`);
      await page.waitForTimeout(1_000);
      // The accounts list would show the admin's e-mail; this role sees nothing of it.
      expect(await page.getByText(TEST_ADMIN.email).count()).toBe(0);
      await page.close();
    });
  }

  it('rejects a wrong password on the login page', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${suite.app.url}/`);
    await page.fill('input[name="username"]', TEST_ADMIN.email);
    await page.fill('input[name="password"]', 'wrong-password');
    await page.click('button[type="submit"]');
    await page.getByText('Invalid e-mail or password').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('menuitem', { name: 'Jobs' }).count()).toBe(0);
    await page.close();
  });
});
