import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { chromiumFor } from '../support/browser';

/**
 * The screens the completed demo world fills: the Models screen with the
 * first version beside popularity, the member explorer with a member's
 * history and explained recommendations, and the segments an analyst may
 * read but not create.
 */
describe('models, member explorer and segments in Chromium', () => {
  let app: TestApp;
  const chromium = chromiumFor(() => app);
  let analyst: { email: string; password: string };
  let memberKey: string;

  beforeAll(async () => {
    app = await startTestApp({ label: 'modelsui', demoWorld: true, demoMembers: 300, completeDemoWorld: true });
    const adminToken = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    await app.waitForJob(adminToken, app.running.demoWorldJobId!);
    // The follow-up job queues the first training; wait until a version is active.
    for (let i = 0; i < 300; i++) {
      const models = await app.http.get('/api/recommender/models').set('Authorization', `Bearer ${adminToken}`);
      if (models.body.some((m: { status: string }) => m.status === 'ACTIVE')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    analyst = await app.createAccount(adminToken, 'ANALYST');
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    // A consenting member with plenty of history, so the recommendations are personal.
    const row = await db.query(`SELECT m."memberKey" FROM member m JOIN interaction i ON i."memberId" = m.id
      WHERE m."consentPersonalisation" GROUP BY m.id ORDER BY count(*) DESC, m.id LIMIT 1`);
    await db.end();
    memberKey = row.rows[0].memberKey;
  });

  const logIn = (email: string, password: string): Promise<Page> => chromium.logIn({ email, password });

  it('shows the active model beside popularity on the Models screen', async () => {
    const page = await logIn(TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('menuitem', { name: 'Models' }).click();
    const row = page.locator('tr', { hasText: 'Demo model (all domains)' });
    await row.getByText('ACTIVE').waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('yes');
    await page.getByText('NDCG@10 by version, against popularity').waitFor();
    await page.close();
  });

  it('shows a member history beside recommendations with their explanations', async () => {
    const page = await logIn(analyst.email, analyst.password);
    await page.getByRole('menuitem', { name: 'Member explorer' }).click();
    await page.getByTestId('explorer-member-key').fill(memberKey);
    await page.getByTestId('explorer-show').click();
    const recommendations = page.getByTestId('explorer-recommendations');
    await recommendations.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('explorer-history').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await recommendations.locator('tbody tr').count()).toBe(10);
    expect(await page.getByTestId('explorer-fallback').count()).toBe(0);
    await page.close();
  });

  it('lets an analyst read the demo segments but offers no Create', async () => {
    const page = await logIn(analyst.email, analyst.password);
    await page.getByRole('menuitem', { name: 'Segments' }).click();
    await page.locator('tr', { hasText: 'Car enthusiasts' }).first().waitFor({ timeout: 15_000 });
    await page.getByText('Overlap between segments').waitFor();
    expect(await page.getByRole('link', { name: 'Create' }).count()).toBe(0);
    await page.close();
  });
});
