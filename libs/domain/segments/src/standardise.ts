/**
 * Z-scores per column (mean 0, standard deviation 1), so that features on
 * different scales (money, days, shares) weigh alike in k-means. A constant
 * column becomes all zeros. Method: standard score (Hastie, Tibshirani,
 * Friedman, "The Elements of Statistical Learning", 14.3.3).
 *
 * Example: `standardise([[1], [3]]).rows` is `[[-1], [1]]` (population standard deviation).
 */
export function standardise(rows: readonly (readonly number[])[]): { rows: number[][]; means: number[]; sds: number[] } {
  if (rows.length === 0) return { rows: [], means: [], sds: [] };
  const d = rows[0].length;
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) means[j] += row[j] / rows.length;
  for (const row of rows) for (let j = 0; j < d; j++) sds[j] += (row[j] - means[j]) ** 2 / rows.length;
  for (let j = 0; j < d; j++) sds[j] = Math.sqrt(sds[j]);
  return { rows: rows.map((row) => row.map((v, j) => (sds[j] > 0 ? (v - means[j]) / sds[j] : 0))), means, sds };
}
