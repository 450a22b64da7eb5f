/**
 * Small-cell suppression (threshold rule, as in Eurostat's and the ONS's
 * statistical disclosure control handbooks): a count below the minimum group
 * size is not published. No total row is published beside the kept rows, so
 * a suppressed cell cannot be recovered by subtraction.
 */

export interface SuppressionResult<Row> {
  rows: Row[];
  suppressedRows: number;
}

function assertThreshold(minGroupSize: number, method: string): void {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1)
    throw new Error(`${method} requires a positive integer minGroupSize; got ${minGroupSize}`);
}

/**
 * suppressSmallGroups: keeps the aggregate rows whose count is at least
 * minGroupSize and says how many were dropped. Does not mutate its input.
 * Example: suppressSmallGroups([{city:'A',count:60},{city:'B',count:7}], 50) gives { rows: [{city:'A',count:60}], suppressedRows: 1 }
 */
export function suppressSmallGroups<Row extends { count: number }>(rows: readonly Row[], minGroupSize: number): SuppressionResult<Row> {
  assertThreshold(minGroupSize, 'suppressSmallGroups');
  const kept = rows.filter((row) => row.count >= minGroupSize);
  return { rows: kept, suppressedRows: rows.length - kept.length };
}

export interface SuppressedCountResult {
  count: number | null;
  suppressed: boolean;
  threshold: number;
}

/**
 * suppressCount: an overlap (or any single count) shown only at or above the
 * threshold; below it the count is null and flagged, so nobody learns whether
 * it was 0 or 49.
 * Example: suppressCount(12, 50) gives { count: null, suppressed: true, threshold: 50 }
 */
export function suppressCount(count: number, minGroupSize: number): SuppressedCountResult {
  assertThreshold(minGroupSize, 'suppressCount');
  if (!Number.isInteger(count) || count < 0) throw new Error(`suppressCount requires a non-negative integer count; got ${count}`);
  return count >= minGroupSize
    ? { count, suppressed: false, threshold: minGroupSize }
    : { count: null, suppressed: true, threshold: minGroupSize };
}
