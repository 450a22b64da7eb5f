/**
 * Weighted log-odds ratio with an informative Dirichlet prior (Monroe,
 * Colaresi & Quinn 2008, "Fightin' Words: Lexical Feature Selection and
 * Evaluation for Identifying the Content of Political Conflict", Political
 * Analysis 16(4), section 3.5, equations 16-22).
 *
 * For each term w with counts y_a, y_b in the two groups (totals n_a, n_b)
 * and prior pseudo-counts α_w (total α_0):
 *
 *   δ_w = log((y_a + α_w) / (n_a + α_0 − y_a − α_w)) − log((y_b + α_w) / (n_b + α_0 − y_b − α_w))
 *   σ²(δ_w) ≈ 1 / (y_a + α_w) + 1 / (y_b + α_w)
 *   z_w = δ_w / σ(δ_w)
 *
 * Why this and not raw frequency or a plain log-odds ratio: frequent words
 * win raw-frequency comparisons and rare words win plain log-odds (a word
 * seen once in one group has infinite odds); the prior shrinks rare terms
 * toward the background rate and the z-score divides by the uncertainty
 * that remains, so a theme must be both distinctive and well attested.
 * The prior here is informative: α_w is the term's count in a background
 * corpus (in the product, every review of every partner), scaled so the
 * prior's total is `priorTotal`. Same statistic as the `fightin-words`
 * Python package (Kessler) with its informative prior.
 *
 * Example: logOddsDirichlet(new Map([['delay', 8], ['great', 1]]), new Map([['delay', 1], ['great', 9]]), new Map([['delay', 9], ['great', 10]]))
 *   gives 'delay' a positive z (distinctive of group a) and 'great' a negative one; the spec checks the values.
 */
export interface LogOddsResult {
  term: string;
  /** δ_w: the log-odds ratio of group a over group b, with the prior. */
  delta: number;
  /** z-score: δ_w over its standard deviation; above 1.96 the term is distinctive of group a at about the 5% level. */
  z: number;
  countA: number;
  countB: number;
}

export interface LogOddsOptions {
  /** Total pseudo-count α_0 of the prior; default the background corpus's own total (the prior is the background counts). */
  priorTotal?: number;
}

export function logOddsDirichlet(
  countsA: ReadonlyMap<string, number>,
  countsB: ReadonlyMap<string, number>,
  background: ReadonlyMap<string, number>,
  options: LogOddsOptions = {},
): LogOddsResult[] {
  const nA = total(countsA);
  const nB = total(countsB);
  const backgroundTotal = total(background);
  if (backgroundTotal <= 0) throw new Error('logOddsDirichlet requires a background corpus with at least one term');
  const alpha0 = options.priorTotal ?? backgroundTotal;
  if (!(alpha0 > 0)) throw new Error(`logOddsDirichlet requires priorTotal > 0; got ${alpha0}`);
  const terms = new Set([...countsA.keys(), ...countsB.keys()]);
  const out: LogOddsResult[] = [];
  for (const term of terms) {
    const alphaW = ((background.get(term) ?? 0) * alpha0) / backgroundTotal;
    if (!(alphaW > 0)) {
      throw new Error(`logOddsDirichlet requires every term of the two groups in the background corpus; "${term}" is missing`);
    }
    const yA = countsA.get(term) ?? 0;
    const yB = countsB.get(term) ?? 0;
    const delta = Math.log((yA + alphaW) / (nA + alpha0 - yA - alphaW)) - Math.log((yB + alphaW) / (nB + alpha0 - yB - alphaW));
    const variance = 1 / (yA + alphaW) + 1 / (yB + alphaW);
    out.push({ term, delta, z: delta / Math.sqrt(variance), countA: yA, countB: yB });
  }
  return out.sort((a, b) => b.z - a.z || a.term.localeCompare(b.term));
}

function total(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [term, c] of counts) {
    if (!Number.isFinite(c) || c < 0) throw new Error(`logOddsDirichlet requires non-negative counts; "${term}" has ${c}`);
    sum += c;
  }
  return sum;
}
