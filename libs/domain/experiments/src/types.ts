/** Counts for a rate metric: `successes` out of `n` members (e.g. conversions out of members). */
export interface ProportionCounts {
  readonly successes: number;
  readonly n: number;
}

/** A point estimate with a two-sided interval around it. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}
