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

/** Which models a version trains: ALS only, EASE only, or both with the winner chosen per direction on validation. */
export const RECOMMENDER_ALGORITHMS = ['als', 'ease', 'auto'] as const;
export type RecommenderAlgorithm = (typeof RECOMMENDER_ALGORITHMS)[number];

/** What serves a direction: one of the personal models, or the direction's most popular items. */
export type CandidateName = 'als' | 'ease' | 'popularity';

export interface TrainingParams {
  /** Default 'als' for training, 'auto' for tuning. */
  algorithm?: RecommenderAlgorithm;
  /** EASE's λ (Steck 2019); default 100. */
  easeLambda?: number;
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

/** Which candidate serves one direction, decided on the validation split; test figures beside it. */
export interface DirectionChoiceDto {
  winner: CandidateName;
  reason: string;
  /** Members with held-out items in this direction on the validation split. */
  usersEvaluated: number;
  validationNdcg: Partial<Record<CandidateName, number>>;
  /** NDCG@10 on the test split of the winner and of popularity, and the difference. */
  testNdcg: number | null;
  popularityTestNdcg: number | null;
  margin: number | null;
}

export interface ModelEvaluationDto {
  overall: RankingMetricsDto;
  byDirection: Record<RecommendationDirectionKey, RankingMetricsDto> | null;
  /** The personal model that serves the whole catalogue (these metrics are its own); absent on versions before EASE. */
  algorithm?: 'als' | 'ease';
  /** Test metrics of every personal model trained. */
  candidates?: Partial<
    Record<'als' | 'ease', { overall: RankingMetricsDto; byDirection: Record<RecommendationDirectionKey, RankingMetricsDto> | null }>
  >;
  /** The candidate serving each direction. */
  directions?: Record<RecommendationDirectionKey, DirectionChoiceDto>;
  /** Why a candidate was not trained (EASE on a catalogue too large). */
  skipped?: string[];
}

/** One row of a tuning search, scored on the validation split carved from the training data. */
export interface TuningTrialDto {
  algorithm?: 'als' | 'ease';
  factors?: number;
  alpha?: number;
  regularization?: number;
  lambda?: number;
  validationNdcg: number;
  /** Wall-clock seconds of the trial (training and validation). */
  seconds?: number;
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
  params: TrainingParams & {
    tuning?: {
      trials: TuningTrialDto[];
      best: TuningTrialDto;
      bestByAlgorithm?: Partial<Record<'als' | 'ease', TuningTrialDto>>;
      /** What ended the search: 'seconds' when any algorithm ran out of time, else 'no-improvement' when validation NDCG stopped improving (early stopping), else 'trials'. */
      stoppedBy?: 'trials' | 'seconds' | 'no-improvement';
      stoppedByAlgorithm?: Partial<Record<'als' | 'ease', 'trials' | 'seconds' | 'no-improvement'>>;
    };
  };
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
  /** Search budget in trials (ALS and EASE together); default 36. */
  trials?: number;
  /** Search budget in seconds; the search stops at whichever budget runs out first. */
  budgetSeconds?: number;
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

/** direction-popularity: the active version found that no personal model beats popularity in this direction (or had too little data to tell). */
export type FallbackReason = 'no-consent' | 'cold-start' | 'no-active-model' | 'direction-popularity';

export interface RecommendationsDto {
  memberKey: string;
  domain: RecommendationDomain;
  personalised: boolean;
  reason?: FallbackReason;
  modelVersion: number | null;
  /** What ranked the list, and for a KNOWLEDGE or PARTNER list the member's direction (home domain -> domain). */
  algorithm?: CandidateName;
  direction?: RecommendationDirectionKey;
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
