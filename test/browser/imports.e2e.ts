import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumFor } from '../support/browser';
import { useTestApp } from '../support/suite';

/**
 * The imports screen in Chromium: a manager uploads a members file keeping
 * the good rows, watches it finish and reads the error report; an analyst
 * sees imports but gets no upload button.
 */
describe('imports screen in Chromium', () => {
  const suite = useTestApp({ label: 'imports-browser', accounts: ['MANAGER', 'ANALYST'] });
  const chromium = chromiumFor(() => suite.app, { closeApp: false });
  const logIn = (account: { email: string; password: string }): Promise<Page> => chromium.logIn(account, { width: 1400, height: 1000 });

  it('uploads a file keeping the good rows, then shows the counts and the error report by row and field', async () => {
    const page = await logIn(suite.manager);
    await page.getByRole('menuitem', { name: 'Imports' }).click();
    await page.getByRole('link', { name: 'Upload a file' }).waitFor();
    await page.goto(`${suite.app.url}/#/imports/create`);
    await page.getByRole('combobox', { name: /What the file holds/ }).click();
    await page.getByRole('option', { name: 'Members' }).click();
    await page.getByRole('combobox', { name: /Mode/ }).click();
    await page.getByRole('option', { name: /Keep the good rows/ }).click();
    const csv = 'memberKey,joinedAt,email\nm_1,2024-01-01,a@example.com\nm_2,2024-02-30,b@example.com\nm_3,2024-03-01,not-an-email\n';
    await page.setInputFiles('input[type="file"]', { name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('2 row(s) were dropped; the 1 good rows were imported.').waitFor({ timeout: 30_000 });
    const report = page.getByRole('table', { name: 'Error report' });
    await report.getByText('joinedAt').waitFor();
    expect(await report.getByRole('row').allInnerTexts()).toEqual([
      'Row\tField\tReason\tValue',
      '3\tjoinedAt\tmust be a real calendar date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in the years 1 to 9999\t2024-02-30',
      '4\temail\tis not an e-mail address\t',
    ]);
    await page.close();
  });

  it('shows an analyst the imports without the upload button', async () => {
    const page = await logIn(suite.analyst);
    await page.getByRole('menuitem', { name: 'Imports' }).click();
    await page.getByText('members.csv').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('link', { name: 'Upload a file' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Import the Online Retail dataset' }).count()).toBe(0);
    await page.close();
  });
});
