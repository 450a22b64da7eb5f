import { describe, expect, it } from 'vitest';
import { DAY_MS } from './activity-calendar';
import { CAR_INTEREST_THRESHOLD, generateMembers, isCarInterested } from './members';
import { SeededRandom } from '@crosslane/util-random';

const endMs = Date.parse('2026-11-28T00:00:00Z');
const windowStartMs = Date.parse('2026-02-28T00:00:00Z');
const { members, traits } = generateMembers(new SeededRandom(20261128, 'members'), { count: 4000, windowStartMs, endMs });

const rate = (keep: (i: number) => boolean) => members.filter((_, i) => keep(i)).length / members.length;

describe('generateMembers', () => {
  it('gives the doc comment example: as many members as asked, each with traits', () => {
    expect(members).toHaveLength(4000);
    expect(traits).toHaveLength(4000);
  });

  it('keys members pseudonymously: unique m_ + 12 hex, nothing else about them in the key', () => {
    expect(new Set(members.map((m) => m.memberKey)).size).toBe(members.length);
    members.forEach((m) => expect(m.memberKey).toMatch(/^m_[0-9a-f]{12}$/));
  });

  it('makes about 22% car-interested, clearly separated from the rest', () => {
    expect(rate((i) => isCarInterested(members[i]))).toBeGreaterThan(0.19);
    expect(rate((i) => isCarInterested(members[i]))).toBeLessThan(0.25);
    for (const m of members) {
      expect(m.carInterest).toBeGreaterThanOrEqual(0);
      expect(m.carInterest).toBeLessThanOrEqual(1);
      expect(m.carInterest < 0.31 || m.carInterest >= 0.6).toBe(true);
    }
    expect(CAR_INTEREST_THRESHOLD).toBe(0.5);
  });

  it('gives consent at realistic rates: personalisation about 90%, partner sharing about 55%', () => {
    expect(rate((i) => members[i].consentPersonalisation)).toBeCloseTo(0.9, 1);
    expect(Math.abs(rate((i) => members[i].consentPartnerSharing) - 0.55)).toBeLessThan(0.04);
    // Sharing with partners is rare among those who refused personalisation.
    const refused = members.filter((m) => !m.consentPersonalisation);
    expect(refused.filter((m) => m.consentPartnerSharing).length / refused.length).toBeLessThan(0.25);
  });

  it('gives non-enthusiasts 1-3 favourite categories and enthusiasts 2-4 car favourites', () => {
    members.forEach((m, i) => {
      const { favourites, carFavourites } = traits[i];
      if (isCarInterested(m)) {
        expect(carFavourites.length).toBeGreaterThanOrEqual(2);
        expect(carFavourites.length).toBeLessThanOrEqual(4);
      } else {
        expect(favourites.length).toBeGreaterThanOrEqual(1);
        expect(favourites.length).toBeLessThanOrEqual(3);
      }
    });
  });

  it('spreads joining over six years, denser recently, in join order, none after the end', () => {
    const joined = members.map((m) => m.joinedAt.getTime());
    expect(joined).toEqual([...joined].sort((a, b) => a - b));
    expect(joined[0]).toBeGreaterThan(endMs - 6 * 365 * DAY_MS - DAY_MS);
    expect(joined[joined.length - 1]).toBeLessThanOrEqual(endMs);
    const lastYear = rate((i) => joined[i] > endMs - 365 * DAY_MS);
    const firstYear = rate((i) => joined[i] < endMs - 5 * 365 * DAY_MS);
    expect(lastYear).toBeGreaterThan(firstYear * 2);
    const inWindow = rate((i) => joined[i] >= windowStartMs);
    expect(inWindow).toBeGreaterThan(0.15);
    expect(inWindow).toBeLessThan(0.35);
  });

  it('places members in Chinese cities, Shanghai and Beijing the largest', () => {
    const byCity = new Map<string, number>();
    members.forEach((m) => byCity.set(m.city, (byCity.get(m.city) ?? 0) + 1));
    expect(byCity.size).toBeGreaterThanOrEqual(20);
    const top = [...byCity.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([city]) => city);
    expect(new Set(top)).toEqual(new Set(['Shanghai', 'Beijing']));
  });

  it('has a heavy-tailed activity: the top 10% are far above the median', () => {
    const activity = traits.map((t) => t.activity).sort((a, b) => a - b);
    const median = activity[Math.floor(activity.length / 2)];
    const p90 = activity[Math.floor(activity.length * 0.9)];
    expect(p90 / median).toBeGreaterThan(3.5);
  });
});
