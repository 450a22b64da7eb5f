import { describe, expect, it } from 'vitest';
import { disclosureDecision, sizeWindow, type DisclosureCandidate, type EarlierRelease } from './disclosure-decision';
import { sketchCellsFor, sketchMembers } from './member-set-sketch';
import { budgetPeriod, chargeBudget } from './privacy-budget';

const K = 10;
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => BigInt(from + i));
const set = (members: bigint[]) => ({ size: members.length, sketch: sketchMembers(members, sketchCellsFor(K)) });
const candidate = (population: bigint[], members: bigint[], extra: Partial<DisclosureCandidate> = {}): DisclosureCandidate => ({
  metric: 'overlap',
  population: set(population),
  members: set(members),
  dataVersion: 'v1',
  carryAllowed: true,
  ...extra,
});
const released = (c: DisclosureCandidate, value: number, day = '2026-12-06', id = 'r1'): EarlierRelease => ({
  id,
  releasedAt: new Date(`${day}T09:00:00Z`),
  metric: c.metric,
  population: c.population,
  members: c.members,
  dataVersion: c.dataVersion,
  value,
  noisy: false,
  errorBound: null,
});

describe('disclosureDecision, THRESHOLD mode (k = 10)', () => {
  const segment = ids(1, 31); // 30 members
  const customers = ids(1, 21); // 20 of them are the partner's customers
  const first = candidate(segment, customers);

  it('releases a first result and suppresses one below k', () => {
    expect(disclosureDecision(first, [], { mode: 'THRESHOLD', k: K })).toEqual({ action: 'RELEASE', noisy: false });
    expect(disclosureDecision(candidate(segment, ids(1, 10)), [], { mode: 'THRESHOLD', k: K })).toMatchObject({
      action: 'SUPPRESS',
      rule: 'GROUP_TOO_SMALL',
    });
  });

  it('answers the same question again with the same answer', () => {
    const earlier = released(first, 20);
    expect(disclosureDecision(candidate(segment, customers), [earlier], { mode: 'THRESHOLD', k: K })).toEqual({
      action: 'REPEAT',
      earlier,
    });
  });

  it('attack 1: S minus one member carries the earlier figure, whether or not that member is a customer', () => {
    const earlier = released(first, 20);
    const minusCustomer = disclosureDecision(candidate(segment.slice(1), customers.slice(1)), [earlier], { mode: 'THRESHOLD', k: K });
    const minusOther = disclosureDecision(candidate(segment.slice(0, -1), customers), [earlier], { mode: 'THRESHOLD', k: K });
    for (const d of [minusCustomer, minusOther]) {
      expect(d).toMatchObject({
        action: 'CARRY',
        rule: 'DIFFERENCE_CHECK',
        difference: 1,
        message: 'differs from an earlier result of 2026-12-06 by fewer than 10 members',
      });
    }
  });

  it('attack 2: S plus a small group with 4 customers is withheld, naming the earlier result', () => {
    const earlier = released(first, 20);
    const small = ids(100, 120); // 20 members, 4 customers
    const d = disclosureDecision(candidate([...segment, ...small], [...customers, ...small.slice(0, 4)]), [earlier], {
      mode: 'THRESHOLD',
      k: K,
    });
    expect(d).toMatchObject({ action: 'WITHHOLD', compared: 'members', difference: 4, earlier: { id: 'r1' } });
  });

  it('lets a segment that grew by k or more release a new figure', () => {
    const earlier = released(first, 20);
    expect(
      disclosureDecision(candidate([...segment, ...ids(200, 230)], [...customers, ...ids(200, 215)]), [earlier], {
        mode: 'THRESHOLD',
        k: K,
      }),
    ).toEqual({ action: 'RELEASE', noisy: false });
  });

  it('an export row may not carry: it is withheld instead', () => {
    const earlier = released(candidate(segment, segment, { metric: 'export-row', carryAllowed: false }), 30);
    const d = disclosureDecision(candidate(segment.slice(1), segment.slice(1), { metric: 'export-row', carryAllowed: false }), [earlier], {
      mode: 'THRESHOLD',
      k: K,
    });
    expect(d).toMatchObject({ action: 'WITHHOLD', compared: 'population', difference: 1 });
  });
});

describe('disclosureDecision, NOISE mode', () => {
  const segment = ids(1, 3001);
  const customers = ids(1, 1001);
  it('releases with noise, repeats the same question with the same noisy answer, and ignores the members behind it', () => {
    const first = candidate(segment, customers);
    expect(disclosureDecision(first, [], { mode: 'NOISE', k: K })).toEqual({ action: 'RELEASE', noisy: true });
    const earlier = { ...released(first, 1004), noisy: true };
    expect(disclosureDecision(candidate(segment, customers.slice(2)), [earlier], { mode: 'NOISE', k: K })).toEqual({
      action: 'REPEAT',
      earlier,
    });
    // New customer data: a new draw.
    expect(disclosureDecision(candidate(segment, customers, { dataVersion: 'v2' }), [earlier], { mode: 'NOISE', k: K })).toEqual({
      action: 'RELEASE',
      noisy: true,
    });
    expect(disclosureDecision(candidate(segment.slice(1), customers), [earlier], { mode: 'NOISE', k: K })).toMatchObject({
      action: 'CARRY',
    });
  });

  it('looks only at earlier releases whose size is within k', () => {
    expect(sizeWindow(30, 10)).toEqual({ min: 21, max: 39 });
  });
});

describe('privacy budget', () => {
  it('charges to exactly zero, then refuses with the refresh date (the doc example)', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(chargeBudget({ spentMicros: 5_900_000 }, 0.1, 6, now)).toEqual({ allowed: true, spentMicros: 6_000_000, leftMicros: 0 });
    const refused = chargeBudget({ spentMicros: 6_000_000 }, 0.1, 6, now);
    expect(refused).toMatchObject({ allowed: false, rule: 'BUDGET_EXHAUSTED', refreshesOn: new Date('2027-01-01T00:00:00Z') });
    expect(refused.allowed === false && refused.message).toContain('it refreshes on 2027-01-01');
    expect(budgetPeriod(new Date('2026-12-31T23:59:59Z')).period).toBe('2026-12');
  });

  it('sixty charges of 0.1 fit a budget of 6, the sixty-first does not', () => {
    let ledger = { spentMicros: 0 };
    const now = new Date('2026-12-06T10:00:00Z');
    for (let i = 0; i < 60; i++) {
      const c = chargeBudget(ledger, 0.1, 6, now);
      expect(c.allowed).toBe(true);
      if (c.allowed) ledger = { spentMicros: c.spentMicros };
    }
    expect(chargeBudget(ledger, 0.1, 6, now).allowed).toBe(false);
  });
});

describe('disclosureDecision: members the partner was told to delete (k = 10)', () => {
  const list = ids(1, 31);
  const asList = (members: bigint[], leftKnown?: bigint[]) =>
    candidate(members, members, { metric: 'member-list', carryAllowed: false, ...(leftKnown ? { leftKnown: new Set(leftKnown) } : {}) });
  const earlier = [released(asList(list), 30)];

  it('does not refuse a list that lacks only suppressed members', () => {
    expect(disclosureDecision(asList(ids(3, 31), [1n, 2n]), earlier, { mode: 'THRESHOLD', k: K })).toEqual({
      action: 'RELEASE',
      noisy: false,
    });
  });

  it('still refuses when anything else differs: a member dropped for another reason, or one added', () => {
    const dropped = disclosureDecision(asList(ids(3, 31), [1n]), earlier, { mode: 'THRESHOLD', k: K });
    expect(dropped).toMatchObject({ action: 'WITHHOLD', difference: 2 });
    const added = disclosureDecision(asList([...ids(2, 31), 99n], [1n]), earlier, { mode: 'THRESHOLD', k: K });
    expect(added).toMatchObject({ action: 'WITHHOLD', difference: 2 });
    expect(disclosureDecision(asList(ids(2, 31)), earlier, { mode: 'THRESHOLD', k: K })).toMatchObject({ action: 'WITHHOLD' });
  });
});
