import type { RecommenderAlgorithm, RecommenderScope, TrainingParams } from '@crosslane/contracts';

/**
 * Defaults chosen on the demo world (seed 1): 16 factors, alpha 5,
 * regularisation 1 on binary data give NDCG@10 0.43 against popularity's
 * 0.090 with the 4,000 members `npm start` loads (4.8x), 0.42 against 0.092
 * with 1,500 and 0.35 against 0.091 with 300. Other data needs the tuning job.
 */
export const DEFAULT_TRAINING_PARAMS: TrainingParams = {
  factors: 16,
  iterations: 15,
  alpha: 5,
  regularization: 1,
  cgSteps: 3,
  seed: 1,
  weighting: 'binary',
  holdoutFraction: 0.2,
  easeLambda: 100,
};

/** Search budget of the tune job when the request names none: 36 trials, at most 6 of them EASE's λ (a one-dimensional search). */
export const DEFAULT_TUNING_TRIALS = 36;
export const MAX_EASE_TRIALS = 6;
/**
 * The demo world's first model is tuned with a smaller budget (4 EASE and 12
 * ALS trials), so a first start shows a model within a minute or two: on the
 * 4,000-member world the search took 86 s on a 2-core machine under load
 * average 20 and raised validation NDCG@10 from 0.327 (defaults) to 0.334
 * (ALS) while EASE took three of the four directions (bench:tuning demo-world).
 */
export const DEMO_TUNING_TRIALS = 16;

/** Training keeps to ALS unless asked; tuning searches both and chooses per direction. */
export function defaultAlgorithm(tune: boolean): RecommenderAlgorithm {
  return tune ? 'auto' : 'als';
}

/** How a trial budget is shared: EASE's one parameter needs few trials, ALS's three the rest. */
export function splitTrialBudget(trials: number, als: boolean, ease: boolean): { als: number; ease: number } {
  if (!ease) return { als: trials, ease: 0 };
  if (!als) return { als: 0, ease: trials };
  const easeTrials = Math.min(MAX_EASE_TRIALS, Math.max(1, Math.floor(trials / 4)));
  return { als: Math.max(1, trials - easeTrials), ease: easeTrials };
}

export function defaultModelName(scope: RecommenderScope, tuned: boolean, at: Date, algorithm: RecommenderAlgorithm = 'als'): string {
  const label = algorithm === 'als' ? 'ALS' : algorithm === 'ease' ? 'EASE' : 'ALS+EASE';
  return `${tuned ? 'tuned ' : ''}${label} ${scope.toLowerCase()} ${at.toISOString().slice(0, 16).replace('T', ' ')}`;
}
