import { describe, expect, it } from 'vitest';
import { suppressCount, suppressSmallGroups } from './suppression';

describe('suppressSmallGroups', () => {
  it('drops rows below the minimum and counts them (the doc example)', () => {
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

  it('keeps a row exactly at the minimum', () => {
    expect(suppressSmallGroups([{ count: 50 }, { count: 49 }], 50).rows).toEqual([{ count: 50 }]);
  });

  it('does not mutate its input and refuses a bad threshold', () => {
    const rows = [{ count: 3 }, { count: 80 }];
    suppressSmallGroups(rows, 10);
    expect(rows).toEqual([{ count: 3 }, { count: 80 }]);
    expect(() => suppressSmallGroups(rows, 0)).toThrow('suppressSmallGroups requires a positive integer minGroupSize; got 0');
  });
});

describe('suppressCount', () => {
  it('hides a count under the threshold without saying what it was (the doc example)', () => {
    expect(suppressCount(12, 50)).toEqual({ count: null, suppressed: true, threshold: 50 });
    expect(suppressCount(0, 50)).toEqual({ count: null, suppressed: true, threshold: 50 });
  });

  it('shows a count at or above it', () => {
    expect(suppressCount(50, 50)).toEqual({ count: 50, suppressed: false, threshold: 50 });
  });

  it('refuses a negative count', () => {
    expect(() => suppressCount(-1, 50)).toThrow('non-negative integer count');
  });
});
