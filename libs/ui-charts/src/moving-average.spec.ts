// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fillMissingDays, movingAverage, withMovingAverage } from './moving-average';

describe('movingAverage', () => {
  it('matches the doc example', () => {
    expect(movingAverage([1, 2, 3, 4], 2)).toEqual([1, 1.5, 2.5, 3.5]);
  });

  it('averages the trailing 7 values once a full week is available', () => {
    const values = [7, 0, 0, 0, 0, 0, 0, 14, 0];
    const avg = movingAverage(values, 7);
    // pandas: pd.Series(values).rolling(7, min_periods=1).mean()
    expect(avg[0]).toBe(7);
    expect(avg[1]).toBe(3.5);
    expect(avg[6]).toBe(1);
    expect(avg[7]).toBe(2); // the 7 drops out, the 14 comes in
    expect(avg[8]).toBe(2);
  });

  it('is flat for a constant series and does not mutate its input', () => {
    const values = Object.freeze([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(movingAverage(values, 7)).toEqual(new Array(10).fill(5));
  });

  it('returns an empty array for no values and refuses a bad window', () => {
    expect(movingAverage([], 7)).toEqual([]);
    expect(() => movingAverage([1], 0)).toThrow(/positive integer/);
    expect(() => movingAverage([1], 2.5)).toThrow(/positive integer/);
  });
});

describe('fillMissingDays', () => {
  it('sorts and fills gaps with zeros', () => {
    const filled = fillMissingDays([
      { day: '2024-03-01', KNOWLEDGE: 3, PARTNER: 1 },
      { day: '2024-02-28', KNOWLEDGE: 1, PARTNER: 0 },
    ]);
    expect(filled).toEqual([
      { day: '2024-02-28', KNOWLEDGE: 1, PARTNER: 0 },
      { day: '2024-02-29', KNOWLEDGE: 0, PARTNER: 0 },
      { day: '2024-03-01', KNOWLEDGE: 3, PARTNER: 1 },
    ]);
  });

  it('names the bad day', () => {
    expect(() => fillMissingDays([{ day: '01/02/2024', KNOWLEDGE: 1, PARTNER: 1 }])).toThrow(/01\/02\/2024/);
  });
});

describe('withMovingAverage', () => {
  it('computes the 7-day average per domain over calendar days', () => {
    const points = [
      { day: '2024-01-01', KNOWLEDGE: 14, PARTNER: 7 },
      // 2024-01-02 .. 2024-01-07 missing: zero interactions
      { day: '2024-01-08', KNOWLEDGE: 0, PARTNER: 0 },
    ];
    const rows = withMovingAverage(points, 7);
    expect(rows).toHaveLength(8);
    expect(rows[6]).toMatchObject({ day: '2024-01-07', KNOWLEDGE_AVG: 2, PARTNER_AVG: 1 });
    expect(rows[7]).toMatchObject({ day: '2024-01-08', KNOWLEDGE_AVG: 0, PARTNER_AVG: 0 });
    expect(points).toHaveLength(2);
  });
});
