/**
 * The interest taxonomy the business owns (docs/taxonomy.md): topics such as
 * "car modification", "EV" or "motorsport", each naming the knowledge
 * categories and tags and the partner (market) categories that belong to it.
 * Car interest in profiles, segments, partner audiences and exports counts
 * the knowledge items of the topics marked countsAsCar; this file is the one
 * home of "which items are car items", so a catalogue named its own way is
 * mapped in data, never in code.
 */

export interface InterestTopicMapping {
  slug: string;
  countsAsCar: boolean;
  knowledgeCategories: readonly string[];
  knowledgeTags: readonly string[];
  partnerCategories: readonly string[];
}

/** What makes a knowledge item a car item: its category is in `categories`, or one of its tags is in `tags`. */
export interface CarVocabulary {
  categories: string[];
  tags: string[];
}

/**
 * carVocabulary: the knowledge categories and tags of the car topics, sorted
 * and without repeats (so the SQL parameters, and the job payloads built from
 * them, are stable).
 * Example: carVocabulary([{ slug: 'ev', countsAsCar: true, knowledgeCategories: ['ev-technology'], knowledgeTags: [], partnerCategories: [] }]).categories → ['ev-technology']
 */
export function carVocabulary(topics: readonly InterestTopicMapping[]): CarVocabulary {
  const car = topics.filter((t) => t.countsAsCar);
  return {
    categories: uniqueSorted(car.flatMap((t) => t.knowledgeCategories)),
    tags: uniqueSorted(car.flatMap((t) => t.knowledgeTags)),
  };
}

/**
 * changedCarVocabulary: the categories and tags whose car status differs
 * between two versions of the taxonomy. Only members with interactions on
 * items in these can have a different car interest, so the recompute job
 * touches only them.
 * Example: changedCarVocabulary({ categories: ['a'], tags: [] }, { categories: ['b'], tags: [] }).categories → ['a', 'b']
 */
export function changedCarVocabulary(before: CarVocabulary, after: CarVocabulary): CarVocabulary {
  return {
    categories: symmetricDifference(before.categories, after.categories),
    tags: symmetricDifference(before.tags, after.tags),
  };
}

/**
 * topicsOfPartnerCategory: the slugs of the topics a partner or market-signal
 * category belongs to, so a market index can be read beside the platform's
 * own interest in the same topics.
 * Example: topicsOfPartnerCategory(topics, 'suspension') → ['car-modification']
 */
export function topicsOfPartnerCategory(topics: readonly InterestTopicMapping[], category: string): string[] {
  return topics.filter((t) => t.partnerCategories.includes(category)).map((t) => t.slug);
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  const sa = new Set(a);
  const sb = new Set(b);
  return uniqueSorted([...a.filter((x) => !sb.has(x)), ...b.filter((x) => !sa.has(x))]);
}
