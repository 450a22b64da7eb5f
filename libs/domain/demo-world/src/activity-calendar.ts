import type { SeededRandom } from '@crosslane/util-random';

/**
 * When members are active: an intensity over every hour of the simulated
 * window, and the day-level boosts that shift what they do.
 *
 * The shape is what a Chinese consumer app sees, in China Standard Time
 * (UTC+8, no daylight saving), so the evening peak lands at 20:00-22:00 in
 * Beijing whatever the server's zone:
 * - daily: a small commute bump, lunch, and a large evening peak;
 * - weekly: weekends busier from mid-morning on, without the commute;
 * - yearly: a spring swell (plans made after Spring Festival), a dip over
 *   Spring Festival, Labour Day and National Day, a lift in the week before
 *   each, and the 618 and Double 11 shopping festivals for purchases;
 * - car topics: a bump around the April auto shows (Auto China in Beijing,
 *   Auto Shanghai, alternating years) and the November Guangzhou show;
 * - growth: the platform ends the window about 50% busier than it began.
 *
 * Sampling draws instants from the piecewise-constant density by inverting
 * its cumulative sum, so busy hours get proportionally more events and two
 * members' activity over the same span are comparable.
 *
 * Example: `buildActivityCalendar(start, start + 30 days).massPer30Days`
 * equals `mass(start, start + 30 days)` by construction.
 */
export interface ActivityCalendar {
  readonly startMs: number;
  readonly endMs: number;
  /** The mean intensity mass of 30 days in the window: the unit for "sessions per 30 days". */
  readonly massPer30Days: number;
  /** Integrated intensity between two instants inside the window. */
  mass(fromMs: number, toMs: number): number;
  /** An instant in [fromMs, toMs), drawn in proportion to intensity. */
  sample(rng: SeededRandom, fromMs: number, toMs: number): number;
  /** Multiplier on the appeal of car topics on that day (auto-show season). */
  carBoost(ms: number): number;
  /** Multiplier on purchase propensity on that day (618, Double 11). */
  purchaseBoost(ms: number): number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** China Standard Time is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** Relative activity by hour of day in China, weekday. */
const HOUR_PROFILE = [
  0.35, 0.18, 0.1, 0.06, 0.05, 0.08, 0.25, 0.6, 0.85, 0.7, 0.6, 0.6, 0.85, 0.75, 0.55, 0.55, 0.6, 0.7, 0.85, 1.0, 1.3, 1.45, 1.3, 0.8,
];

/** Month-level seasonality, January first. */
const MONTH_PROFILE = [1.0, 0.95, 1.15, 1.18, 1.05, 1.0, 0.92, 0.92, 1.02, 0.98, 1.08, 1.05];

/**
 * Spring Festival (lunar new year's day) in the Gregorian calendar. It moves
 * every year and no closed form gives it, hence the table; years outside it
 * simply get no festival effect.
 */
const SPRING_FESTIVAL: Record<number, [number, number]> = {
  2016: [2, 8],
  2017: [1, 28],
  2018: [2, 16],
  2019: [2, 5],
  2020: [1, 25],
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
  2031: [1, 23],
  2032: [2, 11],
  2033: [1, 31],
  2034: [2, 19],
  2035: [2, 8],
  2036: [1, 28],
};

/** The strongest pull of car topics: the April auto shows. */
export const MAX_CAR_BOOST = 1.8;

/** Growth across the window: intensity rises linearly from 1 to 1 + GROWTH. */
const GROWTH = 0.5;

interface DayFactors {
  activity: number;
  car: number;
  purchase: number;
}

/** Day-level effects for a China calendar date (month 1-12). */
export function dayFactors(year: number, month: number, day: number): DayFactors {
  let activity = MONTH_PROFILE[month - 1];
  let car = 1;
  let purchase = 1;

  const festival = SPRING_FESTIVAL[year];
  if (festival) {
    const offset = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, festival[0] - 1, festival[1])) / DAY_MS);
    if (offset >= -2 && offset <= 5)
      activity *= 0.65; // family, travel, red envelopes
    else if (offset >= -10 && offset < -2)
      activity *= 0.9; // year-end rush
    else if (offset > 5 && offset <= 14) activity *= 1.15; // new-year plans
  }
  if (month === 4 && day >= 24) activity *= 1.2; // the week before Labour Day
  if (month === 5 && day <= 5) activity *= 0.8;
  if (month === 9 && day >= 24) activity *= 1.2; // the week before National Day
  if (month === 10 && day <= 7) activity *= 0.8;
  if (month === 11 && day <= 11) activity *= 1.1;

  if ((month === 4 && day >= 15) || (month === 5 && day <= 5)) car = MAX_CAR_BOOST; // Beijing / Shanghai auto show
  if (month === 11 && day >= 10) car = 1.4; // Guangzhou auto show

  if (month === 6 && day <= 18) purchase = day >= 16 ? 1.6 : 1.25; // 618
  if (month === 11 && day <= 11) purchase = day >= 9 ? 1.8 : 1.35; // Double 11
  return { activity, car, purchase };
}

/** Builds the calendar for [startMs, endMs); both are UTC instants. */
export function buildActivityCalendar(startMs: number, endMs: number): ActivityCalendar {
  if (!(endMs > startMs)) {
    throw new Error('buildActivityCalendar requires endMs after startMs');
  }
  const hours = Math.ceil((endMs - startMs) / HOUR_MS);
  const weights = new Float64Array(hours);
  const cumulative = new Float64Array(hours + 1);

  // Day factors are indexed from the China midnight at or before startMs.
  const dayOrigin = Math.floor((startMs + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
  const days = Math.ceil((endMs - dayOrigin) / DAY_MS) + 1;
  const activityByDay = new Float64Array(days);
  const carByDay = new Float64Array(days);
  const purchaseByDay = new Float64Array(days);
  const weekendByDay = new Uint8Array(days);
  for (let d = 0; d < days; d += 1) {
    const local = new Date(dayOrigin + d * DAY_MS + CHINA_OFFSET_MS);
    const f = dayFactors(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
    activityByDay[d] = f.activity;
    carByDay[d] = f.car;
    purchaseByDay[d] = f.purchase;
    const weekday = local.getUTCDay();
    weekendByDay[d] = weekday === 0 || weekday === 6 ? 1 : 0;
  }

  const span = endMs - startMs;
  for (let h = 0; h < hours; h += 1) {
    const ms = startMs + h * HOUR_MS;
    const d = Math.floor((ms - dayOrigin) / DAY_MS);
    const hourOfDay = Math.floor(((ms + CHINA_OFFSET_MS) % DAY_MS) / HOUR_MS);
    let w = HOUR_PROFILE[hourOfDay] * activityByDay[d];
    if (weekendByDay[d]) w *= hourOfDay >= 9 ? 1.35 : hourOfDay >= 7 ? 0.7 : 1;
    w *= 1 + (GROWTH * (ms - startMs)) / span;
    // The last hour may be cut by endMs: weigh it by the part that exists.
    if (h === hours - 1) w *= (endMs - ms) / HOUR_MS;
    weights[h] = w;
    cumulative[h + 1] = cumulative[h] + w;
  }

  const position = (ms: number): number => {
    const x = (Math.min(Math.max(ms, startMs), endMs) - startMs) / HOUR_MS;
    const h = Math.min(Math.floor(x), hours - 1);
    // The last hour's weight is scaled to its cut length, so its density is w / cut.
    const width = h === hours - 1 ? (endMs - (startMs + h * HOUR_MS)) / HOUR_MS : 1;
    return cumulative[h] + (weights[h] * (x - h)) / width;
  };

  const dayIndex = (ms: number): number => Math.min(days - 1, Math.max(0, Math.floor((ms - dayOrigin) / DAY_MS)));

  return {
    startMs,
    endMs,
    massPer30Days: (cumulative[hours] * 30 * DAY_MS) / span,
    mass: (fromMs, toMs) => (toMs > fromMs ? position(toMs) - position(fromMs) : 0),
    sample(rng, fromMs, toMs) {
      const lo = position(fromMs);
      const hi = position(toMs);
      const target = lo + rng.next() * (hi - lo);
      // Binary search for the hour whose cumulative range holds the target.
      let a = 0;
      let b = hours - 1;
      while (a < b) {
        const mid = (a + b + 1) >> 1;
        if (cumulative[mid] <= target) a = mid;
        else b = mid - 1;
      }
      const width = a === hours - 1 ? (endMs - (startMs + a * HOUR_MS)) / HOUR_MS : 1;
      const within = weights[a] > 0 ? ((target - cumulative[a]) / weights[a]) * width : 0;
      const ms = Math.floor(startMs + (a + within) * HOUR_MS);
      return Math.min(Math.max(ms, fromMs), toMs - 1);
    },
    carBoost: (ms) => carByDay[dayIndex(ms)],
    purchaseBoost: (ms) => purchaseByDay[dayIndex(ms)],
  };
}
