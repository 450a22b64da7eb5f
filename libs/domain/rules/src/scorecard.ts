import { SCORECARD_CRITERIA, type PartnerScorecard, type ScorecardCriterion } from '@crosslane/contracts';

/**
 * Partner scorecard maths: a weighted-sum model (simple additive weighting,
 * the plainest multi-criteria decision method; Triantaphyllou, "Multi-
 * criteria decision making methods", 2000, ch. 2). Scores are 0..5; weights
 * are any non-negative numbers, normalised to sum to 1.
 */

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;

/**
 * normaliseWeights: divides each weight by their sum. All-zero weights mean
 * "no preference": equal weights.
 * Example: normaliseWeights({ a: 1, b: 3 }) gives { a: 0.25, b: 0.75 }
 */
export function normaliseWeights<K extends string>(weights: Readonly<Record<K, number>>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  if (keys.length === 0) throw new Error('normaliseWeights requires at least one weight');
  for (const key of keys) {
    const w = weights[key];
    if (!Number.isFinite(w) || w < 0) throw new Error(`normaliseWeights requires non-negative weights; ${key} is ${w}`);
  }
  const sum = keys.reduce((total, key) => total + weights[key], 0);
  return Object.fromEntries(keys.map((key) => [key, sum === 0 ? 1 / keys.length : weights[key] / sum])) as Record<K, number>;
}

/** The first problem with a scorecard (field path and message), or null when it is valid. */
export function scorecardProblem(
  scorecard: Partial<Record<string, { score?: unknown; weight?: unknown }>>,
): { field: string; message: string } | null {
  for (const criterion of SCORECARD_CRITERIA) {
    const entry = scorecard[criterion];
    if (!entry) return { field: criterion, message: `${criterion} is required` };
    const { score, weight } = entry;
    if (typeof score !== 'number' || !Number.isFinite(score) || score < SCORE_MIN || score > SCORE_MAX) {
      return { field: `${criterion}.score`, message: `${criterion}.score must be a number from ${SCORE_MIN} to ${SCORE_MAX}` };
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 100) {
      return { field: `${criterion}.weight`, message: `${criterion}.weight must be a number from 0 to 100` };
    }
  }
  const extra = Object.keys(scorecard).find((key) => !(SCORECARD_CRITERIA as readonly string[]).includes(key));
  if (extra) return { field: extra, message: `${extra} is not a scorecard criterion (criteria: ${SCORECARD_CRITERIA.join(', ')})` };
  return null;
}

/**
 * weightedScore: the weighted mean of the five scores with normalised
 * weights, 0..5, rounded to 2 decimals.
 * Example: scores 5,4,3,2,1 with weights 1,1,1,1,1 give weightedScore(...) === 3
 */
export function weightedScore(scorecard: PartnerScorecard): number {
  const weights = normaliseWeights(
    Object.fromEntries(SCORECARD_CRITERIA.map((c) => [c, scorecard[c].weight])) as Record<ScorecardCriterion, number>,
  );
  const total = SCORECARD_CRITERIA.reduce((sum, c) => sum + weights[c] * scorecard[c].score, 0);
  return Math.round(total * 100) / 100;
}
