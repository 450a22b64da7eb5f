import { describe, expect, it } from 'vitest';
import { DEMO_INTEREST_TOPICS } from './interest-topics';
import { CAR_KNOWLEDGE_CATEGORIES } from '@crosslane/domain-catalogue';
import { PARTNER_PROFILES } from './partner-vocabulary';

describe('DEMO_INTEREST_TOPICS', () => {
  it('puts every car knowledge category in exactly one topic, and nothing else', () => {
    const mapped = DEMO_INTEREST_TOPICS.flatMap((t) => t.knowledgeCategories);
    expect([...mapped].sort()).toEqual([...CAR_KNOWLEDGE_CATEGORIES].sort());
  });

  it("maps every partner category of the demo catalogues to a topic, so market signals find the platform's interest", () => {
    const mapped = new Set(DEMO_INTEREST_TOPICS.flatMap((t) => t.partnerCategories));
    const partnerCategories = PARTNER_PROFILES.flatMap((p) => p.categories.map((c) => c.slug));
    expect(partnerCategories.filter((c) => !mapped.has(c))).toEqual([]);
  });
});
