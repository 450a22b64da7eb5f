import { describe, expect, it } from 'vitest';
import { generateDemoWorld } from './generate-demo-world';
import { generateDemoPartnerData } from './partner-data';

describe('generateDemoPartnerData', () => {
  const endDate = new Date('2026-11-28T00:00:00Z');
  const world = generateDemoWorld({ seed: 7, endDate, members: 600 });
  const data = generateDemoPartnerData(world, { seed: 7, endDate });

  it('gives each active partner a customer list of which 30-60% are members (doc example)', () => {
    const active = world.partners.filter((p) => p.status === 'ACTIVE');
    expect(data.customerLists.map((l) => l.partnerSlug)).toEqual(active.map((p) => p.slug));
    for (const list of data.customerLists) {
      const share = list.members / list.customers.length;
      expect(share).toBeGreaterThanOrEqual(0.29);
      expect(share).toBeLessThanOrEqual(0.61);
      expect(list.customers.every((c) => c.email || c.phone)).toBe(true);
    }
  });

  it('reviews name the partner own items, with whole-star ratings, inside the window', () => {
    expect(data.reviews.length).toBeGreaterThan(100);
    for (const review of data.reviews) {
      expect(review.itemIndex === null || world.items[review.itemIndex].partnerSlug === review.partnerSlug).toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(review.rating);
      expect(review.reviewedAt.getTime()).toBeLessThanOrEqual(endDate.getTime());
    }
    expect(new Set(data.reviews.map((r) => r.externalId)).size).toBe(data.reviews.length);
  });

  it('has one signal per category and month, and is the same for the same seed', () => {
    const keys = data.marketSignals.map((s) => `${s.category}|${s.period.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.marketSignals.every((s) => s.period.getUTCDate() === 1)).toBe(true);
    expect(generateDemoPartnerData(world, { seed: 7, endDate })).toEqual(data);
    expect(data.memberContacts).toHaveLength(600);
  });
});
