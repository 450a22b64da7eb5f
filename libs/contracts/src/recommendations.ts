// Recommender: model versions, training requests, settings and served recommendations.

export const RECOMMENDER_SCOPES = ['ALL', 'KNOWLEDGE', 'PARTNER'] as const;
export type RecommenderScope = (typeof RECOMMENDER_SCOPES)[number];

export const RECOMMENDATION_DOMAINS = ['ALL', 'KNOWLEDGE', 'PARTNER'] as const;
export type RecommendationDomain = (typeof RECOMMENDATION_DOMAINS)[number];

export type ModelStatus = 'TRAINING' | 'READY' | 'ACTIVE' | 'RETIRED' | 'FAILED';

/** How a member's interactions with one item become the matrix value r_ui. */
export const INTERACTION_WEIGHTINGS = ['binary', 'sum'] as const;
export type InteractionWeighting = (typeof INTERACTION_WEIGHTINGS)[number];

export const RETRAIN_CADENCES = ['off', 'daily', 'weekly'] as const;
export type RetrainCadence = (typeof RETRAIN_CADENCES)[number];

export type RecommendationDirectionKey = 'knowledge->knowledge' | 'knowledge->partner' | 'partner->knowledge' | 'partner->partner';

export interface TrainingParams {
  factors: number;
  iterations: number;
  alpha: number;
  regularization: number;
  cgSteps: number;
  seed: number;
  weighting: InteractionWeighting;
  /** Share of each member's items held out for evaluation. */
  holdoutFraction: number;
}

export interface RankingMetricsDto {
  k: number;
  usersEvaluated: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  coverage: number;
}

export interface ModelEvaluationDto {
  overall: RankingMetricsDto;
  byDirection: Record<RecommendationDirectionKey, RankingMetricsDto> | null;
}

/** One row of a tuning search, scored on the validation split carved from the training data. */
export interface TuningTrialDto {
  factors: number;
  alpha: number;
  regularization: number;
  validationNdcg: number;
}

export interface ModelSnapshotDto {
  members: number;
  items: number;
  interactions: number;
  /** Distinct member x item pairs in the matrix. */
  pairs: number;
  trainPairs: number;
  testPairs: number;
  from: string | null;
  to: string | null;
  maxInteractionId: string;
}

export interface ModelTimingsDto {
  loadMs: number;
  tuneMs?: number;
  trainMs: number;
  evaluateMs: number;
  refitMs: number;
  totalMs: number;
}

export interface RecommenderModelDto {
  id: string;
  version: number;
  name: string;
  algorithm: string;
  scope: RecommenderScope;
  status: ModelStatus;
  params: TrainingParams & { tuning?: { trials: TuningTrialDto[]; best: TuningTrialDto } };
  snapshot: ModelSnapshotDto | null;
  metrics: ModelEvaluationDto | null;
  baselineMetrics: ModelEvaluationDto | null;
  /** metrics.overall.ndcg > baselineMetrics.overall.ndcg: may be activated without an override. */
  beatsBaseline: boolean | null;
  timings: ModelTimingsDto | null;
  lossHistory: number[];
  jobId: string | null;
  createdBy: string | null;
  createdAt: string;
  activatedAt: string | null;
  activatedBy: string | null;
  overrideReason: string | null;
  error: string | null;
}

export interface TrainModelRequest {
  name?: string;
  scope: RecommenderScope;
  params?: Partial<TrainingParams>;
}

export interface TuneModelRequest extends TrainModelRequest {
  /** Candidates tried from the grid (seeded); default 6. */
  trials?: number;
}

export interface ActivateModelRequest {
  override?: boolean;
  reason?: string;
}

export interface RecommenderSettingsDto {
  retrainEvery: RetrainCadence;
  scope: RecommenderScope;
  /** Activate a scheduled model at once when it beats popularity on NDCG@10. */
  autoActivate: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface RecommendedItemDto {
  itemId: string;
  externalKey: string;
  title: string;
  domain: 'KNOWLEDGE' | 'PARTNER';
  category: string;
  partnerId: string | null;
  score: number;
  /** The member's own items that contributed most to the score (only with explain=true and a personal list). */
  because?: { itemId: string; title: string; contribution: number }[];
}

export type FallbackReason = 'no-consent' | 'cold-start' | 'no-active-model';

export interface RecommendationsDto {
  memberKey: string;
  domain: RecommendationDomain;
  personalised: boolean;
  reason?: FallbackReason;
  modelVersion: number | null;
  items: RecommendedItemDto[];
}

export interface BatchRecommendationsRequest {
  memberKeys: string[];
  n?: number;
  domain?: RecommendationDomain;
}

export interface BatchRecommendationsDto {
  results: RecommendationsDto[];
  /** Keys that name no member. */
  unknown: string[];
}

export interface SimilarItemsDto {
  itemId: string;
  modelVersion: number | null;
  items: RecommendedItemDto[];
}

export interface MemberHistoryEntryDto {
  itemId: string;
  title: string;
  domain: 'KNOWLEDGE' | 'PARTNER';
  category: string;
  interactions: number;
  weight: number;
  lastAt: string;
}

export interface MemberHistoryDto {
  memberKey: string;
  consentPersonalisation: boolean;
  items: MemberHistoryEntryDto[];
}
