import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_SEED, demoWindowStart, generateDemoWorld, isCarInterested, summariseDemoWorld } from '@crosslane/domain-demo-world';

const endDate = new Date('2026-11-28T00:00:00Z');

describe('generateDemoWorld', () => {
  it('gives byte-identical output for the same seed and endDate', () => {
    const a = generateDemoWorld({ endDate });
    const b = generateDemoWorld({ seed: DEFAULT_DEMO_SEED, endDate: new Date(endDate.getTime()) });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives a different world for a different seed', () => {
    const a = generateDemoWorld({ endDate, members: 300 });
    const b = generateDemoWorld({ seed: 7, endDate, members: 300 });
    expect(a.members.map((m) => m.memberKey)).not.toEqual(b.members.map((m) => m.memberKey));
    expect(a.items.map((i) => i.title)).not.toEqual(b.items.map((i) => i.title));
    expect(JSON.stringify(a.interactions)).not.toBe(JSON.stringify(b.interactions));
  });

  it('gives the doc comment example: 4 partners, 552 items, 4,000 members, about 200,000 interactions', () => {
    const world = generateDemoWorld({ endDate });
    const summary = summariseDemoWorld(world);
    expect(summary.partners).toEqual({ total: 4, active: 3, prospect: 1 });
    expect(summary.items.byDomain).toEqual({ KNOWLEDGE: 336, PARTNER: 216 });
    Object.values(summary.items.byPartner).forEach((n) => {
      expect(n).toBeGreaterThanOrEqual(40);
      expect(n).toBeLessThanOrEqual(80);
    });
    expect(world.members).toHaveLength(4000);
    expect(summary.interactions.total).toBeGreaterThan(150_000);
    expect(summary.interactions.total).toBeLessThan(250_000);
    expect(summary.members.carInterested / 4000).toBeCloseTo(0.22, 1);
  });

  it('keeps the catalogues when only the member count or the end date changes', () => {
    const small = generateDemoWorld({ endDate, members: 200, months: 3 });
    const other = generateDemoWorld({ endDate: new Date('2025-06-30T12:00:00Z'), members: 100 });
    expect(other.items).toEqual(small.items);
    expect(other.partners).toEqual(small.partners);
  });

  it('honours members and months', () => {
    const world = generateDemoWorld({ endDate, members: 500, months: 3 });
    expect(world.members).toHaveLength(500);
    const start = demoWindowStart(endDate, 3).getTime();
    expect(world.interactions.length).toBeGreaterThan(3000);
    expect(world.interactions.every((e) => e.occurredAt.getTime() >= start && e.occurredAt <= endDate)).toBe(true);
    expect(world.members.filter(isCarInterested).length).toBeGreaterThan(50);
  });

  it('never mutates the caller’s endDate', () => {
    const date = new Date(endDate.getTime());
    generateDemoWorld({ endDate: date, members: 50 });
    expect(date.getTime()).toBe(endDate.getTime());
  });

  it('says what it requires', () => {
    expect(() => generateDemoWorld({ endDate: new Date('nope') })).toThrow('generateDemoWorld requires endDate to be a valid Date');
    expect(() => generateDemoWorld({ endDate, members: 0 })).toThrow('members to be an integer from 1 to 1,000,000, got 0');
    expect(() => generateDemoWorld({ endDate, months: 2.5 })).toThrow('months to be an integer from 1 to 60, got 2.5');
    expect(() => generateDemoWorld({ endDate, seed: 0.5 })).toThrow('generateDemoWorld requires an integer seed, got 0.5');
  });
});

describe('demoWindowStart', () => {
  it('gives the doc comment example', () => {
    expect(demoWindowStart(endDate, 9).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('falls back to the last day of a shorter month and crosses years', () => {
    expect(demoWindowStart(new Date('2026-08-31T10:30:00Z'), 6).toISOString()).toBe('2026-02-28T10:30:00.000Z');
    expect(demoWindowStart(new Date('2026-03-15T00:00:00Z'), 9).toISOString()).toBe('2025-06-15T00:00:00.000Z');
  });
});
