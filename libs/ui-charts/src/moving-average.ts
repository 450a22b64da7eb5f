// Chart maths for the interactions-per-day chart. Plain functions, no React,
// so the values a user sees on the chart are asserted in a unit test.

/** One day of interactions per domain, as the API sends it. */
export interface DomainDay {
  /** YYYY-MM-DD (UTC calendar day). */
  day: string;
  KNOWLEDGE: number;
  PARTNER: number;
}

export interface DomainDayWithAverage extends DomainDay {
  KNOWLEDGE_AVG: number;
  PARTNER_AVG: number;
}

/**
 * Trailing simple moving average: the value at i is the mean of
 * values[i - window + 1 .. i]. The first `window - 1` positions average over
 * the values available so far (pandas `rolling(window, min_periods=1).mean()`),
 * so the line starts on the first day instead of a week in.
 *
 * Source: the simple moving average, e.g. NIST/SEMATECH e-Handbook of
 * Statistical Methods, section 6.4.2.1.
 *
 * @example movingAverage([1, 2, 3, 4], 2) // [1, 1.5, 2.5, 3.5]
 */
export function movingAverage(values: readonly number[], window: number): number[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`movingAverage requires a window that is a positive integer, got ${window}`);
  }
  const out = new Array<number>(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out[i] = sum / Math.min(i + 1, window);
  }
  return out;
}

const DAY_MS = 86_400_000;

function dayToUtcMs(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`fillMissingDays requires days as YYYY-MM-DD, got "${day}"`);
  return ms;
}

/**
 * Sorts by day and inserts a zero row for every calendar day missing between
 * the first and the last, so that a 7-point average really spans 7 days even
 * when the API leaves out days without interactions.
 *
 * @example fillMissingDays([{day:'2024-01-01',KNOWLEDGE:1,PARTNER:0},{day:'2024-01-03',KNOWLEDGE:3,PARTNER:1}]).length // 3
 */
export function fillMissingDays(points: readonly DomainDay[]): DomainDay[] {
  if (points.length === 0) return [];
  const byDay = new Map<string, DomainDay>();
  for (const p of points) byDay.set(p.day, p);
  const days = [...byDay.keys()].sort();
  const first = dayToUtcMs(days[0]);
  const last = dayToUtcMs(days[days.length - 1]);
  const out: DomainDay[] = [];
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const p = byDay.get(day);
    out.push({ day, KNOWLEDGE: p?.KNOWLEDGE ?? 0, PARTNER: p?.PARTNER ?? 0 });
  }
  return out;
}

/**
 * The chart's rows: every calendar day with its counts and the trailing
 * `window`-day moving average of each domain. Does not mutate its input.
 */
export function withMovingAverage(points: readonly DomainDay[], window = 7): DomainDayWithAverage[] {
  const filled = fillMissingDays(points);
  const k = movingAverage(
    filled.map((p) => p.KNOWLEDGE),
    window,
  );
  const p = movingAverage(
    filled.map((q) => q.PARTNER),
    window,
  );
  return filled.map((row, i) => ({ ...row, KNOWLEDGE_AVG: k[i], PARTNER_AVG: p[i] }));
}
