import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInThroughDashboard, launchChromium } from '../support/browser';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * An analyst opens the Decisions screen of the imported Hillstrom test: the
 * forest plot shows each customer band as attribute = value, and the metric
 * switch redraws it on visits.
 */
describe('Decisions screen of an imported test in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let analyst: { email: string; password: string };
  let campaignId: string;

  beforeAll(async () => {
    app = await startTestApp({ label: 'browser_decisions_hillstrom' });
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const manager = await app.createAccount(admin, 'MANAGER');
    analyst = await app.createAccount(admin, 'ANALYST');
    const started = await app.http.post('/api/campaigns/import/hillstrom').set(auth(manager.token)).send({});
    const imported = await app.waitForJob(manager.token, started.body.id, undefined, 240_000);
    campaignId = (imported.result as { campaignId: string }).campaignId;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the effects by customer band, and switches them from conversion to visit', async () => {
    const page = await logInThroughDashboard(browser, app.url, analyst);
    await page.goto(`${app.url}/#/decisions/${campaignId}/show`);
    await page.getByText('Effects by segment on conversion').waitFor({ timeout: 30_000 });
    const forest = page.getByTestId('segment-forest-plot');
    // Long labels wrap onto two lines of the axis (tspans), which moves the spaces: match the words, not the spacing.
    const band = (arm: string, attribute: string, value: string) =>
      forest.getByText(new RegExp(`^(★ )?${arm}\\s*/\\s*${attribute}\\s*=\\s*${value}$`)).first();
    await band('mens', 'newbie', '1').waitFor();
    await band('womens', 'zip_code', 'Rural').waitFor();
    expect(await forest.locator('text').filter({ hasText: '=' }).count()).toBe(62);
    await page.getByRole('button', { name: 'visit' }).click();
    await page.getByText('Effects by segment on visit').waitFor({ timeout: 30_000 });
    // The interaction test is stated per arm and attribute, for the metric shown.
    expect(await page.getByText(/^womens by zip_code: interaction test Q = /).count()).toBe(1);
  });
});
