import { cupedAdjust } from './cuped';
import { normalQuantile, normalTwoSidedP, normalUpperTail, studentTQuantile, studentTUpperTail } from './distributions';
import { pEquals } from './experiment-decision';
import type { MetricDefinition, MetricDirection, MetricHypothesis, MetricKind, MetricRole } from './metric-definition';
import { holmAdjust } from './p-value-adjustment';
import { relativeLift } from './relative-lift';
import { sampleRatioMismatch, SRM_P_VALUE_THRESHOLD, type SampleRatioMismatchResult } from './sample-ratio-mismatch';
import { summaryFromSums, type SampleSummary } from './sample-summary';
import { twoProportionZTest } from './two-proportion-z-test';
import type { IntervalEstimate } from './types';
import { requireFiniteNumber, requireNonNegativeInteger, requireOpenUnitInterval } from './validation';
import { welchTTest } from './welch-t-test';
import { wilsonInterval } from './wilson-interval';

/** Σ over one arm's units of a second column and its products: Σx, Σx², Σx·value. */
export interface PairedSums {
  readonly sum: number;
  readonly sumOfSquares: number;
  readonly crossProductSum: number;
}

/** One metric's sums in one arm, as a GROUP BY arm query returns them. For a binary metric `sum` counts the successes. */
export interface MetricSums {
  readonly sum: number;
  readonly sumOfSquares: number;
  /** Ratio metrics: the denominator's sums (crossProductSum = Σ numerator·denominator). */
  readonly denominator?: PairedSums;
  /** Metrics with a pre-period covariate (CUPED): crossProductSum = Σ covariate·value. */
  readonly covariate?: PairedSums;
}

export interface MetricArmInput {
  readonly key: string;
  readonly name?: string;
  /** Intended allocation weight (relative), for the sample-ratio check. */
  readonly weight: number;
  readonly units: number;
  /** One entry per metric, in the order of the metric definitions. */
  readonly metrics: readonly MetricSums[];
}

export interface AnalyseMetricsInput {
  readonly arms: readonly MetricArmInput[];
  readonly controlKey: string;
  readonly metrics: readonly MetricDefinition[];
  /** The test is over (imported finished test, or a concluded campaign): an inconclusive result is final, not "keep running". */
  readonly concluded: boolean;
}

export interface AnalyseMetricsOptions {
  /** Level of every interval; the significance level is 1 - confidence. Default 0.95. */
  readonly confidence?: number;
  readonly srmThreshold?: number;
}

export interface MetricArmResult {
  readonly key: string;
  readonly name: string;
  readonly n: number;
  /** Binary metrics: units with 1. */
  readonly successes: number | null;
  /** Rate (Wilson interval), mean (t interval) or ratio (delta-method interval). */
  readonly value: IntervalEstimate;
  readonly standardDeviation: number | null;
  /** CUPED-adjusted mean, when the metric has a covariate. */
  readonly cupedValue: number | null;
}

export interface TestStatistic {
  readonly name: 'z' | 't';
  readonly value: number;
  readonly degreesOfFreedom: number | null;
  readonly pTwoSided: number;
  /** P-value of the one-sided test in the metric's good direction. */
  readonly pOneSided: number;
  /** Treatment minus control, with its two-sided interval. */
  readonly difference: IntervalEstimate;
}

export type MetricFamily = 'primary' | 'secondary' | 'guardrail';

export interface MetricComparison {
  readonly metric: string;
  readonly variantKey: string;
  readonly controlKey: string;
  readonly test: TestStatistic;
  readonly relativeLift: IntervalEstimate | null;
  /** The p-value of the declared hypothesis (two-sided or one-sided), before adjustment. */
  readonly pValue: number;
  /** Holm-adjusted within the metric's family (primary, or secondary); guardrails are not adjusted. */
  readonly adjustedPValue: number;
  readonly significant: boolean;
  /** Significant and in the good direction / the bad direction, or neither. */
  readonly outcome: 'better' | 'worse' | 'no-difference';
  /** With a covariate: theta, the variance reduction achieved and the test without CUPED. */
  readonly cuped: { readonly theta: number; readonly varianceReduction: number; readonly withoutCuped: TestStatistic } | null;
}

export interface MetricResult {
  readonly name: string;
  readonly kind: MetricKind;
  readonly direction: MetricDirection;
  readonly role: MetricRole;
  readonly hypothesis: MetricHypothesis;
  readonly arms: MetricArmResult[];
  readonly comparisons: MetricComparison[];
}

export type MetricVerdict = 'ship' | 'guardrail-harmed' | 'do-not-ship' | 'keep-running' | 'inconclusive' | 'do-not-trust';

export interface ArmDecision {
  readonly variantKey: string;
  readonly verdict: MetricVerdict;
  /** The p-value the sentence rests on: the first primary metric's adjusted p (equal to its raw p in a family of one). */
  readonly headlinePValue: number;
  readonly summary: string;
}

export interface FamilyDescription {
  readonly method: 'holm';
  readonly comparisons: number;
  /** "Holm over 2 comparisons", "1 comparison, no adjustment". */
  readonly label: string;
}

export interface MetricsReport {
  readonly kind: 'named-metrics';
  readonly concluded: boolean;
  readonly confidence: number;
  readonly controlKey: string;
  readonly arms: { key: string; name: string; isControl: boolean; units: number; expectedShare: number; observedShare: number }[];
  readonly sampleRatioMismatch: SampleRatioMismatchResult;
  readonly trustworthy: boolean;
  readonly metrics: MetricResult[];
  readonly families: { readonly primary: FamilyDescription; readonly secondary: FamilyDescription | null };
  readonly decisions: ArmDecision[];
  readonly verdict: MetricVerdict;
  readonly summary: string;
}

const CAUTION: Record<MetricVerdict, number> = {
  'do-not-trust': 5,
  'guardrail-harmed': 4,
  'do-not-ship': 3,
  'keep-running': 2,
  inconclusive: 1,
  ship: 0,
};

function familyLabel(m: number, exploratory: boolean): FamilyDescription {
  const label = m === 1 ? '1 comparison, no adjustment' : `Holm over ${m} comparisons`;
  return { method: 'holm', comparisons: m, label: exploratory ? `${label}, exploratory` : label };
}

function oneSided(direction: MetricDirection, upperTailOfStatistic: number, lowerTail: number): number {
  return direction === 'increase' ? upperTailOfStatistic : lowerTail;
}

function binaryTest(
  c: MetricSums,
  nc: number,
  t: MetricSums,
  nt: number,
  direction: MetricDirection,
  confidence: number,
): { test: TestStatistic; relative: IntervalEstimate | null } {
  const r = twoProportionZTest({ successes: c.sum, n: nc }, { successes: t.sum, n: nt }, { confidence });
  const z = r.z;
  return {
    test: {
      name: 'z',
      value: z,
      degreesOfFreedom: null,
      pTwoSided: r.pValue,
      pOneSided: oneSided(direction, normalUpperTail(z), normalUpperTail(-z)),
      difference: r.absoluteLift,
    },
    relative: r.relativeLift,
  };
}

function welch(
  a: SampleSummary,
  b: SampleSummary,
  direction: MetricDirection,
  confidence: number,
): { test: TestStatistic; relative: IntervalEstimate | null } {
  const r = welchTTest(a, b, { confidence });
  const up = Number.isFinite(r.t) ? studentTUpperTail(r.t, r.degreesOfFreedom) : r.t > 0 ? 0 : 1;
  return {
    test: {
      name: 't',
      value: r.t,
      degreesOfFreedom: r.degreesOfFreedom,
      pTwoSided: r.pValue,
      pOneSided: oneSided(direction, up, 1 - up),
      difference: r.difference,
    },
    relative: r.relativeLift,
  };
}

/** Ratio of sums ΣY/ΣX with its delta-method variance (Deng, Knoblich & Lu 2018, "Applying the Delta Method in Metric Analytics", KDD). */
function ratioSummary(n: number, y: MetricSums): { ratio: number; variance: number } {
  const d = y.denominator as PairedSums;
  const meanX = d.sum / n;
  const ratio = y.sum / d.sum;
  const varY = (y.sumOfSquares - (y.sum * y.sum) / n) / (n - 1);
  const varX = (d.sumOfSquares - (d.sum * d.sum) / n) / (n - 1);
  const covXY = (d.crossProductSum - (y.sum * d.sum) / n) / (n - 1);
  const variance = Math.max(0, (varY - 2 * ratio * covXY + ratio * ratio * varX) / (n * meanX * meanX));
  return { ratio, variance };
}

/**
 * Analyses a test on its named metrics: per arm the rate with a Wilson
 * interval (binary), the mean with a t interval (count or continuous,
 * CUPED-adjusted when the metric has a pre-period covariate) or the ratio
 * of sums with a delta-method interval; per treatment and metric the pooled
 * two-proportion z-test, Welch's t-test or the delta-method z-test, each
 * with two-sided and one-sided (good direction) p-values; the
 * sample-ratio-mismatch check; and one decision sentence per treatment.
 *
 * Families (Kohavi, Tang & Xu 2020, ch. 17): Holm (1979) over the decision
 * family that exists, primary metrics x treatment arms, so a one-metric,
 * one-treatment test reports its raw p; secondary metrics are adjusted
 * among themselves and labelled exploratory; guardrails are read raw (a
 * harm is not excused by adjustment). The p-value a metric is judged on is
 * its declared hypothesis's: one-sided only when fixed before launch.
 *
 * Example: analyseMetrics({arms: [{key: 'c', name: 'Control', weight: 1, units: 1000, metrics: [{sum: 100, sumOfSquares: 100}]}, {key: 't', name: 'New page', weight: 1, units: 1000, metrics: [{sum: 130, sumOfSquares: 130}]}], controlKey: 'c', metrics: [{name: 'conversion', kind: 'binary', direction: 'increase', role: 'primary'}], concluded: true}).decisions[0].headlinePValue
 *   equals the raw two-sided z-test p ≈ 0.0345.
 */
export function analyseMetrics(input: AnalyseMetricsInput, options: AnalyseMetricsOptions = {}): MetricsReport {
  const fn = 'analyseMetrics';
  const { arms, metrics, controlKey } = input;
  if (!Array.isArray(arms) || arms.length < 2) throw new RangeError(`${fn} requires at least 2 arms (a control and a treatment)`);
  if (!Array.isArray(metrics) || metrics.length === 0) throw new RangeError(`${fn} requires at least one metric`);
  const controlIndex = arms.findIndex((a) => a.key === controlKey);
  if (controlIndex < 0) throw new RangeError(`${fn} requires controlKey to name an arm, got '${controlKey}'`);
  arms.forEach((a, i) => {
    requireNonNegativeInteger(fn, `arms[${i}].units`, a.units);
    if (a.units < 2) throw new RangeError(`${fn} requires at least 2 units in each arm, got ${a.units} in '${a.key}'`);
    requireFiniteNumber(fn, `arms[${i}].weight`, a.weight);
    if (a.metrics.length !== metrics.length)
      throw new RangeError(`${fn} requires one sums entry per metric in arms[${i}], got ${a.metrics.length} for ${metrics.length} metrics`);
  });
  const confidence = options.confidence ?? 0.95;
  requireOpenUnitInterval(fn, 'confidence', confidence);
  const alpha = 1 - confidence;
  const zCrit = normalQuantile(1 - alpha / 2);
  const nameOf = (i: number) => arms[i].name ?? arms[i].key;
  const control = arms[controlIndex];
  const treatments = arms.map((_, i) => i).filter((i) => i !== controlIndex);

  const srm = sampleRatioMismatch(
    arms.map((a) => a.units),
    arms.map((a) => a.weight),
    { threshold: options.srmThreshold ?? SRM_P_VALUE_THRESHOLD },
  );

  // Raw tests first; adjustment needs every p of a family.
  const raw = metrics.map((def, m) => {
    const hypothesis: MetricHypothesis = def.hypothesis ?? 'two-sided';
    const summaries = arms.map((a) => summaryFromSums(a.units, a.metrics[m].sum, a.metrics[m].sumOfSquares));
    const cuped =
      def.covariate && def.kind !== 'ratio'
        ? cupedAdjust(
            arms.map((a) => {
              const cov = a.metrics[m].covariate;
              if (!cov) throw new RangeError(`${fn} requires covariate sums for metric '${def.name}' in every arm (missing in '${a.key}')`);
              return {
                n: a.units,
                sumY: a.metrics[m].sum,
                sumYSquares: a.metrics[m].sumOfSquares,
                sumX: cov.sum,
                sumXSquares: cov.sumOfSquares,
                sumXY: cov.crossProductSum,
              };
            }),
          )
        : null;
    const ratios = def.kind === 'ratio' ? arms.map((a) => ratioSummary(a.units, a.metrics[m])) : null;
    // What differs by metric kind; key, name and n are the same for every kind.
    const armValue = (i: number): Omit<MetricArmResult, 'key' | 'name' | 'n'> => {
      const units = arms[i].units;
      if (def.kind === 'binary') {
        const successes = arms[i].metrics[m].sum;
        return { successes, value: wilsonInterval(successes, units, confidence), standardDeviation: null, cupedValue: null };
      }
      if (def.kind === 'ratio') {
        const r = (ratios as { ratio: number; variance: number }[])[i];
        return {
          successes: null,
          value: symmetricInterval(r.ratio, zCrit * Math.sqrt(r.variance)),
          standardDeviation: null,
          cupedValue: null,
        };
      }
      const sum = summaries[i];
      const half = studentTQuantile(1 - alpha / 2, units - 1) * Math.sqrt(sum.variance / sum.n);
      return {
        successes: null,
        value: symmetricInterval(sum.mean, half),
        standardDeviation: Math.sqrt(sum.variance),
        cupedValue: cuped ? cuped.arms[i].adjustedMean : null,
      };
    };
    const armResults: MetricArmResult[] = arms.map((a, i) => ({ key: a.key, name: nameOf(i), n: a.units, ...armValue(i) }));
    const tests = treatments.map((i) => {
      if (def.kind === 'binary') {
        if (arms[i].metrics[m].sum > arms[i].units || control.metrics[m].sum > control.units)
          throw new RangeError(`${fn} requires successes <= units for binary metric '${def.name}'`);
        return {
          i,
          ...binaryTest(control.metrics[m], control.units, arms[i].metrics[m], arms[i].units, def.direction, confidence),
          cuped: null,
        };
      }
      if (def.kind === 'ratio') {
        const c = (ratios as { ratio: number; variance: number }[])[controlIndex];
        const t = (ratios as { ratio: number; variance: number }[])[i];
        const se = Math.sqrt(c.variance + t.variance);
        const diff = t.ratio - c.ratio;
        const z = se > 0 ? diff / se : 0;
        const test: TestStatistic = {
          name: 'z',
          value: z,
          degreesOfFreedom: null,
          pTwoSided: se > 0 ? normalTwoSidedP(z) : 1,
          pOneSided: oneSided(def.direction, normalUpperTail(z), normalUpperTail(-z)),
          difference: { estimate: diff, lower: diff - zCrit * se, upper: diff + zCrit * se },
        };
        return { i, test, relative: relativeLift(t.ratio, t.variance, c.ratio, c.variance, zCrit), cuped: null };
      }
      const plain = welch(summaries[controlIndex], summaries[i], def.direction, confidence);
      if (!cuped) return { i, ...plain, cuped: null };
      const adjusted = welch(cuped.arms[controlIndex].summary, cuped.arms[i].summary, def.direction, confidence);
      const ca = cuped.arms[controlIndex];
      const ta = cuped.arms[i];
      const rawVar = ca.varianceY / ca.n + ta.varianceY / ta.n;
      const varianceReduction = rawVar > 0 ? 1 - (ca.adjustedVariance / ca.n + ta.adjustedVariance / ta.n) / rawVar : 0;
      return { i, ...adjusted, cuped: { theta: cuped.theta, varianceReduction, withoutCuped: plain.test } };
    });
    return { def, hypothesis, armResults, tests };
  });

  const declared = (hypothesis: MetricHypothesis, t: TestStatistic) => (hypothesis === 'one-sided' ? t.pOneSided : t.pTwoSided);
  const adjustFamily = (role: MetricRole): Map<string, number> => {
    const entries: { key: string; p: number }[] = [];
    raw.forEach((r, m) => {
      if (r.def.role !== role) return;
      r.tests.forEach((t) => entries.push({ key: `${m}:${t.i}`, p: declared(r.hypothesis, t.test) }));
    });
    const adjusted = role === 'guardrail' ? entries.map((e) => e.p) : holmAdjust(entries.map((e) => e.p));
    return new Map(entries.map((e, k) => [e.key, adjusted[k]]));
  };
  const adjusted = new Map([...adjustFamily('primary'), ...adjustFamily('secondary'), ...adjustFamily('guardrail')]);
  const primaryCount = raw.filter((r) => r.def.role === 'primary').length * treatments.length;
  const secondaryCount = raw.filter((r) => r.def.role === 'secondary').length * treatments.length;
  const families = { primary: familyLabel(primaryCount, false), secondary: secondaryCount > 0 ? familyLabel(secondaryCount, true) : null };

  const results: MetricResult[] = raw.map((r, m) => ({
    name: r.def.name,
    kind: r.def.kind,
    direction: r.def.direction,
    role: r.def.role,
    hypothesis: r.hypothesis,
    arms: r.armResults,
    comparisons: r.tests.map((t) => {
      const adj = adjusted.get(`${m}:${t.i}`) as number;
      const significant = adj < alpha;
      const good = r.def.direction === 'increase' ? t.test.difference.estimate > 0 : t.test.difference.estimate < 0;
      return {
        metric: r.def.name,
        variantKey: arms[t.i].key,
        controlKey,
        test: t.test,
        relativeLift: t.relative,
        pValue: declared(r.hypothesis, t.test),
        adjustedPValue: adj,
        significant,
        outcome: significant ? (good ? 'better' : 'worse') : 'no-difference',
        cuped: t.cuped,
      } satisfies MetricComparison;
    }),
  }));

  const decisions: ArmDecision[] = treatments.map((i) => decideArm(i));
  function decideArm(i: number): ArmDecision {
    const key = arms[i].key;
    const label = nameOf(i);
    const controlLabel = nameOf(controlIndex);
    const of = (role: MetricRole) =>
      results.filter((r) => r.role === role).map((r) => ({ r, c: r.comparisons.find((c) => c.variantKey === key) as MetricComparison }));
    const primaries = of('primary');
    const headline = primaries.find((p) => p.c.outcome === 'worse') ?? primaries.find((p) => p.c.outcome === 'better') ?? primaries[0];
    const evidence = describeEvidence(headline.r, headline.c, label, controlLabel, families.primary, confidence);
    if (srm.flagged) {
      return {
        variantKey: key,
        verdict: 'do-not-trust',
        headlinePValue: headline.c.adjustedPValue,
        summary: `${label} vs ${controlLabel}: do not trust these results; sample ratio mismatch (${pEquals(srm.pValue)}), check assignment and logging`,
      };
    }
    let verdict: MetricVerdict;
    let conclusion: string;
    const harmed = of('guardrail').filter((g) => g.c.outcome === 'worse');
    if (primaries.some((p) => p.c.outcome === 'worse')) {
      verdict = 'do-not-ship';
      conclusion = `${label} is worse than ${controlLabel} on ${headline.r.name}; do not ship`;
    } else if (!primaries.some((p) => p.c.outcome === 'better')) {
      verdict = input.concluded ? 'inconclusive' : 'keep-running';
      conclusion = input.concluded
        ? `no significant difference; concluded: ${label} is not shown to beat ${controlLabel}`
        : `not significant yet; inconclusive, keep running`;
    } else if (harmed.length > 0) {
      verdict = 'guardrail-harmed';
      conclusion = `${label} beats ${controlLabel} on ${headline.r.name} but harms ${harmed.map((g) => `${g.r.name} (${pEquals(g.c.pValue)})`).join(' and ')}; do not ship`;
    } else {
      verdict = 'ship';
      conclusion = `${label} beats ${controlLabel} on ${headline.r.name}; safe to ship`;
    }
    return { variantKey: key, verdict, headlinePValue: headline.c.adjustedPValue, summary: `${evidence}; ${conclusion}` };
  }

  const verdict: MetricVerdict = srm.flagged
    ? 'do-not-trust'
    : decisions.some((d) => d.verdict === 'ship')
      ? 'ship'
      : decisions.reduce<MetricVerdict>((worst, d) => (CAUTION[d.verdict] > CAUTION[worst] ? d.verdict : worst), 'ship');
  let summary: string;
  if (srm.flagged) {
    const shares = (xs: readonly number[]) => xs.map((x) => `${(x * 100).toFixed(1)}%`).join(' / ');
    summary = `Do not trust this experiment: sample ratio mismatch (${pEquals(srm.pValue)}; units split ${shares(srm.observedShares)}, intended ${shares(srm.expectedShares)}); check assignment and logging`;
  } else {
    const exploratory = results
      .filter((r) => r.role === 'secondary')
      .flatMap((r) =>
        r.comparisons
          .filter((c) => c.significant)
          .map(
            (c) =>
              `${nameOf(arms.findIndex((a) => a.key === c.variantKey))} ${c.outcome} on ${r.name} (adjusted ${pEquals(c.adjustedPValue)})`,
          ),
      );
    summary = [
      ...decisions.map((d) => d.summary),
      ...(exploratory.length > 0 ? [`Exploratory (${families.secondary?.label}): ${exploratory.join('; ')}`] : []),
    ].join('\n');
  }

  return {
    kind: 'named-metrics',
    concluded: input.concluded,
    confidence,
    controlKey,
    arms: arms.map((a, i) => ({
      key: a.key,
      name: nameOf(i),
      isControl: i === controlIndex,
      units: a.units,
      expectedShare: srm.expectedShares[i],
      observedShare: srm.observedShares[i],
    })),
    sampleRatioMismatch: srm,
    trustworthy: !srm.flagged,
    metrics: results,
    families,
    decisions,
    verdict,
    summary,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

function formatValue(kind: MetricKind, v: number): string {
  if (kind === 'binary') return `${(v * 100).toFixed(2)}%`;
  return Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3);
}

function formatDifference(kind: MetricKind, v: number, signed: boolean): string {
  const text = kind === 'binary' ? (v * 100).toFixed(2) : formatValue(kind, v);
  const clean = /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
  return signed && !clean.startsWith('-') ? `+${clean}` : clean;
}

/**
 * "Mens E-Mail vs No E-Mail on conversion: 1.25% (267 of 21,307) vs 0.57% (122 of 21,306), +0.68 pp [95% CI 0.50, 0.86],
 * p < 0.0001 (Holm over 2 comparisons: adjusted p < 0.0001)".
 */
function describeEvidence(
  r: MetricResult,
  c: MetricComparison,
  label: string,
  controlLabel: string,
  family: FamilyDescription,
  confidence: number,
): string {
  const t = r.arms.find((a) => a.key === c.variantKey) as MetricArmResult;
  const k = r.arms.find((a) => a.key === c.controlKey) as MetricArmResult;
  const arm = (a: MetricArmResult) =>
    r.kind === 'binary'
      ? `${formatValue('binary', a.value.estimate)} (${count(a.successes ?? 0)} of ${count(a.n)})`
      : `${formatValue(r.kind, a.value.estimate)} (n ${count(a.n)})`;
  const unit = r.kind === 'binary' ? ' pp' : '';
  const level = `${Number((confidence * 100).toFixed(2))}%`;
  const d = c.test.difference;
  const lift = `${formatDifference(r.kind, d.estimate, true)}${unit} [${level} CI ${formatDifference(r.kind, d.lower, false)}, ${formatDifference(r.kind, d.upper, false)}]`;
  const sided = r.hypothesis === 'one-sided' ? `one-sided ${pEquals(c.pValue)}` : pEquals(c.pValue);
  const adjustment = family.comparisons === 1 ? family.label : `${family.label}: adjusted ${pEquals(c.adjustedPValue)}`;
  const cuped = c.cuped ? `, CUPED on the pre-period value (variance ${(c.cuped.varianceReduction * 100).toFixed(1)}% lower)` : '';
  return `${label} vs ${controlLabel} on ${r.name}: ${arm(t)} vs ${arm(k)}, ${lift}${cuped}, ${sided} (${adjustment})`;
}

/** estimate ± half, the form of every normal- and t-based interval here. */
function symmetricInterval(estimate: number, half: number): IntervalEstimate {
  return { estimate, lower: estimate - half, upper: estimate + half };
}
