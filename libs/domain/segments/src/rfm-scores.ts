/**
 * Quintile scores 1..5 as the profile job computes them in SQL:
 * `floor(5 * (rank() - 1) / n) + 1`, where rank() orders members from worst
 * to best (R: most days since the last interaction first; F and M: lowest
 * first). Ties share their lowest rank, so members with equal values always
 * get the same score (unlike ntile(), which splits a tie across buckets);
 * a large tie can leave a quintile empty.
 * Method: Hughes, "Strategic Database Marketing" (RFM quintiles), with
 * SQL's rank() for ties.
 *
 * Example: `quintileScores([10, 20, 20, 30, 40], 'higherIsBetter')` is `[1, 2, 2, 4, 5]`.
 */
export function quintileScores(values: readonly number[], direction: 'higherIsBetter' | 'lowerIsBetter'): number[] {
  const n = values.length;
  const better = (a: number, b: number) => (direction === 'higherIsBetter' ? a - b : b - a);
  return values.map((value) => {
    let worse = 0;
    for (const other of values) if (better(other, value) < 0) worse += 1;
    return Math.floor((5 * worse) / n) + 1;
  });
}

export interface RfmInput {
  /** Days since the last interaction (lower is better). */
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/** R, F and M quintile scores for a population (see quintileScores). Example: one member alone scores 1/1/1. */
export function rfmScores(members: readonly RfmInput[]): { r: number; f: number; m: number }[] {
  const r = quintileScores(
    members.map((x) => x.recencyDays),
    'lowerIsBetter',
  );
  const f = quintileScores(
    members.map((x) => x.frequency),
    'higherIsBetter',
  );
  const m = quintileScores(
    members.map((x) => x.monetary),
    'higherIsBetter',
  );
  return members.map((_, i) => ({ r: r[i], f: f[i], m: m[i] }));
}
