export type {
  DemoInteraction,
  DemoItem,
  DemoMember,
  DemoPartner,
  DemoWorld,
  DemoWorldOptions,
  InteractionSource,
  InteractionType,
  ItemDomain,
  KnowledgeKind,
  PartnerItemKind,
  PartnerStatus,
} from './demo-world.types';
export { DEFAULT_DEMO_MEMBERS, DEFAULT_DEMO_MONTHS, DEFAULT_DEMO_SEED, demoWindowStart, generateDemoWorld } from './generate-demo-world';
export { summariseDemoWorld, type DemoWorldSummary } from './demo-world-summary';
export {
  generateDemoPartnerData,
  type DemoContact,
  type DemoCustomerList,
  type DemoMarketSignal,
  type DemoPartnerData,
  type DemoReview,
} from './partner-data';
export { INTERACTION_WEIGHTS } from './interactions';
export { CAR_KNOWLEDGE_CATEGORIES, KNOWLEDGE_CATEGORIES, isCarCategory } from './knowledge-vocabulary';
export { CAR_INTEREST_THRESHOLD, isCarInterested } from './members';
export { SeededRandom } from './seeded-random';
export { DEMO_INTEREST_TOPICS, type DemoInterestTopic } from './interest-topics';
