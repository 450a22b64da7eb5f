import { betaBinomialArms, expectedLoss, type BetaPrior, type ExpectedLossResult } from './beta-binomial';
import { cupedAdjust } from './cuped';
import { studentTQuantile } from './distributions';
import { decideComparison, pEquals, type Decision, type ExperimentMetric, type Verdict } from './experiment-decision';
import { holmAdjust } from './p-value-adjustment';
import { sampleRatioMismatch, SRM_P_VALUE_THRESHOLD, type SampleRatioMismatchResult } from './sample-ratio-mismatch';
import { summaryFromSums, type SampleSummary } from './sample-summary';
import { twoProportionZTest, type TwoProportionZTestResult } from './two-proportion-z-test';
import type { IntervalEstimate } from './types';
import { requireFiniteNumber, requireNonNegativeInteger, requireOpenUnitInterval } from './validation';
import { welchTTest, type WelchTTestResult } from './welch-t-test';
import { wilsonInterval } from './wilson-interval';

/** One variant's aggregates, as a GROUP BY variant query returns them. */
export interface VariantAggregate {
  readonly key: string;
  /** Display name used in the summary, e.g. "Mens E-Mail"; defaults to the key. */
  readonly name?: string;
  /** Intended allocation weight (relative); compared with the members actually assigned. */
  readonly weight: number;
  readonly members: number;
  /** Members who converted at least once (0/1 per member). */
  readonly conversions: number;
  /** Σ revenue over members (members without revenue count as 0). */
  readonly revenueSum: number;
  /** Σ revenue² over members. */
  readonly revenueSumOfSquares: number;
  /**
   * Pre-period covariate for CUPED on revenue (e.g. each member's revenue in
   * the weeks before the test): Σx, Σx², Σx·revenue. Give it for every
   * variant or for none.
   */
  readonly covariate?: {
    readonly sum: number;
    readonly sumOfSquares: number;
    readonly crossProductSum: number;
  };
}

export interface AnalyseExperimentInput {
  readonly variants: readonly VariantAggregate[];
  readonly controlKey: string;
  /** Metric the decision is made on; the other one is a guardrail. Default 'conversion'. */
  readonly primaryMetric?: ExperimentMetric;
  /** The test is over (a concluded campaign): an inconclusive result is final, not "keep running". */
  readonly concluded?: boolean;
}

export interface AnalyseExperimentOptions {
  /** Level of every interval; significance level is 1 - confidence. Default 0.95. */
  readonly confidence?: number;
  /** Sample-ratio-mismatch threshold on the chi-square p-value. Default 0.001. */
  readonly srmThreshold?: number;
  /** Beta prior for the Bayesian conversion figures. Default Beta(1, 1). */
  readonly prior?: BetaPrior;
}

export interface VariantResult {
  readonly key: string;
  readonly name: string;
  readonly isControl: boolean;
  readonly members: number;
  readonly expectedShare: number;
  readonly observedShare: number;
  /** Conversion rate with Wilson interval. */
  readonly conversionRate: IntervalEstimate;
  /** Revenue per member with a t interval. */
  readonly revenuePerMember: IntervalEstimate;
  readonly revenueStandardDeviation: number;
  /** CUPED-adjusted revenue per member, when a covariate was given. */
  readonly cupedRevenuePerMember: number | null;
  /** Posterior probability that this variant has the highest conversion rate. */
  readonly probabilityToBeBest: number;
  /** Conversion rate given up, in expectation, by shipping this variant instead of the best. */
  readonly expectedLoss: number;
}

export interface MetricTest<T> {
  readonly result: T;
  /** Holm-adjusted within the metric's family: the primary metric over every treatment; the guardrail apart. */
  readonly adjustedPValue: number;
  readonly significant: boolean;
}

export interface ComparisonResult {
  readonly variantKey: string;
  readonly controlKey: string;
  readonly conversion: MetricTest<TwoProportionZTestResult>;
  /** Welch t on revenue per member; on CUPED-adjusted revenue when a covariate was given. */
  readonly revenue: MetricTest<WelchTTestResult> & { readonly cuped: boolean };
  /** Welch t on unadjusted revenue, reported beside the CUPED result; null without CUPED. */
  readonly revenueWithoutCuped: WelchTTestResult | null;
  /** CUPED variance reduction on revenue, pooled over the two arms; null without CUPED. */
  readonly cupedVarianceReduction: number | null;
  readonly chanceToBeatControl: number;
  readonly expectedLoss: ExpectedLossResult;
  readonly decision: Decision;
}

export interface ExperimentAnalysis {
  readonly controlKey: string;
  readonly primaryMetric: ExperimentMetric;
  readonly confidence: number;
  readonly sampleRatioMismatch: SampleRatioMismatchResult;
  /** False when the split is mismatched: no comparison can then be trusted. */
  readonly trustworthy: boolean;
  /** CUPED theta, when a covariate was given. */
  readonly cupedTheta: number | null;
  readonly variants: VariantResult[];
  readonly comparisons: ComparisonResult[];
  /** Overall verdict: do-not-trust, else ship if any treatment ships, else the most cautious verdict. */
  readonly verdict: Verdict;
  /** One sentence per treatment, then the best arm on conversion. */
  readonly summary: string;
}

function validateVariant(fn: string, v: VariantAggregate, i: number): void {
  const label = `variants[${i}]`;
  if (typeof v.key !== 'string' || v.key.length === 0) {
    throw new RangeError(`${fn} requires ${label}.key to be a non-empty string`);
  }
  requireFiniteNumber(fn, `${label}.weight`, v.weight);
  if (v.weight <= 0) throw new RangeError(`${fn} requires ${label}.weight > 0, got ${v.weight}`);
  requireNonNegativeInteger(fn, `${label}.members`, v.members);
  if (v.members < 2) {
    throw new RangeError(`${fn} requires at least 2 members in each variant, got ${v.members} in '${v.key}'`);
  }
  requireNonNegativeInteger(fn, `${label}.conversions`, v.conversions);
  if (v.conversions > v.members) {
    throw new RangeError(`${fn} requires conversions <= members, got ${v.conversions} > ${v.members} in '${v.key}'`);
  }
  requireFiniteNumber(fn, `${label}.revenueSum`, v.revenueSum);
  requireFiniteNumber(fn, `${label}.revenueSumOfSquares`, v.revenueSumOfSquares);
}

const VERDICT_CAUTION: Record<Verdict, number> = {
  'do-not-trust': 4,
  'guardrail-harmed': 3,
  'do-not-ship': 2,
  'keep-running': 1,
  ship: 0,
};

/**
 * Full analysis of a campaign test from per-variant aggregates: rates with
 * Wilson intervals, revenue per member with t intervals, per treatment the
 * absolute and relative lifts, two-proportion z-test on conversion, Welch
 * t-test on revenue (CUPED-adjusted when a pre-period covariate is given),
 * Holm-adjusted p-values over all treatments and both metrics, the
 * sample-ratio-mismatch check, Bayesian chance to beat control and expected
 * loss, and a decision sentence (rules in `decideComparison`).
 *
 * Method: a fixed-horizon analysis, following Kohavi, Tang & Xu, Trustworthy
 * Online Controlled Experiments (2020), chs. 17-21 (guardrails and SRM
 * first, then the metrics). Read it once the planned sample size is reached;
 * to watch a test continuously use `msprtTwoProportions`, whose p-value stays
 * valid under peeking. The methods are those of the functions it calls.
 *
 * Example: on the Hillstrom (2008) e-mail test with No E-Mail as control,
 * comparisons[0].decision.summary === 'Mens E-Mail beats control on conversion by +0.68 pp [95% CI 0.50, 0.86]; safe to ship'.
 */
export function analyseExperiment(input: AnalyseExperimentInput, options: AnalyseExperimentOptions = {}): ExperimentAnalysis {
  const fn = 'analyseExperiment';
  const { variants, controlKey } = input;
  if (!Array.isArray(variants) || variants.length < 2) {
    throw new RangeError(`${fn} requires at least 2 variants (a control and a treatment)`);
  }
  variants.forEach((v, i) => validateVariant(fn, v, i));
  const keys = new Set(variants.map((v) => v.key));
  if (keys.size !== variants.length) throw new RangeError(`${fn} requires unique variant keys`);
  const controlIndex = variants.findIndex((v) => v.key === controlKey);
  if (controlIndex < 0) {
    throw new RangeError(`${fn} requires controlKey to name a variant, got '${controlKey}' (variants: ${[...keys].join(', ')})`);
  }
  const withCovariate = variants.filter((v) => v.covariate !== undefined).length;
  if (withCovariate !== 0 && withCovariate !== variants.length) {
    throw new RangeError(`${fn} requires a covariate for every variant or for none, got ${withCovariate} of ${variants.length}`);
  }
  const primaryMetric: ExperimentMetric = input.primaryMetric ?? 'conversion';
  const confidence = options.confidence ?? 0.95;
  requireOpenUnitInterval(fn, 'confidence', confidence);
  const alpha = 1 - confidence;
  const prior = options.prior;

  const srm = sampleRatioMismatch(
    variants.map((v) => v.members),
    variants.map((v) => v.weight),
    { threshold: options.srmThreshold ?? SRM_P_VALUE_THRESHOLD },
  );

  const revenue: SampleSummary[] = variants.map((v) => summaryFromSums(v.members, v.revenueSum, v.revenueSumOfSquares));
  const cuped =
    withCovariate > 0
      ? cupedAdjust(
          variants.map((v) => ({
            n: v.members,
            sumY: v.revenueSum,
            sumYSquares: v.revenueSumOfSquares,
            sumX: v.covariate?.sum ?? 0,
            sumXSquares: v.covariate?.sumOfSquares ?? 0,
            sumXY: v.covariate?.crossProductSum ?? 0,
          })),
        )
      : null;
  const counts = variants.map((v) => ({ successes: v.conversions, n: v.members }));
  const bayes = betaBinomialArms(counts, { controlIndex, prior });

  const variantResults: VariantResult[] = variants.map((v, i) => {
    const s = revenue[i];
    const tCrit = studentTQuantile(1 - alpha / 2, v.members - 1);
    const half = tCrit * Math.sqrt(s.variance / s.n);
    return {
      key: v.key,
      name: v.name ?? v.key,
      isControl: i === controlIndex,
      members: v.members,
      expectedShare: srm.expectedShares[i],
      observedShare: srm.observedShares[i],
      conversionRate: wilsonInterval(v.conversions, v.members, confidence),
      revenuePerMember: { estimate: s.mean, lower: s.mean - half, upper: s.mean + half },
      revenueStandardDeviation: Math.sqrt(s.variance),
      cupedRevenuePerMember: cuped ? cuped.arms[i].adjustedMean : null,
      probabilityToBeBest: bayes.arms[i].probabilityToBeBest,
      expectedLoss: bayes.arms[i].expectedLoss,
    };
  });

  const treatmentIndices = variants.map((_, i) => i).filter((i) => i !== controlIndex);
  const raw = treatmentIndices.map((i) => {
    const conversion = twoProportionZTest(counts[controlIndex], counts[i], { confidence });
    const revenueRaw = welchTTest(revenue[controlIndex], revenue[i], { confidence });
    const revenueCuped = cuped ? welchTTest(cuped.arms[controlIndex].summary, cuped.arms[i].summary, { confidence }) : null;
    return { i, conversion, revenueRaw, revenueCuped };
  });

  // The decision family is the primary metric over every treatment (adding arms cannot manufacture a win); the
  // guardrail is adjusted apart, so a test with no revenue does not double its conversion p (issue 12).
  const conversionP = raw.map((r) => r.conversion.pValue);
  const revenueP = raw.map((r) => (r.revenueCuped ?? r.revenueRaw).pValue);
  const conversionAdjustedAll = holmAdjust(conversionP);
  const revenueAdjustedAll = holmAdjust(revenueP);
  const familySize = raw.length;
  const family = familySize === 1 ? '1 comparison, no adjustment' : `Holm over ${familySize} comparisons`;
  const controlVariant = variants[controlIndex];
  const count = (n: number) => n.toLocaleString('en-US');

  const comparisons: ComparisonResult[] = raw.map((r, k) => {
    const v = variants[r.i];
    const revenueTest = r.revenueCuped ?? r.revenueRaw;
    const conversionAdjusted = conversionAdjustedAll[k];
    const revenueAdjusted = revenueAdjustedAll[k];
    const conversionEvidence = {
      metric: 'conversion' as const,
      ...r.conversion.absoluteLift,
      adjustedPValue: conversionAdjusted,
    };
    const revenueEvidence = { metric: 'revenue' as const, ...revenueTest.difference, adjustedPValue: revenueAdjusted };
    const [primary, guardrail] =
      primaryMetric === 'conversion' ? [conversionEvidence, revenueEvidence] : [revenueEvidence, conversionEvidence];
    // Treatments always carry a pairwise chance; only the control's is null.
    const chance = bayes.arms[r.i].chanceToBeatControl ?? 0.5;
    const countsText =
      primaryMetric === 'conversion'
        ? `${count(v.conversions)} of ${count(v.members)} vs ${count(controlVariant.conversions)} of ${count(controlVariant.members)}`
        : `n ${count(v.members)} vs ${count(controlVariant.members)}`;
    const decision = decideComparison({
      label: v.name ?? v.key,
      controlLabel: controlVariant.name ?? controlVariant.key,
      primary,
      guardrails: [guardrail],
      alpha,
      confidence,
      sampleRatioMismatch: srm,
      chanceToBeatControl: primaryMetric === 'conversion' ? chance : null,
      evidence: `${countsText}; ${family}`,
      concluded: input.concluded ?? false,
      familySize,
    });
    let cupedVarianceReduction: number | null = null;
    if (cuped) {
      const c = cuped.arms[controlIndex];
      const t = cuped.arms[r.i];
      const rawVar = c.varianceY / c.n + t.varianceY / t.n;
      cupedVarianceReduction = rawVar > 0 ? 1 - (c.adjustedVariance / c.n + t.adjustedVariance / t.n) / rawVar : 0;
    }
    return {
      variantKey: v.key,
      controlKey,
      conversion: { result: r.conversion, adjustedPValue: conversionAdjusted, significant: conversionAdjusted < alpha },
      revenue: {
        result: revenueTest,
        adjustedPValue: revenueAdjusted,
        significant: revenueAdjusted < alpha,
        cuped: r.revenueCuped !== null,
      },
      revenueWithoutCuped: r.revenueCuped ? r.revenueRaw : null,
      cupedVarianceReduction,
      chanceToBeatControl: chance,
      expectedLoss: expectedLoss(counts[controlIndex], counts[r.i], { prior }),
      decision,
    };
  });

  const verdicts = comparisons.map((c) => c.decision.verdict);
  let verdict: Verdict;
  if (srm.flagged) verdict = 'do-not-trust';
  else if (verdicts.includes('ship')) verdict = 'ship';
  else verdict = verdicts.reduce((worst, v) => (VERDICT_CAUTION[v] > VERDICT_CAUTION[worst] ? v : worst), 'ship');

  let summary: string;
  if (srm.flagged) {
    const shares = (xs: readonly number[]): string => xs.map((x) => `${(x * 100).toFixed(1)}%`).join(' / ');
    summary =
      `Do not trust this experiment: sample ratio mismatch (${pEquals(srm.pValue)}; ` +
      `members split ${shares(srm.observedShares)}, intended ${shares(srm.expectedShares)}); check assignment and event logging`;
  } else {
    const best = variantResults.reduce((b, v) => (v.probabilityToBeBest > b.probabilityToBeBest ? v : b));
    summary = [
      ...comparisons.map((c) => c.decision.summary),
      `Most likely best on conversion: ${best.name} (${(best.probabilityToBeBest * 100).toFixed(1)}% chance)`,
    ].join('\n');
  }

  return {
    controlKey,
    primaryMetric,
    confidence,
    sampleRatioMismatch: srm,
    trustworthy: !srm.flagged,
    cupedTheta: cuped ? cuped.theta : null,
    variants: variantResults,
    comparisons,
    verdict,
    summary,
  };
}
