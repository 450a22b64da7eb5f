/** A count that the API withheld below a minimum group size. */
export interface SuppressedValue {
  count: number | null;
  suppressed: boolean;
  threshold: number;
}

/** How a possibly suppressed count reads on screen: the number, or "< threshold" (never the number). Example: `formatSuppressedCount({count: null, suppressed: true, threshold: 50})` is "< 50". */
export function formatSuppressedCount(value: SuppressedValue | null | undefined): string {
  if (!value) return '—';
  return value.suppressed || value.count === null ? `< ${value.threshold}` : value.count.toLocaleString('en');
}
