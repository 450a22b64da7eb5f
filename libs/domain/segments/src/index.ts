export * from './rule-types';
export { validateRule, assertValidRule, RuleValidationError } from './validate-rule';
export { segmentReferences, segmentReferenceErrors } from './segment-references';
export {
  compileRule,
  countQuery,
  membersQuery,
  PropensityUnavailableError,
  SEGMENT_FROM,
  type CompileContext,
  type CompiledRule,
} from './compile-rule';
export { quintileScores, rfmScores, type RfmInput } from './rfm-scores';
export { standardise } from './standardise';
export { kMeans, nearestCentroid, squaredDistance, type KMeansResult } from './kmeans';
export { silhouetteScore, chooseK, type KChoice } from './silhouette';
export { describeCluster, type ClusterSummary } from './describe-cluster';
export { jointSegmentRule, type JointSegmentOptions } from './joint-segment';
export { jaccard } from './jaccard';
export {
  carVocabulary,
  changedCarVocabulary,
  topicsOfPartnerCategory,
  type CarVocabulary,
  type InterestTopicMapping,
} from './interest-taxonomy';
