// Public API of @crosslane/domain-decisions: what to do after a test:
// effects by segment, ROI with intervals, uplift models, next-campaign ranking.
// Pure: randomness comes in as a seed, no I/O.
export {
  cochranQ,
  segmentEffects,
  type HeterogeneityTest,
  type SegmentCellCounts,
  type SegmentEffectCell,
  type SegmentEffectsInput,
  type SegmentEffectsReport,
} from './segment-effects';
export {
  campaignRoi,
  campaignRoiForTopFraction,
  COST_FIELDS,
  costProblems,
  type ArmOutcome,
  type CampaignCosts,
  type Interval,
  type RoiInput,
  type RoiReport,
  type ScoredUnit,
} from './campaign-roi';
export {
  fitLogisticRegression,
  predictProbability,
  type LogisticRegressionModel,
  type LogisticRegressionOptions,
} from './logistic-regression';
export { qiniAucScore, qiniBootstrap, qiniCurve, upliftAtK, type BootstrapInterval, type QiniCurve } from './uplift-metrics';
export {
  featureEncoder,
  predictUplift,
  trainUpliftModel,
  UPLIFT_LEARNERS,
  type FeatureEncoder,
  type FeatureSpec,
  type UpliftExample,
  type UpliftLearner,
  type UpliftModelState,
} from './uplift-model';
export { evaluateUpliftModel, holdOutSplit, roiWithTargeting, type UpliftEvaluation } from './evaluate-uplift';
export { L2_GRID, selectL2OnValidation, type L2Selection } from './select-l2';
