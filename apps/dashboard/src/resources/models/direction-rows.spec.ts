import { describe, expect, it } from 'vitest';
import { directionRows } from './direction-rows';

describe('directionRows', () => {
  it('names the winner of each direction with its margin over popularity', () => {
    const choice = (winner: 'als' | 'ease' | 'popularity', testNdcg: number, popularityTestNdcg: number) => ({
      winner,
      reason: 'why',
      usersEvaluated: 40,
      validationNdcg: {},
      testNdcg,
      popularityTestNdcg,
      margin: testNdcg - popularityTestNdcg,
    });
    const rows = directionRows({
      metrics: {
        overall: { k: 10, usersEvaluated: 1, precision: 0, recall: 0, ndcg: 0.4, map: 0, coverage: 0 },
        byDirection: null,
        directions: {
          'knowledge->knowledge': choice('ease', 0.45, 0.09),
          'knowledge->partner': choice('als', 0.3, 0.22),
          'partner->knowledge': choice('als', 0.2, 0.1),
          'partner->partner': choice('popularity', 0.25, 0.25),
        },
      },
    });
    expect(rows.map((r) => [r.direction, r.winner])).toEqual([
      ['knowledge->knowledge', 'EASE'],
      ['knowledge->partner', 'ALS'],
      ['partner->knowledge', 'ALS'],
      ['partner->partner', 'Popularity'],
    ]);
    expect(rows[0].margin).toBeCloseTo(0.36, 12);
    expect(rows[3].margin).toBe(0);
  });

  it('is empty for a version trained before per-direction choice', () => {
    expect(directionRows({ metrics: null })).toEqual([]);
  });
});
