// Public API of @crosslane/domain-experiments: pure A/B-test statistics for
// joint campaigns. No I/O; randomness (none needed so far) would come in as a seed.
export type { IntervalEstimate, ProportionCounts } from './types';
export { wilsonInterval } from './wilson-interval';
export { normalQuantile, studentTQuantile } from './distributions';
export { relativeLift } from './relative-lift';
export { twoProportionZTest, type TwoProportionZTestOptions, type TwoProportionZTestResult } from './two-proportion-z-test';
export { summariseSample, summaryFromSums, type SampleSummary } from './sample-summary';
export { welchTTest, type WelchTTestOptions, type WelchTTestResult } from './welch-t-test';
export {
  sampleRatioMismatch,
  SRM_P_VALUE_THRESHOLD,
  type SampleRatioMismatchOptions,
  type SampleRatioMismatchResult,
} from './sample-ratio-mismatch';
export { benjaminiHochberg, holmAdjust } from './p-value-adjustment';
export {
  betaBinomialArms,
  chanceToBeatControl,
  expectedLoss,
  UNIFORM_BETA_PRIOR,
  type BetaBinomialArm,
  type BetaBinomialArmsOptions,
  type BetaBinomialOptions,
  type BetaPrior,
  type ExpectedLossResult,
} from './beta-binomial';
export { cupedAdjust, cupedStatisticsFromArrays, type CupedArmResult, type CupedArmStatistics, type CupedResult } from './cuped';
export { mixtureSprt, msprtTwoMeans, msprtTwoProportions, type MsprtOptions, type MsprtResult, type MsprtState } from './msprt';
export {
  expectedDuration,
  minimumDetectableEffect,
  requiredSampleSize,
  type DetectableEffectInput,
  type ExpectedDuration,
  type MinimumDetectableEffect,
  type PowerOptions,
  type SampleSizeInput,
  type SampleSizeResult,
} from './power-analysis';
export { murmurHash3, utf8Bytes } from './murmur-hash3';
export { assignVariant, hashToUnitInterval, type AssignVariantOptions, type UnitHash, type VariantWeight } from './assign-variant';
export {
  decideComparison,
  formatPValue,
  type Decision,
  type DecisionInput,
  type ExperimentMetric,
  type MetricEvidence,
  type Verdict,
} from './experiment-decision';
export {
  analyseExperiment,
  type AnalyseExperimentInput,
  type AnalyseExperimentOptions,
  type ComparisonResult,
  type ExperimentAnalysis,
  type MetricTest,
  type VariantAggregate,
  type VariantResult,
} from './analyse-experiment';
export {
  launchBlockers,
  validateVariantWeights,
  type FieldProblem,
  type LaunchArm,
  type LaunchBlocker,
  type LaunchGateInput,
  type LaunchPartner,
  type WeightedVariantInput,
} from './campaign-rules';
export {
  buildCampaignReport,
  type BreakdownAggregate,
  type BreakdownRow,
  type CampaignAnalysisMethod,
  type CampaignArmAggregate,
  type CampaignMetric,
  type CampaignReport,
  type CampaignReportInput,
  type GuardrailCheck,
  type SequentialCheck,
} from './campaign-report';
export {
  METRIC_DIRECTIONS,
  METRIC_HYPOTHESES,
  METRIC_KINDS,
  METRIC_ROLES,
  metricSlots,
  validateMetricDefinitions,
  type MetricDefinition,
  type MetricDefinitionProblem,
  type MetricDirection,
  type MetricHypothesis,
  type MetricKind,
  type MetricRole,
  type MetricSlots,
} from './metric-definition';
export {
  analyseMetrics,
  type AnalyseMetricsInput,
  type AnalyseMetricsOptions,
  type ArmDecision,
  type FamilyDescription,
  type MetricArmInput,
  type MetricArmResult,
  type MetricComparison,
  type MetricResult,
  type MetricsReport,
  type MetricSums,
  type MetricVerdict,
  type PairedSums,
  type TestStatistic,
} from './analyse-metrics';
export {
  ATTRIBUTE_COLUMNS_MAX,
  ATTRIBUTE_VALUE_MAX,
  countByReason,
  FinishedTestCollector,
  FinishedTestRowParser,
  HILLSTROM_MAPPING,
  mappingMetricDefinitions,
  UNIT_REFUSALS,
  validateFinishedTestMapping,
  type FinishedTestArm,
  type FinishedTestMapping,
  type FinishedTestMetric,
  type MappingProblem,
  type ParsedUnit,
  type UnitRefusal,
  type UnitRejection,
  type UnitRowProblem,
} from './finished-test-mapping';
export { regularizedIncompleteBeta, studentTUpperTail, normalUpperTail } from './distributions';
// The decisions library builds segment tests and ROI intervals on the same distributions.
export { chiSquareUpperTail, normalCdf, normalTwoSidedP } from './distributions';
export {
  CAMPAIGN_EVENT_TYPES,
  EVENT_MEASURES,
  LiveMetricSumsAccumulator,
  liveMetricUnitValues,
  metricPlanKey,
  validateLiveMetricDefinitions,
  type CampaignEventType,
  type EventMeasure,
  type LiveMetricDefinition,
  type UnitEventTotals,
} from './live-metric-mapping';
