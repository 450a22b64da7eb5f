import type { InterestTopicInput } from '@crosslane/contracts';
/** A topic as the product's taxonomy takes it: the contracts' InterestTopicInput, every field given. */
export type DemoInterestTopic = Required<InterestTopicInput>;

/**
 * The demo world's interest taxonomy: its car knowledge categories grouped
 * into the topics a marketing team would name, with the partner and
 * market-signal categories that belong to each. The demo loader writes these
 * rows through the product's taxonomy service; the product itself never reads
 * the demo world's vocabulary, so a real platform maps its own names instead.
 * Every car knowledge category is in exactly one topic (the spec checks it).
 */
export const DEMO_INTEREST_TOPICS: readonly DemoInterestTopic[] = [
  {
    slug: 'car-modification',
    name: 'Car modification',
    countsAsCar: true,
    knowledgeCategories: ['car-modification', 'automotive-engineering'],
    knowledgeTags: [],
    partnerCategories: ['suspension', 'exhaust', 'intake', 'ecu-tuning', 'wheels', 'lighting', 'body-kits'],
  },
  {
    slug: 'ev',
    name: 'EV',
    countsAsCar: true,
    knowledgeCategories: ['ev-technology'],
    knowledgeTags: [],
    partnerCategories: ['ev-conversion'],
  },
  {
    slug: 'motorsport',
    name: 'Motorsport',
    countsAsCar: true,
    knowledgeCategories: ['motorsport'],
    knowledgeTags: [],
    partnerCategories: [],
  },
  {
    slug: 'car-care',
    name: 'Car care and looks',
    countsAsCar: true,
    knowledgeCategories: ['detailing', 'car-photography'],
    knowledgeTags: [],
    partnerCategories: ['detailing', 'wraps'],
  },
  { slug: 'off-road', name: 'Off-road', countsAsCar: true, knowledgeCategories: ['off-road'], knowledgeTags: [], partnerCategories: [] },
];
