import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor } from '../support/browser';
import { useTestApp } from '../support/suite';

/**
 * The sharing screens in Chromium: a manager scores a partner and sees the
 * measured figures beside it, asks for an export the agreement forbids and
 * is told the rule; an analyst gets neither the request nor the write buttons.
 */
describe('sharing screens in Chromium', () => {
  const suite = useTestApp({ label: 'sharing-browser', accounts: ['MANAGER', 'ANALYST'] });
  const chromium = chromiumFor(() => suite.app, { closeApp: false });
  let partnerId: string;

  beforeAll(async () => {
    const auth = { Authorization: `Bearer ${suite.admin.token}` };
    partnerId = (
      await suite.app.http.post('/api/partners').set(auth).send({ name: 'Apex Tuning', industry: 'car-modification', status: 'ACTIVE' })
    ).body.id;
    await suite.app.http
      .post('/api/agreements')
      .set(auth)
      .send({
        partnerId,
        fieldsAllowed: ['city', 'member_count'],
        purposesAllowed: ['MEASUREMENT'],
        validFrom: new Date(suite.app.now().getTime() - 3600_000).toISOString(),
        validTo: new Date(suite.app.now().getTime() + 30 * 24 * 3600_000).toISOString(),
      });
  });

  const logIn = (account: { email: string; password: string }): Promise<Page> => chromium.logIn(account, { width: 1400, height: 1000 });

  it('lets a manager save a scorecard beside the measured figures, and shows the rule that refuses an export', async () => {
    const page = await logIn(suite.manager);
    await page.goto(`${suite.app.url}/#/partners/${partnerId}/show`);
    const scorecard = page.getByTestId('scorecard');
    await scorecard.getByText('Brand fit').waitFor({ timeout: 30_000 });
    // A suppressed count reads as the one wording every screen uses (formatSuppressedCount): "< k", never the number.
    await page.getByTestId('measures').getByText('< 50', { exact: true }).first().waitFor();
    const slider = scorecard.getByRole('slider', { name: 'brandFit score' });
    await slider.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight'); // 0 -> 4 in steps of 0.5
    await scorecard.getByRole('button', { name: 'Save scorecard' }).click();
    await expect
      .poll(
        async () =>
          (
            await suite.app.http
              .get(`/api/partners/${partnerId}`)
              .set('Authorization', `Bearer ${await suite.app.login(suite.manager.email, suite.manager.password)}`)
          ).body.scorecard?.brandFit?.score,
        { timeout: 15_000 },
      )
      .toBe(4);

    await page.goto(`${suite.app.url}/#/exports/create`);
    await page.getByRole('combobox', { name: /^Partner/ }).click();
    await page.getByRole('option', { name: 'Apex Tuning' }).click();
    await page.getByRole('combobox', { name: /^Purpose/ }).click();
    await page.getByRole('option', { name: 'co marketing' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText(/PURPOSE_NOT_ALLOWED/)
      .first()
      .waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('gives an analyst the exports list without the request button, and no scorecard saving', async () => {
    const page = await logIn(suite.analyst);
    await page.getByRole('menuitem', { name: 'Partner exports' }).click();
    await page.getByText('Partner exports').first().waitFor();
    expect(await page.getByRole('link', { name: 'Request export' }).count()).toBe(0);
    await page.goto(`${suite.app.url}/#/partners/${partnerId}/show`);
    await page.getByTestId('scorecard').getByText('Brand fit').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Save scorecard' }).count()).toBe(0);
    await page.close();
  });
});
