import type { CandidateName, RecommendationDirectionKey, RecommenderModelDto } from '@crosslane/contracts';

export interface DirectionRow {
  direction: RecommendationDirectionKey;
  winner: string;
  testNdcg: number | null;
  popularityTestNdcg: number | null;
  /** Winner's test NDCG@10 minus popularity's; 0 where popularity serves. */
  margin: number | null;
  usersEvaluated: number;
  reason: string;
}

const LABELS: Record<CandidateName, string> = { als: 'ALS', ease: 'EASE', popularity: 'Popularity' };

/** One row per direction: who serves it, by how much it beats popularity on the test split, and why it was chosen. Empty for versions trained before EASE. */
export function directionRows(model: Pick<RecommenderModelDto, 'metrics'>): DirectionRow[] {
  const directions = model.metrics?.directions;
  if (!directions) return [];
  return (Object.entries(directions) as [RecommendationDirectionKey, NonNullable<typeof directions>[RecommendationDirectionKey]][]).map(
    ([direction, c]) => ({
      direction,
      winner: LABELS[c.winner],
      testNdcg: c.testNdcg,
      popularityTestNdcg: c.popularityTestNdcg,
      margin: c.margin,
      usersEvaluated: c.usersEvaluated,
      reason: c.reason,
    }),
  );
}
