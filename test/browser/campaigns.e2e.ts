import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { chromiumFor } from '../support/browser';

const SCREENSHOTS = path.resolve(__dirname, '../../tmp/screenshots');

/**
 * The campaign screens in Chromium on the demo world's running joint
 * campaign: a manager sees the performance page and the stop button; an
 * analyst sees the same figures and the planner, without launch or stop.
 */
describe('campaign screens in Chromium', () => {
  let app: TestApp;
  const chromium = chromiumFor(() => app);
  const accounts: Record<string, { email: string; password: string }> = {};

  beforeAll(async () => {
    app = await startTestApp({ label: 'browser_campaigns', demoWorld: true, demoMembers: 300 });
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    await app.waitForJob(admin, app.running.demoWorldJobId!);
    for (let i = 0; i < 150; i++) {
      const list = await app.http.get('/api/campaigns').set('Authorization', `Bearer ${admin}`);
      if (list.body.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const [campaign] = (await app.http.get('/api/campaigns').set('Authorization', `Bearer ${admin}`)).body;
    const job = await app.http.post(`/api/campaigns/${campaign.id}/analyses`).set('Authorization', `Bearer ${admin}`).send({});
    await app.waitForJob(admin, job.body.id);
    accounts.MANAGER = await app.createAccount(admin, 'MANAGER');
    accounts.ANALYST = await app.createAccount(admin, 'ANALYST');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  async function openCampaign(role: string): Promise<Page> {
    const page = await chromium.logIn(accounts[role], { width: 1400, height: 1000 });
    await page.getByRole('menuitem', { name: 'Campaigns' }).click();
    await page.getByText('RUNNING').first().waitFor({ timeout: 30_000 });
    await page
      .getByText(/^Track Day Starter Kit x Suspension Tuning course/)
      .first()
      .click();
    await page.getByRole('tab', { name: 'Performance' }).click();
    await page.getByTestId('decision-summary').waitFor({ timeout: 30_000 });
    return page;
  }

  it('shows a manager the cumulative conversion per variant, the lift intervals, SRM state and the stop button', async () => {
    const page = await openCampaign('MANAGER');
    const chart = page.getByTestId('cumulative-conversion-chart');
    await expect.poll(() => chart.locator('.recharts-line').count(), { timeout: 15_000 }).toBe(3);
    expect(await page.getByTestId('srm-state').innerText()).toMatch(/^SRM: ok/);
    await page.getByTestId('lift-interval-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('campaign-stop').count()).toBe(1);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign-performance.png'), fullPage: true });
    await page.close();
  });

  it('lets a manager create a draft with two arms from the form', async () => {
    const page = await chromium.logIn(accounts.MANAGER, { width: 1400, height: 1000 });
    await page.getByRole('menuitem', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.fill('input[name="name"]', 'Wheel care column x detailing kit');
    await page.fill('textarea[name="objective"]', 'Try a detailing-kit trial on column readers');
    expect(await page.getByTestId('weight-sum').innerText()).toContain('Weights sum to 1');
    // One named metric, declared in the plan before launch: any CONVERSION event, one-sided.
    await page.locator('.button-add-metrics').click();
    await page.fill('input[name="metrics.0.name"]', 'converted');
    // A select's accessible name is its label followed by its current value.
    const choose = async (label: string, option: string) => {
      await page.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await choose('Kind', 'binary (any event per member)');
    await choose('Event type', 'conversion');
    await choose('Hypothesis', 'one-sided');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('tab', { name: 'Planner' }).waitFor({ timeout: 15_000 });
    await page.getByText('DRAFT').first().waitFor();
    expect(await page.getByTestId('campaign-launch').count()).toBe(1);
    expect(await page.getByTestId('metric-plan').innerText()).toBe(
      'converted: binary, any CONVERSION, increase is good, primary, one-sided',
    );
    await page.close();
  });

  it('shows an analyst the same analysis and the planner, without launch or stop', async () => {
    const page = await openCampaign('ANALYST');
    expect(await page.getByTestId('decision-summary').innerText()).toMatch(/control|Most likely best/);
    expect(await page.getByTestId('campaign-stop').count()).toBe(0);
    await page.getByRole('tab', { name: 'Planner' }).click();
    await page.getByTestId('planner-partners').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('campaign-launch').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign-planner-analyst.png'), fullPage: true });
    await page.close();
  });
});
