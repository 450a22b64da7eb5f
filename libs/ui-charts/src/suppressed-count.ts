/** How the disclosure gate answered (the shape of DisclosureDto in @crosslane/contracts that the wording needs). */
export interface DisclosureNote {
  status: 'RELEASED' | 'REPEATED' | 'CARRIED' | 'WITHHELD' | 'SUPPRESSED' | 'REFUSED';
  k: number;
  noisy: boolean;
  errorBound: number | null;
  message: string | null;
  releasedAt: string | null;
}

/** A count that the API withheld below a minimum group size, with how the disclosure gate answered when it went through one. */
export interface SuppressedValue {
  count: number | null;
  suppressed: boolean;
  threshold: number;
  disclosure?: DisclosureNote;
}

/**
 * How a possibly suppressed count reads on screen: the number, or
 * "< threshold" (never the number); through the gate also "noisy ±N",
 * "withheld: differs from an earlier result by fewer than k", the date of a
 * carried figure, or a spent budget.
 * Example: `formatSuppressedCount({count: null, suppressed: true, threshold: 50})` is "< 50";
 * `formatSuppressedCount({count: 1204, suppressed: false, threshold: 10, disclosure: {status: 'RELEASED', noisy: true, errorBound: 30, ...}})` is "1,204 (noisy ±30)".
 */
export function formatSuppressedCount(value: SuppressedValue | null | undefined): string {
  if (!value) return '—';
  const d = value.disclosure;
  if (d?.status === 'WITHHELD') return `withheld: differs from an earlier result by fewer than ${d.k}`;
  if (d?.status === 'REFUSED') return `refused: ${d.message ?? 'the privacy budget is spent'}`;
  if (value.suppressed || value.count === null) return `< ${value.threshold}`;
  const shown = value.count.toLocaleString('en');
  const noise = d?.noisy && d.errorBound !== null ? ` (noisy ±${d.errorBound})` : '';
  if (d?.status === 'CARRIED')
    return `${shown}${noise} (as of ${d.releasedAt?.slice(0, 10) ?? 'earlier'}: changed by fewer than ${d.k} since)`;
  return `${shown}${noise}`;
}
