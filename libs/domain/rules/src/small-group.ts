import type { DisclosureDto, SuppressedCount } from '@crosslane/contracts';

/**
 * Small-group suppression, the one implementation: a count below the minimum
 * group size k is never released as a number (threshold suppression, as in
 * the statistical disclosure control handbooks of Eurostat and the ONS; the
 * k-anonymity threshold for aggregates of Sweeney, 2002). A count of exactly
 * k is shown; k - 1 is not. Zero is below any k too: "none of your
 * customers" is itself a disclosure. Figures derived from a partner's
 * customer list go through the disclosure gate, which applies this same rule
 * first and then its difference checks.
 */

/** The minimum group size when a partner has no agreement in force (an agreement sets its own, at least 10). */
export const DEFAULT_MIN_GROUP_SIZE = 50;

export type { SuppressedCount };

function assertThreshold(minGroupSize: number, method: string): void {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1)
    throw new Error(`${method} requires a positive integer minGroupSize; got ${minGroupSize}`);
}

/**
 * suppressCount: the count when it is at least minGroupSize, otherwise null and flagged.
 * Example: suppressCount(49, 50) gives { count: null, suppressed: true, threshold: 50 }; suppressCount(50, 50) gives { count: 50, suppressed: false, threshold: 50 }
 */
export function suppressCount(count: number, minGroupSize: number = DEFAULT_MIN_GROUP_SIZE): SuppressedCount {
  assertThreshold(minGroupSize, 'suppressCount');
  if (!Number.isInteger(count) || count < 0) throw new Error(`suppressCount requires a non-negative integer count; got ${count}`);
  return count >= minGroupSize
    ? { count, suppressed: false, threshold: minGroupSize }
    : { count: null, suppressed: true, threshold: minGroupSize };
}

export interface SuppressedRows<Row> {
  rows: Row[];
  suppressedRows: number;
}

/**
 * suppressSmallGroups: keeps the aggregate rows whose count is at least
 * minGroupSize (the same test as suppressCount) and says how many were
 * dropped. No total row is published beside the kept rows, so a dropped row
 * cannot be recovered by subtraction. Does not mutate its input.
 * Example: suppressSmallGroups([{city:'A',count:60},{city:'B',count:7}], 50) gives { rows: [{city:'A',count:60}], suppressedRows: 1 }
 */
export function suppressSmallGroups<Row extends { count: number }>(rows: readonly Row[], minGroupSize: number): SuppressedRows<Row> {
  assertThreshold(minGroupSize, 'suppressSmallGroups');
  const kept = rows.filter((row) => !suppressCount(row.count, minGroupSize).suppressed);
  return { rows: kept, suppressedRows: rows.length - kept.length };
}

/** How the disclosure gate answered: the part of DisclosureDto the wording needs. */
export type DisclosureNote = Pick<DisclosureDto, 'status' | 'k' | 'noisy' | 'errorBound' | 'message' | 'releasedAt'>;

/** A possibly suppressed count as the API sends it, with the gate's answer when it went through one. */
export interface SuppressedValue extends SuppressedCount {
  disclosure?: DisclosureNote;
}

/**
 * formatSuppressedCount: how a possibly suppressed count reads on every
 * screen, the one wording: the number, or "< k" (never the number); through
 * the gate also "noisy ±N", "withheld: differs from an earlier result by
 * fewer than k", the date of a carried figure, or a spent budget.
 * Example: formatSuppressedCount({count: null, suppressed: true, threshold: 50}) gives "< 50";
 * formatSuppressedCount({count: 1204, suppressed: false, threshold: 10, disclosure: {status: 'RELEASED', noisy: true, errorBound: 30, ...}}) gives "1,204 (noisy ±30)"
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
