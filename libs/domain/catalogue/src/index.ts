export { INTERACTION_WEIGHTS, type InteractionType } from './interaction-weights';
export {
  CAR_KNOWLEDGE_CATEGORIES,
  KNOWLEDGE_CATEGORIES,
  isCarCategory,
  type KnowledgeCategory,
  type KnowledgeKind,
  type KnowledgeTopic,
} from './knowledge-vocabulary';
