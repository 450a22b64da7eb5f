import { describe, expect, it } from 'vitest';
import { generateKnowledgeCatalogue } from './knowledge-catalogue';
import { CAR_KNOWLEDGE_CATEGORIES, KNOWLEDGE_CATEGORIES, isCarCategory } from '@crosslane/domain-catalogue';
import { PARTNER_PROFILES } from './partner-vocabulary';
import { SeededRandom } from '@crosslane/util-random';

const { items, leadsTo } = generateKnowledgeCatalogue(new SeededRandom(20261128, 'knowledge-catalogue'));

/** CNY bands per kind, from the product brief. */
const PRICE_BANDS: Record<string, [number, number]> = {
  course: [99, 699],
  book: [19, 89],
  audiobook: [29, 199],
  column: [199, 199],
};

describe('generateKnowledgeCatalogue', () => {
  it('gives the doc comment example: 336 items, 19 of them columns', () => {
    expect(items).toHaveLength(336);
    expect(items.filter((i) => i.kind === 'column')).toHaveLength(19);
  });

  it('covers every category, car topics included, with all four kinds', () => {
    expect(new Set(items.map((i) => i.category))).toEqual(new Set(KNOWLEDGE_CATEGORIES.map((c) => c.slug)));
    expect(CAR_KNOWLEDGE_CATEGORIES).toEqual([
      'automotive-engineering',
      'car-modification',
      'motorsport',
      'ev-technology',
      'car-photography',
      'detailing',
      'off-road',
    ]);
    const car = items.filter((i) => isCarCategory(i.category)).length;
    expect(car / items.length).toBeGreaterThan(0.3);
    expect(car / items.length).toBeLessThan(0.4);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['course', 'audiobook', 'book', 'column']));
  });

  it('gives unique keys and titles, with prices in the band of each kind and two decimals', () => {
    expect(new Set(items.map((i) => i.externalKey)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.title)).size).toBe(items.length);
    expect(items[0].externalKey).toBe('kn-0001');
    for (const item of items) {
      const [lo, hi] = PRICE_BANDS[item.kind];
      expect(item.price).toBeGreaterThanOrEqual(lo);
      expect(item.price).toBeLessThanOrEqual(hi);
      expect(Math.round(item.price * 100) / 100).toBe(item.price);
      expect(item).toMatchObject({ domain: 'KNOWLEDGE', partnerSlug: null });
    }
  });

  it('marks audiobooks and columns in their titles', () => {
    items.filter((i) => i.kind === 'audiobook').forEach((i) => expect(i.title).toMatch(/\(audiobook\)$/));
    items.filter((i) => i.kind === 'column').forEach((i) => expect(i.title).toMatch(/^(Weekly|Daily) Column: /));
  });

  it('tags car items with the partner category they lead to, a category some partner sells', () => {
    const partnerCategories = new Set(PARTNER_PROFILES.flatMap((p) => p.categories.map((c) => c.slug)));
    const linked = items.filter((_, i) => leadsTo[i] !== null);
    expect(linked.length).toBeGreaterThan(60);
    items.forEach((item, i) => {
      const lead = leadsTo[i];
      if (lead === null) return;
      expect(isCarCategory(item.category)).toBe(true);
      expect(item.tags).toContain(lead);
      expect(partnerCategories.has(lead)).toBe(true);
    });
    items.filter((i) => isCarCategory(i.category)).forEach((i) => expect(i.tags).toContain('car'));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateKnowledgeCatalogue(new SeededRandom(20261128, 'knowledge-catalogue')).items).toEqual(items);
    expect(generateKnowledgeCatalogue(new SeededRandom(1, 'knowledge-catalogue')).items).not.toEqual(items);
  });
});
