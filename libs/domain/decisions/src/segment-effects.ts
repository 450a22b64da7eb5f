import { chiSquareUpperTail, holmAdjust, normalQuantile, normalTwoSidedP } from '@crosslane/domain-experiments';

/** Units and conversions of one arm within one segment band. */
export interface SegmentCellCounts {
  /** The band's label, e.g. "2) $100 - $200" or "rfm:champions". */
  readonly band: string;
  /** The dimension the band belongs to, e.g. "history_segment", "rfm". */
  readonly dimension: string;
  readonly arm: string;
  readonly units: number;
  readonly conversions: number;
}

export interface SegmentEffectsInput {
  readonly controlArm: string;
  readonly cells: readonly SegmentCellCounts[];
  /** Two-sided family-wise level; 0.05 unless told. */
  readonly alpha?: number;
  /**
   * Smallest group that may be shown; a cell with fewer units in either arm is
   * suppressed (not estimated, not counted in the Holm family nor in Q). The
   * caller passes the partners' minimum group size when partner data is
   * involved; the privacy gate decides that number, not this function.
   */
  readonly minGroupSize?: number;
}

export interface SegmentEffectCell {
  readonly dimension: string;
  readonly band: string;
  readonly arm: string;
  readonly suppressed: boolean;
  readonly treatedUnits: number;
  readonly controlUnits: number;
  readonly treatedRate: number | null;
  readonly controlRate: number | null;
  /** Treated rate minus control rate (absolute), with its unadjusted (1 - alpha) Wald interval. */
  readonly difference: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Simultaneous interval: the Bonferroni width over the cells shown, which Holm's adjusted p-values never contradict. */
  readonly adjustedLower: number | null;
  readonly adjustedUpper: number | null;
  readonly pValue: number | null;
  readonly holmPValue: number | null;
  /** A winner: heterogeneity established for its arm and dimension, and its Holm-adjusted p below alpha with a positive effect. */
  readonly winner: boolean;
}

export interface HeterogeneityTest {
  readonly arm: string;
  readonly dimension: string;
  /** Cochran's Q on the per-cell differences, df = cells - 1. */
  readonly q: number;
  readonly df: number;
  readonly pValue: number;
  /** I² = max(0, (Q - df) / Q): the share of variation across cells beyond chance. */
  readonly iSquared: number;
  readonly pooledDifference: number;
  readonly significant: boolean;
}

export interface SegmentEffectsReport {
  readonly alpha: number;
  readonly cells: readonly SegmentEffectCell[];
  readonly heterogeneity: readonly HeterogeneityTest[];
  readonly suppressedCells: number;
}

/**
 * Treatment effects by segment band, with a heterogeneity test before any
 * band is named a winner.
 *
 * Method: in each band, the difference of conversion rates (treated minus
 * control) with the unpooled Wald standard error
 * sqrt(p1(1-p1)/n1 + p0(1-p0)/n0) and a two-sided z-test; Holm's step-down
 * adjustment across every cell shown (all arms, all dimensions), because a
 * manager reads the whole forest plot at once; and, per arm and dimension,
 * Cochran's Q = Σ w_i (d_i - d̄)², w_i = 1/se_i², d̄ the inverse-variance
 * pooled difference, against χ²(k - 1) (W. G. Cochran, 1954, "The
 * combination of estimates from different experiments", Biometrics 10:101-129;
 * the interaction test of a subgroup analysis, as in Cochrane Handbook §10.11).
 *
 * A cell is a winner only when Q rejects for its arm and dimension AND its
 * Holm-adjusted p is below alpha AND its difference is positive: a subgroup
 * that is merely significant while the effect is the same everywhere is the
 * average effect seen through a smaller window, not a finding about that
 * subgroup. Gating on Q first means a null campaign names no winner at more
 * than the rate alpha.
 *
 * Equivalent in statsmodels: `proportion.confint_proportions_2indep(...,
 * method='wald')` per cell, `multipletests(p, method='holm')`, and
 * `stats.meta_analysis.combine_effects(d, var).test_homog()` for Q.
 *
 * Example: Hillstrom, Womens E-Mail vs No E-Mail, visit, band "Rural":
 * difference 0.0291, 95 % interval [0.0107, 0.0475] (asserted in the spec
 * against a hand computation from plain counts and numpy).
 */
export function segmentEffects(input: SegmentEffectsInput): SegmentEffectsReport {
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`segmentEffects requires alpha in (0, 1), got ${alpha}`);
  const minGroup = input.minGroupSize ?? 0;
  const byKey = new Map<string, SegmentCellCounts>();
  for (const c of input.cells) {
    if (!Number.isInteger(c.units) || !Number.isInteger(c.conversions) || c.units < 0 || c.conversions < 0 || c.conversions > c.units) {
      throw new Error(
        `segmentEffects requires 0 <= conversions <= units (integers) in every cell; ${c.arm}/${c.dimension}/${c.band} has ${c.conversions} of ${c.units}`,
      );
    }
    const key = `${c.dimension}\u0000${c.band}\u0000${c.arm}`;
    if (byKey.has(key))
      throw new Error(`segmentEffects requires one cell per arm, dimension and band; ${c.arm}/${c.dimension}/${c.band} appears twice`);
    byKey.set(key, c);
  }
  const arms = [...new Set(input.cells.map((c) => c.arm))].filter((a) => a !== input.controlArm);
  if (!input.cells.some((c) => c.arm === input.controlArm)) {
    throw new Error(`segmentEffects requires cells for the control arm "${input.controlArm}"`);
  }
  const bands = uniqueBy(input.cells, (c) => `${c.dimension}\u0000${c.band}`);

  interface Draft {
    dimension: string;
    band: string;
    arm: string;
    t: SegmentCellCounts | undefined;
    c: SegmentCellCounts | undefined;
    suppressed: boolean;
    d: number;
    se: number;
    p: number;
  }
  const drafts: Draft[] = [];
  for (const arm of arms) {
    for (const b of bands) {
      const t = byKey.get(`${b.dimension}\u0000${b.band}\u0000${arm}`);
      const c = byKey.get(`${b.dimension}\u0000${b.band}\u0000${input.controlArm}`);
      const nT = t?.units ?? 0;
      const nC = c?.units ?? 0;
      // A band too small to show, or with no variance in either arm, gives no estimate.
      let suppressed = nT < Math.max(1, minGroup) || nC < Math.max(1, minGroup);
      let d = Number.NaN;
      let se = Number.NaN;
      let p = Number.NaN;
      if (!suppressed) {
        const p1 = t!.conversions / nT;
        const p0 = c!.conversions / nC;
        d = p1 - p0;
        se = Math.sqrt((p1 * (1 - p1)) / nT + (p0 * (1 - p0)) / nC);
        if (!(se > 0)) suppressed = true;
        else p = normalTwoSidedP(d / se);
      }
      drafts.push({ dimension: b.dimension, band: b.band, arm, t, c, suppressed, d, se, p });
    }
  }

  const shown = drafts.filter((x) => !x.suppressed);
  const holm = shown.length > 0 ? holmAdjust(shown.map((x) => x.p)) : [];
  const holmOf = new Map<Draft, number>(shown.map((x, i) => [x, holm[i] as number]));

  const heterogeneity: HeterogeneityTest[] = [];
  const groups = new Map<string, Draft[]>();
  for (const x of shown) {
    const key = `${x.arm}\u0000${x.dimension}`;
    const list = groups.get(key) ?? [];
    list.push(x);
    groups.set(key, list);
  }
  const hetSignificant = new Set<string>();
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    const q = cochranQ(
      list.map((x) => x.d),
      list.map((x) => x.se * x.se),
    );
    const significant = q.pValue < alpha;
    if (significant) hetSignificant.add(key);
    heterogeneity.push({ arm: list[0]!.arm, dimension: list[0]!.dimension, ...q, significant });
  }

  const zSingle = normalQuantile(1 - alpha / 2);
  const zFamily = normalQuantile(1 - alpha / (2 * Math.max(1, shown.length)));
  const cells: SegmentEffectCell[] = drafts.map((x) => {
    const base = {
      dimension: x.dimension,
      band: x.band,
      arm: x.arm,
      suppressed: x.suppressed,
      treatedUnits: x.t?.units ?? 0,
      controlUnits: x.c?.units ?? 0,
    };
    if (x.suppressed) {
      return {
        ...base,
        treatedRate: null,
        controlRate: null,
        difference: null,
        lower: null,
        upper: null,
        adjustedLower: null,
        adjustedUpper: null,
        pValue: null,
        holmPValue: null,
        winner: false,
      };
    }
    const holmP = holmOf.get(x)!;
    return {
      ...base,
      treatedRate: x.t!.conversions / x.t!.units,
      controlRate: x.c!.conversions / x.c!.units,
      difference: x.d,
      lower: x.d - zSingle * x.se,
      upper: x.d + zSingle * x.se,
      adjustedLower: x.d - zFamily * x.se,
      adjustedUpper: x.d + zFamily * x.se,
      pValue: x.p,
      holmPValue: holmP,
      winner: hetSignificant.has(`${x.arm}\u0000${x.dimension}`) && holmP < alpha && x.d > 0,
    };
  });
  return { alpha, cells, heterogeneity, suppressedCells: drafts.length - shown.length };
}

/**
 * Cochran's Q for k estimates with known variances.
 *
 * Example: cochranQ([0.1, 0.0], [0.0025, 0.0025]) -> q = 2, df = 1, p ≈ 0.157.
 */
export function cochranQ(
  estimates: readonly number[],
  variances: readonly number[],
): { q: number; df: number; pValue: number; iSquared: number; pooledDifference: number } {
  if (estimates.length !== variances.length || estimates.length < 2) {
    throw new Error('cochranQ requires at least 2 estimates, each with a variance');
  }
  let sw = 0;
  let swd = 0;
  for (let i = 0; i < estimates.length; i += 1) {
    const w = 1 / (variances[i] as number);
    sw += w;
    swd += w * (estimates[i] as number);
  }
  const pooled = swd / sw;
  let q = 0;
  for (let i = 0; i < estimates.length; i += 1) {
    q += ((estimates[i] as number) - pooled) ** 2 / (variances[i] as number);
  }
  const df = estimates.length - 1;
  return { q, df, pValue: chiSquareUpperTail(q, df), iSquared: q > 0 ? Math.max(0, (q - df) / q) : 0, pooledDifference: pooled };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
