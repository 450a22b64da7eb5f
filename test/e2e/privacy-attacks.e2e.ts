import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RandomInt } from '@crosslane/domain-privacy';
import { Prisma } from '@crosslane/db';
import { AuditService } from '../../apps/api/src/core/audit/audit.service';
import { CLOCK, type Clock } from '../../apps/api/src/core/clock/clock';
import { DisclosureGateService } from '../../apps/api/src/modules/sharing/disclosure-gate.service';
import { asText, downloadExport } from '../support/downloads';
import { auth, useTestApp } from '../support/suite';

const DAY = 24 * 3600_000;
const K = 10;

/** A seeded uniform integer source, so noisy answers are the same on every run (the API itself uses node:crypto). */
function seededRandomInt(seed: number): RandomInt {
  let state = seed >>> 0;
  const next32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (max) => {
    if (max <= 1) return 0;
    const limit = Math.floor(2 ** 32 / max) * max;
    for (;;) {
      const x = next32();
      if (x < limit) return x % max;
    }
  };
}

/**
 * The attacks of issue 10, each run as the role that tried it, against the
 * real API on its own PostgreSQL: each must fail to learn the member-level
 * fact (withheld, carried, refused, or noisy within the budget), while the
 * same questions without the attack still answer usefully.
 */
describe('privacy attacks by differencing', () => {
  const suite = useTestApp({ label: 'privacy', accounts: ['MANAGER', 'ANALYST'] });

  const post = (token: string, url: string, body: object) => suite.app.http.post(url).set(auth(token)).send(body);
  const get = (token: string, url: string) => suite.app.http.get(url).set(auth(token));

  const newMembers = async (n: number, spec: { consent?: boolean; city?: string } = {}) => {
    const rows = await suite.prisma.member.createManyAndReturn({
      data: Array.from({ length: n }, () => ({
        memberKey: `m_${randomBytes(6).toString('hex')}`,
        consentPartnerSharing: spec.consent ?? true,
        city: spec.city ?? 'Shanghai',
        joinedAt: new Date('2025-01-01'),
        emailHash: randomBytes(32).toString('hex'),
      })),
      select: { id: true, emailHash: true },
    });
    return rows;
  };
  type M = Awaited<ReturnType<typeof newMembers>>[number];
  const segment = async (name: string, members: M[]) => {
    const s = await suite.prisma.segment.create({
      data: { name: `${name}-${randomBytes(3).toString('hex')}`, kind: 'RULE', size: members.length },
    });
    await suite.prisma.segmentMembership.createMany({ data: members.map((m) => ({ segmentId: s.id, memberId: m.id })) });
    return s.id;
  };
  const customers = async (partnerId: string, members: M[]) => {
    await suite.prisma.partnerCustomer.createMany({ data: members.map((m) => ({ partnerId, matchHash: m.emailHash!, memberId: m.id })) });
  };
  const partner = async (name: string) =>
    (
      await post(suite.manager.token, '/api/partners', {
        name: `${name} ${randomBytes(2).toString('hex')}`,
        industry: 'car-modification',
        status: 'ACTIVE',
      })
    ).body.id as string;
  const agreement = async (partnerId: string, extra: object = {}) => {
    const response = await post(suite.admin.token, '/api/agreements', {
      partnerId,
      fieldsAllowed: ['partner_pseudonym', 'city', 'car_interest', 'member_count'],
      purposesAllowed: ['CAMPAIGN_TARGETING', 'MEASUREMENT'],
      minGroupSize: K,
      validFrom: new Date(suite.app.now().getTime() - DAY).toISOString(),
      validTo: new Date(suite.app.now().getTime() + 60 * DAY).toISOString(),
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };
  const overlap = async (token: string, partnerId: string, segmentId: string) => {
    const response = await post(token, `/api/partners/${partnerId}/overlap`, { segmentId });
    expect(response.status).toBe(200);
    return response.body;
  };
  const refusals = async (partnerId: string) =>
    (await suite.auditLog({ action: 'disclosure.refused', entityId: partnerId }, '[0,99]')).body as {
      outcome: string;
      actorEmail: string | null;
      detail: Record<string, any>;
    }[];
  const exportAndWait = async (body: object) => {
    const response = await post(suite.manager.token, '/api/exports', body);
    expect(response.status).toBe(201);
    await suite.app.waitForJob(suite.manager.token, response.body.jobId);
    return (await get(suite.manager.token, `/api/exports/${response.body.id}`)).body;
  };
  const download = (exportId: string) => downloadExport(suite.app, suite.manager.token, exportId);

  beforeAll(() => {
    suite.app.running.app.get(DisclosureGateService).random = seededRandomInt(20261206);
  });

  it('attack 1 (analyst): overlap of S and of S minus one named member does not say whether that member is a customer', async () => {
    const a = await partner('Apex');
    await agreement(a);
    const s = await newMembers(30);
    await customers(a, s.slice(0, 20)); // the first 20 are partner A's customers
    const [target, nonCustomer] = [s[0], s[29]];
    const segS = await segment('S', s);
    const first = await overlap(suite.analyst.token, a, segS);
    expect(first).toMatchObject({ count: 20, suppressed: false, disclosure: { status: 'RELEASED', noisy: false } });

    const withoutTarget = await overlap(
      suite.analyst.token,
      a,
      await segment(
        'S-minus-customer',
        s.filter((m) => m !== target),
      ),
    );
    const withoutOther = await overlap(
      suite.analyst.token,
      a,
      await segment(
        'S-minus-other',
        s.filter((m) => m !== nonCustomer),
      ),
    );
    // Both answers are the earlier figure, carried and dated: the same whether the member removed is a customer or not.
    for (const answer of [withoutTarget, withoutOther]) {
      expect(answer).toMatchObject({
        count: 20,
        disclosure: { status: 'CARRIED', rule: 'DIFFERENCE_CHECK', earlierResultAt: first.disclosure.releasedAt },
      });
      expect(answer.disclosure.message).toMatch(/^differs from an earlier result of \d{4}-\d{2}-\d{2} by fewer than 10 members$/);
    }
    expect(withoutTarget.count).toBe(withoutOther.count);

    const audit = await refusals(a);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      outcome: 'DENIED',
      actorEmail: suite.analyst.email,
      detail: { rule: 'DIFFERENCE_CHECK', metric: 'overlap', comparedWith: { value: 20, populationSize: 30 } },
    });
  });

  it('attack 2 (analyst): a suppressed overlap is not recovered as overlap(S and small) minus overlap(S), by either endpoint', async () => {
    const b = await partner('Bolt');
    await agreement(b);
    const s = await newMembers(30);
    const small = await newMembers(20);
    await customers(b, [...s.slice(0, 20), ...small.slice(0, 4)]);
    const smallOverlap = await overlap(suite.analyst.token, b, await segment('small', small));
    expect(smallOverlap).toMatchObject({ count: null, suppressed: true, disclosure: { status: 'SUPPRESSED' } });
    expect((await overlap(suite.analyst.token, b, await segment('S', s))).count).toBe(20);
    const union = await overlap(suite.analyst.token, b, await segment('S+small', [...s, ...small]));
    expect(union).toMatchObject({ count: null, suppressed: true, disclosure: { status: 'WITHHELD', rule: 'DIFFERENCE_CHECK' } });

    // The same through GET /api/segments/{id}/partners, with another partner: 36 then 40 would give the 4 back.
    const c = await partner('Cobra');
    await agreement(c);
    const t = await newMembers(40);
    const small2 = await newMembers(20);
    await customers(c, [...t.slice(0, 36), ...small2.slice(0, 4)]);
    const panel = async (segmentId: string) =>
      (
        (await get(suite.analyst.token, `/api/segments/${segmentId}/partners`)).body as {
          partnerId: string;
          overlap: Record<string, any>;
        }[]
      ).find((p) => p.partnerId === c)!.overlap;
    expect(await panel(await segment('T', t))).toMatchObject({ count: 36, disclosure: { status: 'RELEASED' } });
    const widened = await panel(await segment('T+small', [...t, ...small2]));
    expect(widened).toMatchObject({ count: null, disclosure: { status: 'WITHHELD', rule: 'DIFFERENCE_CHECK' } });
    expect((await refusals(c))[0].detail).toMatchObject({
      rule: 'DIFFERENCE_CHECK',
      source: 'GET /api/segments/:id/partners',
      comparedWith: { value: 36 },
    });
  });

  it('attack 3 (manager): two AGGREGATE files over the same segment cannot be subtracted to give a suppressed row', async () => {
    const d = await partner('Drift');
    const shanghai = await newMembers(36, { city: 'Shanghai' });
    const chengdu = await newMembers(4, { city: 'Chengdu' });
    const seg = await segment('S40', [...shanghai, ...chengdu]);
    await agreement(d, { segmentsAllowed: [seg] });
    const byCity = await exportAndWait({
      partnerId: d,
      purpose: 'MEASUREMENT',
      kind: 'AGGREGATE',
      fields: ['city', 'member_count'],
      segmentId: seg,
    });
    expect(byCity).toMatchObject({ status: 'READY', rowCount: 1, suppressedRows: 1 });
    expect(await download(byCity.id)).toBe('city,member_count\r\nShanghai,36\r\n');
    const byInterest = await exportAndWait({
      partnerId: d,
      purpose: 'MEASUREMENT',
      kind: 'AGGREGATE',
      fields: ['car_interest', 'member_count'],
      segmentId: seg,
    });
    // Its only row (and total) would be 40: 40 - 36 = the 4 members in Chengdu.
    expect(byInterest).toMatchObject({ status: 'REFUSED', refusedRule: 'DIFFERENCE_CHECK', fileName: null });
    expect(byInterest.refusedReason).toMatch(
      /^DIFFERENCE_CHECK: Row car_interest = none differs from an earlier result of \d{4}-\d{2}-\d{2} by fewer than 10 members$/,
    );
    const audit = await refusals(d);
    expect(audit[0]).toMatchObject({
      outcome: 'DENIED',
      actorEmail: suite.manager.email,
      detail: { rule: 'DIFFERENCE_CHECK', metric: 'export-row', difference: 4, comparedWith: { value: 36, populationSize: 36 } },
    });
  });

  it('attack 4 (manager): member lists of S and S minus one give no lone pseudonym, so nobody is linked across partners', async () => {
    const s = await newMembers(30);
    const seg = await segment('list-S', s);
    const minusOne = await segment('list-S-1', s.slice(1));
    for (const name of ['Eagle', 'Falcon']) {
      const p = await partner(name);
      await agreement(p, { segmentsAllowed: [seg, minusOne] });
      const full = await exportAndWait({
        partnerId: p,
        purpose: 'CAMPAIGN_TARGETING',
        kind: 'MEMBER_LIST',
        fields: ['partner_pseudonym'],
        segmentId: seg,
      });
      expect(full).toMatchObject({ status: 'READY', rowCount: 30 });
      const second = await exportAndWait({
        partnerId: p,
        purpose: 'CAMPAIGN_TARGETING',
        kind: 'MEMBER_LIST',
        fields: ['partner_pseudonym'],
        segmentId: minusOne,
      });
      expect(second).toMatchObject({ status: 'REFUSED', refusedRule: 'DIFFERENCE_CHECK', fileName: null });
      expect((await refusals(p))[0]).toMatchObject({
        actorEmail: suite.manager.email,
        detail: { metric: 'member-list', difference: 1, comparedWith: { populationSize: 30 } },
      });
      // The same list again is the same release: it is built (nothing new leaves).
      expect(
        await exportAndWait({
          partnerId: p,
          purpose: 'CAMPAIGN_TARGETING',
          kind: 'MEMBER_LIST',
          fields: ['partner_pseudonym'],
          segmentId: seg,
        }),
      ).toMatchObject({ status: 'READY', rowCount: 30 });
    }
  });

  it('a member list that differs from the last only by a member who withdrew consent is delivered with the suppression; one that drops a member for another reason is refused', async () => {
    const s = await newMembers(30);
    const seg = await segment('list-withdrawn', s);
    // The same segment after a rule change that drops s[1], a member who still consents.
    const ruleChanged = await segment('list-rule-changed', s.slice(2));
    const p = await partner('Harrier');
    await agreement(p, { segmentsAllowed: [seg, ruleChanged] });
    const listOf = (segmentId: string) =>
      exportAndWait({ partnerId: p, purpose: 'CAMPAIGN_TARGETING', kind: 'MEMBER_LIST', fields: ['partner_pseudonym'], segmentId });
    const first = await listOf(seg);
    expect(first).toMatchObject({ status: 'READY', rowCount: 30 });
    const before = new Set((await download(first.id)).trim().split(/\r?\n/).slice(1));

    // s[0] withdraws partner-sharing consent (an admin records it): the partner is told to delete their pseudonym.
    expect(
      (
        await suite.app.http
          .patch(`/api/members/${s[0].id}/consent`)
          .set({ Authorization: `Bearer ${suite.admin.token}` })
          .send({ consentPartnerSharing: false })
      ).status,
    ).toBe(200);
    const second = await listOf(seg);
    expect(second).toMatchObject({ status: 'READY', rowCount: 29 });
    const after = new Set((await download(second.id)).trim().split(/\r?\n/).slice(1));
    const gone = [...before].filter((x) => !after.has(x));
    expect(gone).toHaveLength(1);
    const carried = await get(suite.manager.token, `/api/member-rights/exports/${second.id}/suppressions`).buffer(true).parse(asText);
    expect(carried.body).toBe(`pseudonym,reason\r\n${gone[0]},CONSENT_WITHDRAWN\r\n`);

    // A rule change that drops s[1] (still consenting): differs from the last list by one member the partner was never told about.
    expect(await listOf(ruleChanged)).toMatchObject({ status: 'REFUSED', refusedRule: 'DIFFERENCE_CHECK', fileName: null });
  });

  it('NOISE mode: a segment of thousands gets its overlap within the stated error; re-asking or differencing learns nothing more', async () => {
    const n = await partner('Nitro');
    await agreement(n, { privacyMode: 'NOISE', epsilonBudget: 1, epsilonPerQuery: 0.1 });
    const big = await newMembers(3_000);
    await customers(n, big.slice(0, 1_200));
    const segBig = await segment('big', big);
    const answer = await overlap(suite.analyst.token, n, segBig);
    expect(answer.disclosure).toMatchObject({ status: 'RELEASED', noisy: true, errorBound: 30, epsilonCharged: 0.1 });
    expect(Math.abs(answer.count - 1_200)).toBeLessThanOrEqual(answer.disclosure.errorBound);
    // The same question: the same noisy answer, no new charge (averaging repeated draws would remove the noise).
    expect(await overlap(suite.analyst.token, n, segBig)).toMatchObject({
      count: answer.count,
      disclosure: { status: 'REPEATED', epsilonCharged: 0 },
    });
    // Minus one member: the earlier figure, carried.
    expect(await overlap(suite.analyst.token, n, await segment('big-1', big.slice(1)))).toMatchObject({
      count: answer.count,
      disclosure: { status: 'CARRIED' },
    });
    const privacy = (await get(suite.analyst.token, `/api/partners/${n}/privacy`)).body;
    expect(privacy).toMatchObject({ mode: 'NOISE', epsilonBudget: 1, epsilonSpent: 0.1, epsilonLeft: 0.9, releases: 1 });
  });

  it('NOISE mode: an exhausted budget refuses with the date it refreshes, and parallel requests never overdraw it', async () => {
    const p = await partner('Piston');
    const agreed = await agreement(p, { privacyMode: 'NOISE', epsilonBudget: 1, epsilonPerQuery: 0.1 });
    const pool = await newMembers(20 * 30);
    await customers(
      p,
      pool.filter((_, i) => i % 2 === 0),
    );
    // Twenty disjoint segments of 30: each a fresh question, asked all at once.
    const segments = await Promise.all(Array.from({ length: 20 }, (_, i) => segment(`par-${i}`, pool.slice(i * 30, i * 30 + 30))));
    const answers = await Promise.all(segments.map((id) => overlap(suite.analyst.token, p, id)));
    const statuses = answers.map((a) => a.disclosure.status).sort();
    expect(statuses.filter((s) => s === 'RELEASED')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'REFUSED')).toHaveLength(10);
    const refused = answers.find((a) => a.disclosure.status === 'REFUSED');
    const refreshes = new Date(Date.UTC(suite.app.now().getUTCFullYear(), suite.app.now().getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    expect(refused.disclosure).toMatchObject({ rule: 'BUDGET_EXHAUSTED' });
    expect(refused.disclosure.message).toContain(`it refreshes on ${refreshes}`);
    const [ledger] = await suite.prisma.privacyBudgetLedger.findMany({ where: { agreementId: agreed.id } });
    expect(ledger).toMatchObject({ spentMicros: 1_000_000n, budgetMicros: 1_000_000n, releases: 10, refusals: 10 });
    const page = (await get(suite.analyst.token, `/api/partners/${p}/privacy`)).body;
    expect(page).toMatchObject({ epsilonSpent: 1, epsilonLeft: 0, refreshesOn: refreshes });
    expect(page.refusals).toHaveLength(10);
    expect(page.refusals[0]).toMatchObject({ rule: 'BUDGET_EXHAUSTED', metric: 'overlap' });
  });

  it('every partner-derived figure goes through the gate: overlap, segment panel, measures, planner and exports each leave a release', async () => {
    const g = await partner('Gate');
    const m = await newMembers(60);
    const seg = await segment('gate', m);
    await agreement(g, { segmentsAllowed: [seg] });
    await customers(g, m.slice(0, 40));
    await overlap(suite.analyst.token, g, seg);
    await get(suite.analyst.token, `/api/segments/${seg}/partners`);
    expect((await get(suite.analyst.token, `/api/partners/${g}/measures`)).body.matchedMembers.disclosure.status).toMatch(
      /RELEASED|REPEATED|CARRIED|WITHHELD/,
    );
    const plan = await post(suite.manager.token, '/api/campaigns/plan', {
      name: 'plan',
      objective: 'Measure the overlap',
      targetSegmentId: seg,
      partnerIds: [g],
      primaryMetric: 'CONVERSION',
      variants: [
        { key: 'control', name: 'Control', isControl: true, weight: 0.5 },
        { key: 'b', name: 'B', weight: 0.5 },
      ],
    });
    expect(plan.status).toBe(200);
    expect(plan.body.partners[0].disclosure).toBeDefined();
    await exportAndWait({ partnerId: g, purpose: 'MEASUREMENT', kind: 'AGGREGATE', fields: ['city', 'member_count'], segmentId: seg });
    const releases = await suite.prisma.disclosureRelease.findMany({ where: { partnerId: g }, select: { source: true, metric: true } });
    const sources = new Set(releases.map((r) => r.source.replace(/^export .*/, 'export')));
    // The segment panel and the planner ask the same question as the overlap: answered as a repeat, so only the first leaves a release row.
    expect(sources).toEqual(new Set(['POST /api/partners/:id/overlap', 'GET /api/partners/:id/measures', 'export']));
    expect(plan.body.partners[0].disclosure.status).toBe('REPEATED');
  });

  it("two API processes: a release another process writes between this one's read and its write is still compared (no lone member leaks)", async () => {
    // Each API process keeps its own index of released pre-filters; the database stays the source of truth.
    const here = suite.app.running.app.get(DisclosureGateService);
    const other = new DisclosureGateService(suite.prisma, suite.app.running.app.get(AuditService), suite.app.running.app.get<Clock>(CLOCK));
    const p = await partner('TwoProcesses');
    await agreement(p);
    const unrelated = await newMembers(40);
    const s = await newMembers(30);
    await customers(p, [...unrelated.slice(0, 20), ...s.slice(0, 20)]);
    const ask = (gate: DisclosureGateService, segmentId: string) =>
      gate.count({
        partnerId: p,
        metric: 'overlap',
        source: 'two-processes',
        population: Prisma.sql`SELECT "memberId" AS id FROM segment_membership WHERE "segmentId" = ${segmentId}::uuid`,
        members: Prisma.sql`SELECT sm."memberId" AS id FROM segment_membership sm WHERE sm."segmentId" = ${segmentId}::uuid AND EXISTS (SELECT 1 FROM partner_customer pc WHERE pc."partnerId" = ${p}::uuid AND pc."memberId" = sm."memberId")`,
      });
    // This process has seen the partner (an unrelated release), so its next check reads what is new with the sketch, before the lock.
    expect((await ask(here, await segment('unrelated', unrelated))).disclosure.status).toBe('RELEASED');
    const segS = await segment('S', s);
    const segMinusOne = await segment('S-minus-customer', s.slice(1));
    // The other process releases S just after this process has read the store for S minus one customer.
    const read = here.sketchSql.bind(here);
    let released: ReturnType<typeof ask> | undefined;
    here.sketchSql = async (...args) => {
      const sketched = await read(...args);
      // After the read that also caught the index up (the members'), once.
      if (args[3]?.catchUpPartner && !released) released = ask(other, segS);
      await released;
      return sketched;
    };
    try {
      const answer = await ask(here, segMinusOne);
      expect(await released).toMatchObject({ count: 20, disclosure: { status: 'RELEASED' } });
      // Without the check at the write, this would have released 19 beside the other process's 20.
      expect(answer).toMatchObject({ count: 20, disclosure: { status: 'CARRIED', rule: 'DIFFERENCE_CHECK' } });
    } finally {
      here.sketchSql = read;
    }
    expect(await suite.prisma.disclosureRelease.count({ where: { partnerId: p } })).toBe(2);
  });
});
