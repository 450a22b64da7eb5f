import { describe, expect, it } from 'vitest';
import { generatePartnerCatalogues } from './partner-catalogues';
import { SeededRandom } from '@crosslane/util-random';

const { partners, items } = generatePartnerCatalogues(new SeededRandom(20261128, 'partner-catalogues'));

/** CNY bands per kind, from the product brief. */
const PRICE_BANDS: Record<string, [number, number]> = {
  part: [300, 8000],
  kit: [300, 30000],
  service: [200, 5000],
};

describe('generatePartnerCatalogues', () => {
  it('gives the doc comment example: 3 active partners, 1 prospect, 216 items', () => {
    expect(partners.filter((p) => p.status === 'ACTIVE')).toHaveLength(3);
    expect(partners.filter((p) => p.status === 'PROSPECT')).toHaveLength(1);
    expect(items).toHaveLength(216);
  });

  it('gives each partner 40-80 items of kits, parts and services', () => {
    for (const partner of partners) {
      const own = items.filter((i) => i.partnerSlug === partner.slug);
      expect(own.length).toBeGreaterThanOrEqual(40);
      expect(own.length).toBeLessThanOrEqual(80);
      expect(new Set(own.map((i) => i.title)).size).toBe(own.length);
    }
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['kit', 'part', 'service']));
    expect(new Set(items.map((i) => i.category))).toEqual(
      new Set(['suspension', 'exhaust', 'intake', 'ecu-tuning', 'wheels', 'lighting', 'body-kits', 'wraps', 'detailing']),
    );
  });

  it('prices kits up to 30,000, parts 300-8,000 and services 200-5,000 CNY', () => {
    for (const item of items) {
      const [lo, hi] = PRICE_BANDS[item.kind];
      expect(item.price).toBeGreaterThanOrEqual(lo);
      expect(item.price).toBeLessThanOrEqual(hi);
      expect(Number.isInteger(item.price)).toBe(true);
    }
    expect(Math.max(...items.filter((i) => i.kind === 'kit').map((i) => i.price))).toBeGreaterThan(15000);
  });

  it('keys items by partner and SKU, uniquely', () => {
    expect(new Set(items.map((i) => i.externalKey)).size).toBe(items.length);
    for (const item of items) {
      expect(item.domain).toBe('PARTNER');
      expect(item.externalKey).toMatch(new RegExp(`^${item.partnerSlug}:[A-Z]{3}-[A-Z]{3}-\\d{4}$`));
      expect(item.tags).toContain(item.category);
    }
  });

  it('gives contacts on the reserved .example domain only', () => {
    for (const partner of partners) {
      expect(partner.contactEmail).toMatch(/@[a-z-]+\.example$/);
      expect(partner.website).toMatch(/^https:\/\/[a-z-]+\.example$/);
      expect(Object.keys(partner).sort()).toEqual(['contactEmail', 'contactName', 'industry', 'name', 'slug', 'status', 'website']);
    }
  });
});
