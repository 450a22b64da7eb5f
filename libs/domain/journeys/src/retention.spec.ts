import { describe, expect, it } from 'vitest';
import { lastCompletePeriodStart, periodStart, periodsBetween, shapeRetention, validateRetention } from './retention';

describe('retention shaping', () => {
  it('blanks the periods that have not ended and pools the curve over the cohorts that reached each period', () => {
    const rows = [
      { key: 'all', cohort: '2026-11-02', offset: 0, active: 10 },
      { key: 'all', cohort: '2026-11-02', offset: 1, active: 4 },
      { key: 'all', cohort: '2026-11-02', offset: 2, active: 3 },
      { key: 'all', cohort: '2026-11-09', offset: 0, active: 20 },
      { key: 'all', cohort: '2026-11-09', offset: 1, active: 6 },
    ];
    const [group] = shapeRetention({ anchor: 'firstInteraction', period: 'week', periods: 3 }, rows, '2026-11-16');
    expect(group.cohorts[0].shares).toEqual([1, 0.4, 0.3, null]);
    expect(group.cohorts[1].shares).toEqual([1, 0.3, null, null]);
    expect(group.curve[2].share).toBeCloseTo(0.3, 10);
    expect(group.curve[1].share).toBeCloseTo(10 / 30, 10);
    expect(group.curve[3]).toMatchObject({ share: null, members: 0 });
  });

  it('counts weeks from Monday and months by the calendar, as PostgreSQL date_trunc does', () => {
    expect(periodStart('week', new Date('2026-11-28T12:00:00Z'))).toBe('2026-11-23');
    expect(lastCompletePeriodStart('week', new Date('2026-11-28T12:00:00Z'))).toBe('2026-11-16');
    expect(lastCompletePeriodStart('month', new Date('2026-11-28T12:00:00Z'))).toBe('2026-10-01');
    expect(periodsBetween('month', '2026-01-01', '2026-11-01')).toBe(10);
  });

  it('names each bad field', () => {
    expect(validateRetention({ anchor: 'signup', period: 'week', periods: 8 })).toEqual([
      { path: 'anchor', message: 'must be one of firstInteraction, join, firstPartnerPurchase' },
    ]);
  });
});
