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
export { CAR_KNOWLEDGE_CATEGORIES, KNOWLEDGE_CATEGORIES, isCarCategory } from '@crosslane/domain-catalogue';
export { CAR_INTEREST_THRESHOLD, isCarInterested } from './members';
export { SeededRandom } from '@crosslane/util-random';
export { DEMO_INTEREST_TOPICS, type DemoInterestTopic } from './interest-topics';
