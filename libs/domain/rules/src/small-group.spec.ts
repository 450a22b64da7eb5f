import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_GROUP_SIZE, formatSuppressedCount, suppressCount, suppressSmallGroups } from './small-group';

describe('suppressCount', () => {
  it('shows a count of exactly k and hides k - 1 (the doc example)', () => {
    expect(suppressCount(50, 50)).toEqual({ count: 50, suppressed: false, threshold: 50 });
    expect(suppressCount(49, 50)).toEqual({ count: null, suppressed: true, threshold: 50 });
  });

  it('hides zero, which says "none of your customers", and defaults k to 50', () => {
    expect(DEFAULT_MIN_GROUP_SIZE).toBe(50);
    expect(suppressCount(0)).toEqual({ count: null, suppressed: true, threshold: 50 });
  });

  it('refuses a threshold below 1 and a count that is not a count', () => {
    expect(() => suppressCount(5, 0)).toThrow('suppressCount requires a positive integer minGroupSize; got 0');
    expect(() => suppressCount(-1, 50)).toThrow('non-negative integer count');
  });
});

describe('suppressSmallGroups', () => {
  it('drops rows below k and counts them (the doc example)', () => {
    expect(
      suppressSmallGroups(
        [
          { city: 'A', count: 60 },
          { city: 'B', count: 7 },
        ],
        50,
      ),
    ).toEqual({ rows: [{ city: 'A', count: 60 }], suppressedRows: 1 });
  });

  it('keeps a row of exactly k and drops k - 1, as suppressCount does', () => {
    expect(suppressSmallGroups([{ count: 10 }, { count: 9 }], 10)).toEqual({ rows: [{ count: 10 }], suppressedRows: 1 });
  });

  it('does not mutate its input and refuses a bad threshold', () => {
    const rows = [{ count: 3 }, { count: 80 }];
    suppressSmallGroups(rows, 10);
    expect(rows).toEqual([{ count: 3 }, { count: 80 }]);
    expect(() => suppressSmallGroups(rows, 0)).toThrow('suppressSmallGroups requires a positive integer minGroupSize; got 0');
  });
});

describe('formatSuppressedCount', () => {
  it('words a suppressed count "< k", never the number, and a count of exactly k as the number', () => {
    expect(formatSuppressedCount(suppressCount(49, 50))).toBe('< 50');
    expect(formatSuppressedCount(suppressCount(50, 50))).toBe('50');
    expect(formatSuppressedCount({ count: 1234, suppressed: false, threshold: 50 })).toBe('1,234');
    expect(formatSuppressedCount(null)).toBe('—');
  });

  it('words the disclosure gate answers: noisy, withheld, carried, refused', () => {
    const note = { status: 'RELEASED' as const, k: 10, noisy: true, errorBound: 30, message: null, releasedAt: '2026-12-06T09:00:00.000Z' };
    expect(formatSuppressedCount({ count: 1204, suppressed: false, threshold: 10, disclosure: note })).toBe('1,204 (noisy ±30)');
    expect(
      formatSuppressedCount({ count: null, suppressed: true, threshold: 10, disclosure: { ...note, status: 'WITHHELD', noisy: false } }),
    ).toBe('withheld: differs from an earlier result by fewer than 10');
    expect(
      formatSuppressedCount({ count: 20, suppressed: false, threshold: 10, disclosure: { ...note, status: 'CARRIED', noisy: false } }),
    ).toBe('20 (as of 2026-12-06: changed by fewer than 10 since)');
    expect(
      formatSuppressedCount({
        count: null,
        suppressed: true,
        threshold: 10,
        disclosure: { ...note, status: 'REFUSED', message: 'the privacy budget for 2026-12 is spent' },
      }),
    ).toBe('refused: the privacy budget for 2026-12 is spent');
  });
});
