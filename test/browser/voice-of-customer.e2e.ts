import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { chromiumFor } from '../support/browser';

/**
 * The Voice of the customer screen in Chromium, on the demo world: a user
 * picks a partner and reads the planted low-rating causes among its
 * themes with example reviews; on the partner with 45 reviews the screen
 * says the sample is small, on a larger one it does not.
 */
describe('voice of the customer screen in Chromium', () => {
  let app: TestApp;
  const chromium = chromiumFor(() => app);

  beforeAll(async () => {
    app = await startTestApp({ label: 'voice-browser', demoWorld: true, demoMembers: 300 });
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    expect((await app.waitForJob(admin, app.running.demoWorldJobId!)).status).toBe('COMPLETED');
    // The admin reads the screen here; that analysts may too is checked through the API (test/e2e/interest-taxonomy-and-voice.e2e.ts).
  }, 240_000);
  it('shows themes with examples, and says when the sample is small', async () => {
    const page = await chromium.logIn(TEST_ADMIN, { width: 1400, height: 1200 });
    await page.getByRole('menuitem', { name: 'Voice of the customer' }).click();
    const choose = async (name: string) => {
      // The combobox by role: while the previous choice's menu is still closing, its listbox carries the same label.
      await page.getByRole('combobox', { name: 'Partner' }).click();
      await page.getByRole('option', { name }).click();
      await page.getByRole('listbox').waitFor({ state: 'hidden' });
    };

    await choose('Apex Performance');
    const low = page.getByTestId('themes-low');
    await low.getByText('fitment issues', { exact: true }).waitFor({ timeout: 30_000 });
    await low.getByText('shipping delay', { exact: true }).waitFor();
    expect(await page.getByTestId('small-sample').count()).toBe(0);
    await page.getByTestId('ratings-over-time').locator('svg.recharts-surface').first().waitFor();
    await page.getByTestId('market-signal').locator('svg.recharts-surface').first().waitFor();

    await choose('Redline Bodyworks');
    await page
      .getByTestId('small-sample')
      .getByText(/^Small sample: 45 reviews/)
      .waitFor({ timeout: 30_000 });
    await page.close();
  }, 120_000);
});
