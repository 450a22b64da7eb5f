import { describe, expect, it } from 'vitest';
import { jaccard } from './jaccard';
import { jointSegmentRule } from './joint-segment';
import { formatSuppressed, suppressCount } from './suppress';
import { validateRule } from './validate-rule';

describe('suppression, Jaccard and joint segments', () => {
  it('withholds counts under the minimum group size (the doc example)', () => {
    expect(suppressCount(49, 50)).toEqual({ count: null, suppressed: true, threshold: 50 });
    expect(suppressCount(50, 50)).toEqual({ count: 50, suppressed: false, threshold: 50 });
    expect(suppressCount(0)).toEqual({ count: null, suppressed: true, threshold: 50 });
    expect(formatSuppressed(suppressCount(3, 10))).toBe('< 10');
    expect(formatSuppressed(suppressCount(1234, 10))).toBe('1,234');
    expect(() => suppressCount(5, 0)).toThrow('at least 1');
  });

  it('computes Jaccard from sizes (the doc example)', () => {
    expect(jaccard(10, 20, 5)).toBe(0.2);
    expect(jaccard(0, 0, 0)).toBe(0);
  });

  it('builds a valid joint rule (the doc example)', () => {
    const rule = jointSegmentRule({ days: 90 });
    expect(rule).toEqual({
      and: [
        { behaviour: { carCategories: true, domain: 'KNOWLEDGE', days: 90, atLeast: 1 } },
        { or: [{ behaviour: { domain: 'PARTNER', days: 90, atLeast: 1 } }, { field: 'partnerPurchases', op: 'gte', value: 1 }] },
      ],
    });
    expect(validateRule(rule)).toEqual([]);
  });
});
