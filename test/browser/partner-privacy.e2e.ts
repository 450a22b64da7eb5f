import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PrismaService } from '../../apps/api/src/core/database/prisma.service';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { chromiumFor } from '../support/browser';

const DAY = 24 * 3600_000;

/**
 * The partner page's privacy panel in Chromium: after an analyst has spent a
 * NOISE agreement's monthly budget and been refused, an admin sees the fuel
 * gauge at empty and the refused release with its rule and who asked.
 */
describe('partner privacy panel in Chromium', () => {
  let app: TestApp;
  const chromium = chromiumFor(() => app);
  let partnerId: string;
  let analystEmail: string;

  beforeAll(async () => {
    app = await startTestApp({ label: 'privacy-browser' });
    const prisma = app.running.app.get(PrismaService);
    const admin = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const analyst = await app.createAccount(admin, 'ANALYST');
    analystEmail = analyst.email;
    const auth = { Authorization: `Bearer ${admin}` };
    partnerId = (
      await app.http.post('/api/partners').set(auth).send({ name: 'Gauge Motors', industry: 'car-modification', status: 'ACTIVE' })
    ).body.id;
    const agreed = await app.http
      .post('/api/agreements')
      .set(auth)
      .send({
        partnerId,
        fieldsAllowed: ['city', 'member_count'],
        purposesAllowed: ['MEASUREMENT'],
        minGroupSize: 10,
        privacyMode: 'NOISE',
        epsilonBudget: 1,
        epsilonPerQuery: 0.5,
        validFrom: new Date(app.now().getTime() - DAY).toISOString(),
        validTo: new Date(app.now().getTime() + 60 * DAY).toISOString(),
      });
    expect(agreed.status).toBe(201);
    // Three disjoint segments of 30 members, half of each a partner customer: three fresh questions for a budget of two.
    const members = await prisma.member.createManyAndReturn({
      data: Array.from({ length: 90 }, () => ({
        memberKey: `m_${randomBytes(6).toString('hex')}`,
        consentPartnerSharing: true,
        city: 'Shanghai',
        joinedAt: new Date('2025-01-01'),
        emailHash: randomBytes(32).toString('hex'),
      })),
      select: { id: true, emailHash: true },
    });
    await prisma.partnerCustomer.createMany({
      data: members.filter((_, i) => i % 2 === 0).map((m) => ({ partnerId, matchHash: m.emailHash!, memberId: m.id })),
    });
    const statuses: string[] = [];
    for (let s = 0; s < 3; s++) {
      const segment = await prisma.segment.create({
        data: { name: `gauge-${s}-${randomBytes(3).toString('hex')}`, kind: 'RULE', size: 30 },
      });
      await prisma.segmentMembership.createMany({
        data: members.slice(s * 30, s * 30 + 30).map((m) => ({ segmentId: segment.id, memberId: m.id })),
      });
      const answer = await app.http
        .post(`/api/partners/${partnerId}/overlap`)
        .set({ Authorization: `Bearer ${analyst.token}` })
        .send({ segmentId: segment.id });
      expect(answer.status).toBe(200);
      statuses.push(answer.body.disclosure.status);
    }
    expect(statuses).toEqual(['RELEASED', 'RELEASED', 'REFUSED']);
  });

  it('shows an admin the empty budget gauge and the refused release with its rule and who asked', async () => {
    const page = await chromium.logIn(TEST_ADMIN, { width: 1400, height: 1000 });
    await page.goto(`${app.url}/#/partners/${partnerId}/show`);
    const panel = page.getByTestId('privacy');
    await panel.getByText('Noise, minimum group size 10').waitFor({ timeout: 30_000 });
    const gauge = panel.getByTestId('budget-gauge');
    await gauge.getByText('0.00 of 1 epsilon left').waitFor();
    expect(await gauge.getAttribute('aria-label')).toBe('0.00 of 1 epsilon left');
    await panel.getByText('Refused or withheld releases (1)').waitFor();
    const row = panel.getByTestId('privacy-refusals').getByRole('row').nth(1);
    await row.getByText('BUDGET_EXHAUSTED').waitFor();
    expect(await row.textContent()).toContain(analystEmail);
    expect(await row.textContent()).toMatch(/refreshes on \d{4}-\d{2}-\d{2}/);
    await page.close();
  });
});
