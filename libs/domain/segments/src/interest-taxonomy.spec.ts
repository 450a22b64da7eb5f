import { describe, expect, it } from 'vitest';
import { carVocabulary, changedCarVocabulary, topicsOfPartnerCategory, type InterestTopicMapping } from './interest-taxonomy';

const topic = (slug: string, over: Partial<InterestTopicMapping> = {}): InterestTopicMapping => ({
  slug,
  countsAsCar: true,
  knowledgeCategories: [],
  knowledgeTags: [],
  partnerCategories: [],
  ...over,
});

describe('carVocabulary', () => {
  it('joins the car topics only, sorted and without repeats', () => {
    const topics = [
      topic('mod', { knowledgeCategories: ['car-modification', 'motorsport'], knowledgeTags: ['coilovers'] }),
      topic('race', { knowledgeCategories: ['motorsport'] }),
      topic('money', { countsAsCar: false, knowledgeCategories: ['finance'], knowledgeTags: ['stocks'] }),
    ];
    expect(carVocabulary(topics)).toEqual({ categories: ['car-modification', 'motorsport'], tags: ['coilovers'] });
  });

  it('is empty for an empty taxonomy: no category is a car category by default', () => {
    expect(carVocabulary([])).toEqual({ categories: [], tags: [] });
  });

  it('does not change its input', () => {
    const topics = [topic('mod', { knowledgeCategories: ['b', 'a'] })];
    carVocabulary(topics);
    expect(topics[0].knowledgeCategories).toEqual(['b', 'a']);
  });
});

describe('changedCarVocabulary', () => {
  it('names what entered or left the car vocabulary, not what stayed', () => {
    expect(changedCarVocabulary({ categories: ['a', 'b'], tags: ['t'] }, { categories: ['b', 'c'], tags: ['t'] })).toEqual({
      categories: ['a', 'c'],
      tags: [],
    });
  });
});

describe('topicsOfPartnerCategory', () => {
  it('finds every topic that lists the category', () => {
    const topics = [
      topic('mod', { partnerCategories: ['suspension'] }),
      topic('ev', { partnerCategories: ['ev-conversion', 'suspension'] }),
    ];
    expect(topicsOfPartnerCategory(topics, 'suspension')).toEqual(['mod', 'ev']);
    expect(topicsOfPartnerCategory(topics, 'wraps')).toEqual([]);
  });
});
