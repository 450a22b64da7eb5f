import { normalCdf, normalQuantile } from '@crosslane/domain-experiments';

/** What a campaign costs us; every figure in the campaign's currency. */
export interface CampaignCosts {
  /** Set-up, creative, partner fee: paid whatever happens. */
  readonly fixed: number;
  /** Per member treated (voucher printing, contact cost). */
  readonly perTreated: number;
  /** Per conversion in the treated arm (discount redeemed, commission). */
  readonly perConversion: number;
  /** Share of the total cost the partner bears, in [0, 1). */
  readonly partnerShare: number;
}

export interface ArmOutcome {
  readonly units: number;
  readonly conversions: number;
  /** Σ revenue and Σ revenue² per unit, when the campaign values outcomes by a revenue metric instead of a fixed value per conversion. */
  readonly revenueSum?: number;
  readonly revenueSumOfSquares?: number;
}

export interface RoiInput {
  readonly costs: CampaignCosts;
  /** Value of one conversion; ignored when both arms carry revenue sums. */
  readonly valuePerConversion: number;
  readonly treated: ArmOutcome;
  readonly control: ArmOutcome;
  readonly alpha?: number;
}

export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface RoiReport {
  readonly treatedUnits: number;
  /** Our cost after the partner's share. */
  readonly cost: number;
  readonly valueBasis: 'value-per-conversion' | 'revenue-metric';
  readonly incrementalConversions: Interval;
  readonly incrementalRevenue: Interval;
  /** (incremental revenue - cost) / cost. */
  readonly roi: Interval;
  /** cost / incremental conversions; upper is null (unbounded) when the interval of the lift reaches zero. */
  readonly costPerIncrementalConversion: { estimate: number | null; lower: number | null; upper: number | null };
  /** The absolute lift in conversion rate (or per-unit revenue) at which ROI is 0. */
  readonly breakEvenLift: number;
  /** Break-even lift relative to the control rate (or control mean revenue). */
  readonly breakEvenRelativeLift: number | null;
  /** Normal approximation of P(ROI > 0) given the observed effect: Φ((effect - break-even) / se). */
  readonly probabilityRoiPositive: number;
}

/** Field names as the API and the campaign form call them, so a refusal names the field a user typed. */
export const COST_FIELDS = ['fixedCost', 'costPerTreated', 'costPerConversion', 'partnerCostShare', 'valuePerConversion'] as const;

/** The problems with a set of costs, one per field; empty when they can be used. */
export function costProblems(costs: CampaignCosts, valuePerConversion: number): { field: (typeof COST_FIELDS)[number]; message: string }[] {
  const problems: { field: (typeof COST_FIELDS)[number]; message: string }[] = [];
  const check = (field: (typeof COST_FIELDS)[number], value: number) => {
    if (!Number.isFinite(value) || value < 0) problems.push({ field, message: `${field} must be a finite number >= 0, got ${value}` });
  };
  check('fixedCost', costs.fixed);
  check('costPerTreated', costs.perTreated);
  check('costPerConversion', costs.perConversion);
  check('valuePerConversion', valuePerConversion);
  if (!(costs.partnerShare >= 0 && costs.partnerShare < 1)) {
    problems.push({ field: 'partnerCostShare', message: `partnerCostShare must be in [0, 1), got ${costs.partnerShare}` });
  }
  return problems;
}

/**
 * Return on a campaign, from the A/B effect rather than from raw totals.
 *
 * Method: the per-unit effect δ is the difference in conversion rate times
 * the value of a conversion (or the difference in mean revenue, Welch's
 * standard error); incremental revenue is n_treated·δ. Our cost is
 * (1 - partner share)·(fixed + perTreated·n_treated + perConversion·conversions
 * in the treated arm), taken as known (it is observed, not estimated). ROI =
 * (n_treated·δ - cost)/cost is linear in δ, so the delta method is exact: its
 * interval is the Wald interval of δ mapped through the line. Cost per
 * incremental conversion, cost/(n_treated·d), is monotone in d, so its
 * interval maps the endpoints, and is unbounded when d's interval reaches 0.
 * Break-even lift: the δ at which ROI = 0, cost/n_treated; P(ROI > 0) =
 * Φ((δ̂ - δ*)/se), the normal approximation (equivalently a flat-prior
 * posterior). Source: the delta method as in Casella & Berger, Statistical
 * Inference (2nd ed.), §5.5.4; ROI as incremental margin over spend as in
 * Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments (2020), ch. 7.
 *
 * Example: 10,000 treated at 6 % against control at 5 %, a conversion worth
 * 50, fixed cost 2,000: 100 incremental conversions, revenue 5,000, ROI 1.5.
 */
export function campaignRoi(input: RoiInput): RoiReport {
  const alpha = input.alpha ?? 0.05;
  const { treated, control, costs } = input;
  const problems = costProblems(costs, input.valuePerConversion);
  if (problems.length > 0) throw new Error(`campaignRoi requires costs >= 0: ${problems.map((p) => p.message).join('; ')}`);
  for (const [name, arm] of [
    ['treated', treated],
    ['control', control],
  ] as const) {
    if (!(arm.units >= 2) || arm.conversions < 0 || arm.conversions > arm.units) {
      throw new Error(`campaignRoi requires at least 2 units and 0 <= conversions <= units in the ${name} arm`);
    }
  }
  const n1 = treated.units;
  const n0 = control.units;
  const p1 = treated.conversions / n1;
  const p0 = control.conversions / n0;
  const d = p1 - p0;
  const seD = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  const useRevenue = treated.revenueSum !== undefined && control.revenueSum !== undefined;
  let effect: number;
  let seEffect: number;
  let controlLevel: number;
  if (useRevenue) {
    const m1 = treated.revenueSum! / n1;
    const m0 = control.revenueSum! / n0;
    const v1 = ((treated.revenueSumOfSquares ?? 0) - n1 * m1 * m1) / (n1 - 1);
    const v0 = ((control.revenueSumOfSquares ?? 0) - n0 * m0 * m0) / (n0 - 1);
    effect = m1 - m0;
    seEffect = Math.sqrt(Math.max(0, v1) / n1 + Math.max(0, v0) / n0);
    controlLevel = m0;
  } else {
    effect = input.valuePerConversion * d;
    seEffect = input.valuePerConversion * seD;
    controlLevel = input.valuePerConversion * p0;
  }
  const z = normalQuantile(1 - alpha / 2);
  const cost = (1 - costs.partnerShare) * (costs.fixed + costs.perTreated * n1 + costs.perConversion * treated.conversions);
  const interval = (estimate: number, se: number, scale: number, shift = 0): Interval => ({
    estimate: scale * estimate + shift,
    lower: scale * (estimate - z * se) + shift,
    upper: scale * (estimate + z * se) + shift,
  });
  const incConv = interval(d, seD, n1);
  const incRev = interval(effect, seEffect, n1);
  const roi =
    cost > 0
      ? interval(effect, seEffect, n1 / cost, -1)
      : { estimate: Number.POSITIVE_INFINITY, lower: Number.POSITIVE_INFINITY, upper: Number.POSITIVE_INFINITY };
  const breakEven = cost / n1;
  const cpic =
    incConv.estimate > 0
      ? {
          estimate: cost / incConv.estimate,
          lower: cost / incConv.upper,
          upper: incConv.lower > 0 ? cost / incConv.lower : null,
        }
      : { estimate: null, lower: incConv.upper > 0 ? cost / incConv.upper : null, upper: null };
  return {
    treatedUnits: n1,
    cost,
    valueBasis: useRevenue ? 'revenue-metric' : 'value-per-conversion',
    incrementalConversions: incConv,
    incrementalRevenue: incRev,
    roi,
    costPerIncrementalConversion: cpic,
    breakEvenLift: useRevenue ? breakEven : input.valuePerConversion > 0 ? breakEven / input.valuePerConversion : Number.POSITIVE_INFINITY,
    breakEvenRelativeLift: controlLevel > 0 ? breakEven / controlLevel : null,
    probabilityRoiPositive: seEffect > 0 ? normalCdf((effect - breakEven) / seEffect) : effect > breakEven ? 1 : 0,
  };
}

export interface ScoredUnit {
  /** Predicted uplift; higher is targeted first. */
  readonly score: number;
  readonly treated: boolean;
  readonly converted: boolean;
  readonly revenue?: number;
}

/**
 * ROI had we treated only the top `fraction` of units by predicted uplift.
 *
 * Method: rank all units (both arms) by score, keep the top fraction, and
 * compare treated and control within it; costs are those of treating the
 * treated units of the slice. Valid because assignment was random, so
 * treated and control units in the slice are comparable; the scores must come
 * from a model not fitted on these units (a held-out split), or the slice's
 * effect is optimistic.
 */
export function campaignRoiForTopFraction(
  units: readonly ScoredUnit[],
  fraction: number,
  input: Omit<RoiInput, 'treated' | 'control'>,
): RoiReport & { fraction: number; unitsInSlice: number } {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`campaignRoiForTopFraction requires a fraction in (0, 1], got ${fraction}`);
  const order = units.map((_, i) => i).sort((a, b) => units[b]!.score - units[a]!.score || a - b);
  const take = Math.floor(units.length * fraction);
  const arms = {
    treated: { units: 0, conversions: 0, revenueSum: 0, revenueSumOfSquares: 0 },
    control: { units: 0, conversions: 0, revenueSum: 0, revenueSumOfSquares: 0 },
  };
  let withRevenue = true;
  for (let k = 0; k < take; k += 1) {
    const u = units[order[k]!]!;
    const arm = u.treated ? arms.treated : arms.control;
    arm.units += 1;
    if (u.converted) arm.conversions += 1;
    if (u.revenue === undefined) withRevenue = false;
    else {
      arm.revenueSum += u.revenue;
      arm.revenueSumOfSquares += u.revenue * u.revenue;
    }
  }
  const strip = (a: typeof arms.treated): ArmOutcome => (withRevenue ? a : { units: a.units, conversions: a.conversions });
  return { ...campaignRoi({ ...input, treated: strip(arms.treated), control: strip(arms.control) }), fraction, unitsInSlice: take };
}
