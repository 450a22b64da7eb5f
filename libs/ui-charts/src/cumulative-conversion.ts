/** One day of cumulative members and converters per variant, as the campaigns API returns it. */
export interface CumulativeConversionDay {
  day: string;
  variants: Record<string, { members: number; conversions: number; rate: number }>;
}

/** One chart row: the day and, per variant key, the cumulative conversion rate in percent (null before the variant has members). */
export type CumulativeConversionRow = { day: string } & Record<string, number | string | null>;

/**
 * Flattens the API's days into recharts rows with the rate of each variant
 * in percent, so a line per variant can be drawn with dataKey = variant key.
 *
 * Example: toCumulativeRows([{day: '2025-01-01', variants: {a: {members: 4, conversions: 1, rate: 0.25}}}], ['a']) -> [{day: '2025-01-01', a: 25}]
 */
export function toCumulativeRows(days: readonly CumulativeConversionDay[], keys: readonly string[]): CumulativeConversionRow[] {
  return days.map((d) => {
    const row: CumulativeConversionRow = { day: d.day };
    for (const key of keys) {
      const v = d.variants[key];
      row[key] = v && v.members > 0 ? Math.round(v.rate * 1e6) / 1e4 : null;
    }
    return row;
  });
}
