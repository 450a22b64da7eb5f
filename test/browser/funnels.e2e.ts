import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { chromiumFor } from '../support/browser';

/**
 * The browser test: an analyst builds a funnel (looked at a partner
 * kit -> bought it), breaks it down by segment, saves it, and turns the
 * drop-off into a segment, all on the Funnels screen.
 */
describe('funnels in Chromium', () => {
  let app: TestApp;
  const chromium = chromiumFor(() => app);
  let analyst: { email: string; password: string; token: string };
  let segmentId: string;

  beforeAll(async () => {
    app = await startTestApp({ label: 'funnelsui', demoWorld: true, demoMembers: 600 });
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    await app.waitForJob(admin, app.running.demoWorldJobId!, undefined, 240_000);
    analyst = await app.createAccount(admin, 'ANALYST');
    // A segment to break the funnel down by: members who enrolled in a car course this year.
    const segment = await app.http
      .post('/api/segments')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Car learners', rule: { behaviour: { types: ['ENROL'], carCategories: true, days: 365, atLeast: 1 } } });
    expect(segment.status).toBe(201);
    segmentId = segment.body.id;
    await app.waitForJob(admin, await app.waitForQueuedJob(admin, 'materialise-segments'));
  }, 300_000);
  const select = async (page: import('playwright-core').Page, label: string, option: string) => {
    await page
      .getByRole('combobox', { name: new RegExp(`^${label}`) })
      .first()
      .click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  it('builds a funnel, breaks it down by segment, saves it and turns the drop-off into a segment', async () => {
    const page = await chromium.logIn(analyst);
    await page.getByRole('menuitem', { name: 'Funnels' }).click();
    await page.getByRole('link', { name: 'New funnel' }).click();

    // Step 1: view a partner kit; step 2 (already PURCHASE): buy one.
    await page.getByTestId('step-0-kind').fill('kit');
    await page.getByTestId('step-1-kind').fill('kit');
    await select(page, 'Break down by', 'Segment');
    await page.getByRole('combobox', { name: /^Segments/ }).click();
    await page.getByRole('option', { name: 'Car learners' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('run-funnel').click();

    const group = page.getByTestId(`funnel-group-${segmentId}`);
    await group.waitFor({ timeout: 30_000 });
    expect(await group.innerText()).toMatch(/Car learners: \d+ entered/);
    await page.getByTestId('funnel-group-none').waitFor();
    expect(await group.getByTestId('drop-off-sentence').innerText()).toMatch(/^Biggest drop-off: before step 2 \(PURCHASE · kit\)/);

    await page.getByTestId('funnel-name').fill('Kit views to purchases');
    await page.getByTestId('save-funnel').click();
    await page.getByText('Funnel "Kit views to purchases" saved').waitFor({ timeout: 15_000 });
    const saved = await app.http.get('/api/funnels').set('Authorization', `Bearer ${analyst.token}`);
    expect(saved.body.map((f: { name: string; view: { breakdown: { by: string } } }) => [f.name, f.view.breakdown.by])).toEqual([
      ['Kit views to purchases', 'segment'],
    ]);

    // The saved funnel opens with its breakdown; run it and make a segment of those who looked and did not buy.
    await page.getByTestId('run-funnel').click();
    await page.getByTestId(`funnel-group-${segmentId}`).waitFor({ timeout: 30_000 });
    await page.getByTestId(`segment-name-${segmentId}`).fill('Looked at a kit, did not buy');
    await page.getByTestId(`make-segment-${segmentId}`).click();
    await page.getByText('Segment "Looked at a kit, did not buy" created').waitFor({ timeout: 15_000 });

    const segments = await app.http.get('/api/segments').set('Authorization', `Bearer ${analyst.token}`);
    const made = segments.body.find((s: { name: string }) => s.name === 'Looked at a kit, did not buy');
    expect(made.rule).toEqual({
      dropOff: { reached: { type: 'VIEW', kind: 'kit' }, notFollowedBy: { type: 'PURCHASE', kind: 'kit' }, withinDays: 14, days: 90 },
    });
    await page.close();
  });
});
