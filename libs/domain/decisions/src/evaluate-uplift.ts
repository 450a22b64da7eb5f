import { campaignRoiForTopFraction, type CampaignCosts, type RoiReport } from './campaign-roi';
import { qiniAucScore, qiniBootstrap, qiniCurve, upliftAtK, type BootstrapInterval } from './uplift-metrics';
import { predictUplift, trainUpliftModel, type UpliftExample, type UpliftLearner, type UpliftModelState } from './uplift-model';

export interface UpliftEvaluation {
  readonly learner: UpliftLearner;
  readonly trainUnits: number;
  readonly testUnits: number;
  readonly qiniCoefficient: BootstrapInterval;
  /** uplift_at_k(strategy='overall', k=0.3) on the held-out split. */
  readonly upliftAt30: number;
  /** At most ~100 points of the held-out Qini curve, for the chart. */
  readonly qiniCurve: { x: number[]; y: number[] };
  /** True when the bootstrap interval of the Qini coefficient lies above 0, i.e. the model beats random targeting. */
  readonly beatsRandom: boolean;
}

/** Splits by position: every third example (index % 3 === 2) is held out, so the numpy reference can use the same split. */
export function holdOutSplit<T>(examples: readonly T[]): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  examples.forEach((e, i) => (i % 3 === 2 ? test : train).push(e));
  return { train, test };
}

/**
 * Trains on `train`, scores `test`, and evaluates the held-out ranking with
 * the Qini curve, the Qini coefficient (with a seeded percentile bootstrap)
 * and uplift@30 %.
 */
export function evaluateUpliftModel(
  train: readonly UpliftExample[],
  test: readonly UpliftExample[],
  learner: UpliftLearner,
  options: { l2?: number; seed: number; bootstrapSamples?: number },
): { model: UpliftModelState; evaluation: UpliftEvaluation; testScores: number[] } {
  const model = trainUpliftModel(train, learner, { l2: options.l2 });
  const scores = test.map((e) => predictUplift(model, e.features));
  const y = test.map((e) => e.outcome);
  const t = test.map((e) => (e.treated ? 1 : 0));
  const qini = qiniBootstrap(y, scores, t, { seed: options.seed, samples: options.bootstrapSamples ?? 200 });
  const curve = qiniCurve(y, scores, t);
  const step = Math.max(1, Math.ceil(curve.x.length / 100));
  const keep = curve.x.map((_, i) => i).filter((i) => i % step === 0 || i === curve.x.length - 1);
  return {
    model,
    testScores: scores,
    evaluation: {
      learner,
      trainUnits: train.length,
      testUnits: test.length,
      qiniCoefficient: { ...qini, estimate: qiniAucScore(y, scores, t) },
      upliftAt30: upliftAtK(y, scores, t, 0.3, 'overall'),
      qiniCurve: { x: keep.map((i) => curve.x[i]!), y: keep.map((i) => curve.y[i]!) },
      beatsRandom: qini.lower > 0,
    },
  };
}

/** ROI of the held-out campaign as run, beside ROI had only the top 30 % by predicted uplift been treated. */
export function roiWithTargeting(
  test: readonly UpliftExample[],
  scores: readonly number[],
  costs: CampaignCosts,
  valuePerConversion: number,
): { all: RoiReport; top30: RoiReport } {
  const units = test.map((e, i) => ({ score: scores[i]!, treated: e.treated, converted: e.outcome === 1 }));
  return {
    all: campaignRoiForTopFraction(units, 1, { costs, valuePerConversion }),
    top30: campaignRoiForTopFraction(units, 0.3, { costs, valuePerConversion }),
  };
}
