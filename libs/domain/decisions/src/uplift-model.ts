import { fitLogisticRegression, predictProbability, type LogisticRegressionModel } from './logistic-regression';

export type UpliftLearner = 'T_LEARNER' | 'TRANSFORMED_OUTCOME';
export const UPLIFT_LEARNERS: readonly UpliftLearner[] = ['T_LEARNER', 'TRANSFORMED_OUTCOME'];

/** One unit of a past campaign: its features, whether it was treated, and its binary outcome. */
export interface UpliftExample {
  readonly features: readonly number[];
  readonly treated: boolean;
  readonly outcome: 0 | 1;
}

export type UpliftModelState =
  | { readonly learner: 'T_LEARNER'; readonly treated: LogisticRegressionModel; readonly control: LogisticRegressionModel }
  | { readonly learner: 'TRANSFORMED_OUTCOME'; readonly transformed: LogisticRegressionModel; readonly treatedShare: number };

/**
 * Trains an uplift model with one of two meta-learners over L2 logistic regression.
 *
 * T-learner (two models): P(y | x, treated) and P(y | x, control) fitted
 * separately, uplift = difference (Künzel et al. 2019, "Metalearners for
 * estimating heterogeneous treatment effects", PNAS 116(10)).
 *
 * Transformed outcome (class variable transformation): Z = y·t + (1 - y)(1 - t)
 * fitted by one classifier, uplift = 2 P(Z = 1 | x) - 1 (Jaskowski &
 * Jaroszewicz 2012, "Uplift modeling for clinical trial data", ICML workshop;
 * sklift's ClassTransformation). The identity needs P(t = 1) = 1/2, so units
 * are weighted 0.5/e (treated) and 0.5/(1 - e) (control), e the treated
 * share, which makes it hold for any split (Athey & Imbens 2015, §3).
 */
export function trainUpliftModel(
  examples: readonly UpliftExample[],
  learner: UpliftLearner,
  options: { l2?: number } = {},
): UpliftModelState {
  const treated = examples.filter((e) => e.treated);
  const control = examples.filter((e) => !e.treated);
  if (treated.length < 2 || control.length < 2) {
    throw new Error(`trainUpliftModel requires at least 2 treated and 2 control units, got ${treated.length} and ${control.length}`);
  }
  const l2 = options.l2 ?? 1;
  if (learner === 'T_LEARNER') {
    return {
      learner,
      treated: fitLogisticRegression(
        treated.map((e) => e.features),
        treated.map((e) => e.outcome),
        { l2 },
      ),
      control: fitLogisticRegression(
        control.map((e) => e.features),
        control.map((e) => e.outcome),
        { l2 },
      ),
    };
  }
  const share = treated.length / examples.length;
  return {
    learner,
    treatedShare: share,
    transformed: fitLogisticRegression(
      examples.map((e) => e.features),
      examples.map((e) => (e.treated ? e.outcome : 1 - e.outcome)),
      { l2, weights: examples.map((e) => (e.treated ? 0.5 / share : 0.5 / (1 - share))) },
    ),
  };
}

/** Predicted uplift (treated minus control probability) for one feature row. */
export function predictUplift(model: UpliftModelState, features: readonly number[]): number {
  if (model.learner === 'T_LEARNER') return predictProbability(model.treated, features) - predictProbability(model.control, features);
  return 2 * predictProbability(model.transformed, features) - 1;
}

export interface FeatureSpec {
  readonly numeric: readonly string[];
  /** One-hot columns, one per level after the first (sorted) level, which is the baseline. */
  readonly categorical: readonly string[];
}

export interface FeatureEncoder {
  readonly names: readonly string[];
  encode(record: Readonly<Record<string, string | number | null | undefined>>): number[];
}

/**
 * Turns records into numeric rows: numbers as they are (missing -> 0), each
 * categorical column one-hot with its first sorted level dropped. Levels are
 * learned from the training records, so an unseen level encodes as the baseline.
 */
export function featureEncoder(
  spec: FeatureSpec,
  training: readonly Readonly<Record<string, string | number | null | undefined>>[],
): FeatureEncoder {
  const levels = spec.categorical.map((column) => ({
    column,
    levels: [...new Set(training.map((r) => String(r[column] ?? '')))].sort().slice(1),
  }));
  const names = [...spec.numeric, ...levels.flatMap((l) => l.levels.map((v) => `${l.column}=${v}`))];
  return {
    names,
    encode(record) {
      const row = spec.numeric.map((c) => {
        const v = Number(record[c] ?? 0);
        return Number.isFinite(v) ? v : 0;
      });
      for (const l of levels) {
        const v = String(record[l.column] ?? '');
        for (const level of l.levels) row.push(v === level ? 1 : 0);
      }
      return row;
    },
  };
}
