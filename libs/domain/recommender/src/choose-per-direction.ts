import { RECOMMENDATION_DIRECTIONS, type RankingEvaluation, type RecommendationDirection } from './evaluate-ranking';

/** What can serve a direction: a personal model, or the direction's most popular items. */
export type CandidateName = 'als' | 'ease' | 'popularity';
export type PersonalCandidate = Exclude<CandidateName, 'popularity'>;

/** Fewer members with held-out items in a direction than this, and the validation cannot tell candidates apart. */
export const MIN_DIRECTION_USERS = 20;

export interface DirectionChoice {
  readonly winner: CandidateName;
  /** Validation NDCG@10 of each candidate evaluated in this direction. */
  readonly validationNdcg: Partial<Record<CandidateName, number>>;
  /** Members with held-out items in this direction on the validation split. */
  readonly usersEvaluated: number;
  /** Why the winner won, in words for the Models screen. */
  readonly reason: string;
}

export interface CandidateChoice {
  /** The personal model served for the whole catalogue (domain ALL) and gated against popularity overall. */
  readonly overall: PersonalCandidate;
  readonly byDirection: Readonly<Record<RecommendationDirection, DirectionChoice>>;
}

export interface CandidateEvaluations {
  readonly als?: RankingEvaluation;
  readonly ease?: RankingEvaluation;
  /** Popularity on the same validation split, per direction within the direction's catalogue. */
  readonly popularity: RankingEvaluation;
}

/**
 * The candidate that serves each direction, decided on validation NDCG@10
 * (a split carved from the training part, never the test part): the better
 * personal model (ALS before EASE on a tie), but only when it beats
 * popularity in that direction strictly; where fewer than `minUsers` members
 * have held-out items in the direction the split cannot tell, and popularity
 * serves it, saying so. Overall, the personal model with the higher overall
 * validation NDCG (ALS on a tie) serves the whole catalogue. The one home of
 * the per-direction gate.
 *
 * Example: with ALS 0.30, EASE 0.35 and popularity 0.10 in knowledge->partner over
 * 50 members, the winner there is 'ease'.
 */
export function choosePerDirection(evaluations: CandidateEvaluations, minUsers = MIN_DIRECTION_USERS): CandidateChoice {
  const personal = (['als', 'ease'] as const).filter((c) => evaluations[c] !== undefined);
  if (personal.length === 0) throw new RangeError('choosePerDirection requires an ALS or EASE evaluation');
  if (personal.some((c) => evaluations[c]!.byDirection === null) || evaluations.popularity.byDirection === null) {
    throw new RangeError('choosePerDirection requires evaluations broken down by direction (evaluateRanking with itemDomains)');
  }
  let overall: PersonalCandidate = personal[0];
  for (const c of personal) if (evaluations[c]!.overall.ndcg > evaluations[overall]!.overall.ndcg) overall = c;

  const byDirection = {} as Record<RecommendationDirection, DirectionChoice>;
  for (const direction of RECOMMENDATION_DIRECTIONS) {
    const popularity = evaluations.popularity.byDirection![direction];
    const validationNdcg: Partial<Record<CandidateName, number>> = { popularity: popularity.ndcg };
    for (const c of personal) validationNdcg[c] = evaluations[c]!.byDirection![direction].ndcg;
    const users = popularity.usersEvaluated;
    if (users < minUsers) {
      byDirection[direction] = {
        winner: 'popularity',
        validationNdcg,
        usersEvaluated: users,
        reason: `too little data: ${users} members with held-out items in this direction (need ${minUsers}); popularity serves it`,
      };
      continue;
    }
    let best: PersonalCandidate = personal[0];
    for (const c of personal) if (validationNdcg[c]! > validationNdcg[best]!) best = c;
    const won = validationNdcg[best]! > popularity.ndcg;
    byDirection[direction] = {
      winner: won ? best : 'popularity',
      validationNdcg,
      usersEvaluated: users,
      reason: won
        ? `${label(best)} ${fmt(validationNdcg[best]!)} beats popularity ${fmt(popularity.ndcg)} on validation NDCG@10`
        : `no personal model beats popularity on validation NDCG@10 (best ${label(best)} ${fmt(validationNdcg[best]!)} vs ${fmt(popularity.ndcg)})`,
    };
  }
  return { overall, byDirection };
}

function label(c: CandidateName): string {
  return c === 'als' ? 'ALS' : c === 'ease' ? 'EASE' : 'popularity';
}

function fmt(x: number): string {
  return x.toFixed(3);
}
