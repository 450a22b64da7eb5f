// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dateRangeLabel } from './date-range';

describe('dateRangeLabel', () => {
  it('names the first and last day, whatever the order', () => {
    expect(dateRangeLabel([{ day: '2025-06-29' }, { day: '2025-01-01' }, { day: '2025-03-15' }])).toBe('1 Jan 2025 – 29 Jun 2025');
  });
  it('is null without points', () => {
    expect(dateRangeLabel([])).toBeNull();
  });
});
