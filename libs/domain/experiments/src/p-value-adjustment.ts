function requirePValues(fn: string, pValues: readonly number[]): void {
  if (!Array.isArray(pValues)) {
    throw new TypeError(`${fn} requires an array of p-values, got ${String(pValues)}`);
  }
  pValues.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new RangeError(`${fn} requires every p-value in [0, 1], got pValues[${i}] = ${String(p)}`);
    }
  });
}

/** Indices that sort `values` ascending; ties keep input order so results are reproducible. */
function ascendingOrder(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
}

/**
 * Holm's step-down adjustment, controlling the family-wise error rate.
 *
 * Method: sort p ascending, p_adj(i) = max over j <= i of min(1, (m - j + 1)·p(j)).
 * Source: S. Holm (1979), "A simple sequentially rejective multiple test
 * procedure", Scandinavian Journal of Statistics 6(2):65-70. Uniformly more
 * powerful than Bonferroni under the same guarantee and valid under any
 * dependence, which matters because the metrics of one arm are correlated.
 * Same as R's p.adjust(p, "holm"). Returns adjusted p-values in input order.
 *
 * Example: holmAdjust([0.01, 0.04, 0.03, 0.005]) -> [0.03, 0.06, 0.06, 0.02].
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  requirePValues('holmAdjust', pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  ascendingOrder(pValues).forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjustment, controlling the false discovery rate.
 *
 * Method: sort p ascending, p_adj(i) = min over j >= i of min(1, m·p(j)/j).
 * Source: Y. Benjamini & Y. Hochberg (1995), "Controlling the false discovery
 * rate", JRSS B 57(1):289-300. Suited to screening many segments, where some
 * false leads are acceptable; use Holm for ship decisions. Same as
 * scipy.stats.false_discovery_control(p, method='bh') and R's p.adjust(p, "BH").
 *
 * Example: benjaminiHochberg([0.01, 0.04, 0.03, 0.005]) -> [0.02, 0.04, 0.04, 0.02].
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  requirePValues('benjaminiHochberg', pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  const order = ascendingOrder(pValues);
  let runningMin = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] as number;
    runningMin = Math.min(runningMin, (m * (pValues[index] as number)) / (rank + 1));
    adjusted[index] = runningMin;
  }
  return adjusted;
}
