import type { InteractionsPerDayPoint } from '@crosslane/contracts';

const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const formatDay = (day: string) => format.format(new Date(`${day}T00:00:00Z`));

/**
 * The span a series covers, for the chart heading: "3 Jan 2025 – 1 Jul 2025".
 * Null when there are no points.
 */
export function dateRangeLabel(points: readonly Pick<InteractionsPerDayPoint, 'day'>[]): string | null {
  if (points.length === 0) return null;
  let first = points[0].day;
  let last = points[0].day;
  for (const { day } of points) {
    if (day < first) first = day;
    if (day > last) last = day;
  }
  return first === last ? formatDay(first) : `${formatDay(first)} – ${formatDay(last)}`;
}
