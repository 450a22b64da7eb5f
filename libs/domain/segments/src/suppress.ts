/** A count that may be shown, or withheld because the group is too small to share. */
export interface SuppressedCount {
  /** The count, or null when it is under the threshold. */
  count: number | null;
  suppressed: boolean;
  /** The minimum group size that applied. */
  threshold: number;
}

/** The minimum group size when a partner has no active agreement. */
export const DEFAULT_MIN_GROUP_SIZE = 50;

/**
 * Small-cell suppression: a count under the minimum group size is never
 * released as a number (k-anonymity threshold for aggregates; Sweeney,
 * "k-anonymity: a model for protecting privacy", 2002). Zero is below any
 * threshold too: "none of your customers" is itself a disclosure.
 *
 * Example: `suppressCount(49, 50)` is `{ count: null, suppressed: true, threshold: 50 }`.
 */
export function suppressCount(count: number, minGroupSize: number = DEFAULT_MIN_GROUP_SIZE): SuppressedCount {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1)
    throw new Error(`suppressCount requires a minimum group size of at least 1, got ${minGroupSize}`);
  return count < minGroupSize
    ? { count: null, suppressed: true, threshold: minGroupSize }
    : { count, suppressed: false, threshold: minGroupSize };
}

/** How a suppressed count reads on a screen: "< 50". Example: `formatSuppressed({count: null, suppressed: true, threshold: 50})` is "< 50". */
export function formatSuppressed(value: SuppressedCount): string {
  return value.suppressed || value.count === null ? `< ${value.threshold}` : value.count.toLocaleString('en');
}
