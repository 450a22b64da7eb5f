import { describe, expect, it } from 'vitest';
import { forestRows, type SegmentCell } from './decisions-api';

const cell = (over: Partial<SegmentCell>): SegmentCell => ({
  dimension: 'segment',
  band: 'A',
  arm: 'offer',
  suppressed: false,
  difference: 0.02,
  lower: 0.01,
  upper: 0.03,
  holmPValue: 0.01,
  winner: false,
  ...over,
});

describe('forestRows', () => {
  it('plots shown cells in percentage points, stars winners and leaves withheld cells out', () => {
    const rows = forestRows([cell({ winner: true }), cell({ band: 'B', suppressed: true, difference: null, lower: null, upper: null })]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.label).toBe('★ offer / A');
    expect(rows[0]!.estimate).toBeCloseTo(2, 12);
    expect(rows[0]!.lower).toBeCloseTo(1, 12);
  });

  it("names an imported test's attribute beside its value, so mens = 1 and newbie = 1 are told apart", () => {
    const rows = forestRows([cell({ dimension: 'mens', band: '1' }), cell({ dimension: 'newbie', band: '1' })]);
    expect(rows.map((r) => r.label)).toEqual(['offer / mens = 1', 'offer / newbie = 1']);
  });
});
