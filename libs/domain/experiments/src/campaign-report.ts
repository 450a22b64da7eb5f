import { analyseExperiment, type ExperimentAnalysis, type VariantAggregate } from './analyse-experiment';
import { suppressCount, type SuppressedCount } from '@crosslane/domain-rules';
import { formatPValue } from './experiment-decision';
import { msprtTwoMeans, msprtTwoProportions, type MsprtResult } from './msprt';
import { summaryFromSums } from './sample-summary';
import { twoProportionZTest } from './two-proportion-z-test';
import type { IntervalEstimate } from './types';
import { welchTTest } from './welch-t-test';

export type CampaignMetric = 'CONVERSION' | 'REVENUE_PER_MEMBER' | 'RETENTION';
export type CampaignAnalysisMethod = 'FIXED_HORIZON' | 'SEQUENTIAL';

/** One arm's SQL aggregates: the experiment sums plus retention. */
export interface CampaignArmAggregate extends VariantAggregate {
  /** Members with at least one RETENTION event. */
  readonly retained: number;
}

/** Members and conversions of one arm inside one breakdown group (e.g. a segment). */
export interface BreakdownAggregate {
  readonly group: string;
  readonly variantKey: string;
  readonly members: number;
  readonly conversions: number;
}

export interface CampaignReportInput {
  readonly arms: readonly CampaignArmAggregate[];
  readonly controlKey: string;
  readonly primaryMetric: CampaignMetric;
  readonly guardrailMetrics: readonly CampaignMetric[];
  readonly method: CampaignAnalysisMethod;
  /** Groups smaller than this are never shown as numbers. */
  readonly minGroupSize: number;
  readonly breakdowns: readonly BreakdownAggregate[];
  /** Effect the mSPRT mixture is tuned to (absolute); default half the control's value (a 50 % relative lift). */
  readonly expectedEffect?: number | null;
  /** The campaign is concluded: an inconclusive result is final, not "keep running". */
  readonly concluded?: boolean;
}

export interface GuardrailCheck {
  readonly metric: CampaignMetric;
  readonly variantKey: string;
  readonly lift: IntervalEstimate;
  readonly pValue: number;
  /** Significantly worse than control (p < 0.05, lift below 0). */
  readonly harmed: boolean;
}

export interface SequentialCheck {
  readonly variantKey: string;
  readonly metric: CampaignMetric;
  readonly result: MsprtResult;
}

export interface BreakdownRow {
  readonly group: string;
  readonly variantKey: string;
  readonly members: SuppressedCount;
  readonly conversions: SuppressedCount;
  readonly rate: number | null;
  readonly suppressed: boolean;
}

export interface CampaignReport {
  readonly method: CampaignAnalysisMethod;
  readonly primaryMetric: CampaignMetric;
  readonly analysis: ExperimentAnalysis;
  readonly retention: { readonly variantKey: string; readonly retained: number; readonly rate: number }[];
  readonly guardrails: GuardrailCheck[];
  readonly sequential: SequentialCheck[] | null;
  readonly breakdowns: BreakdownRow[];
  readonly srmFlagged: boolean;
  readonly summary: string;
}

/**
 * Without a named minimum effect the mSPRT mixture is tuned to a 50 % relative
 * lift: joint-campaign offers move small baselines by tens of percent, and a
 * mixture much narrower than the true effect makes the test needlessly slow.
 */
const DEFAULT_RELATIVE_EFFECT = 0.5;

const METRIC_WORD: Record<CampaignMetric, string> = {
  CONVERSION: 'conversion',
  REVENUE_PER_MEMBER: 'revenue per member',
  RETENTION: 'retention',
};

/**
 * The stored result of one campaign analysis: `analyseExperiment` on the
 * primary metric (retention is analysed as the binary metric in place of
 * conversion), guardrail checks per treatment, the always-valid mSPRT
 * p-values when the method is SEQUENTIAL, and per-group breakdowns with
 * groups below the minimum group size suppressed (null, `suppressed: true`).
 *
 * Method: Kohavi, Tang & Xu (2020) chs. 7 (guardrails) and 21 (SRM);
 * Johari et al. (2017) for the sequential option; small-cell suppression
 * as in `suppressCount` (@crosslane/domain-rules).
 *
 * Example: buildCampaignReport({arms: [c, t], controlKey: 'c', primaryMetric: 'CONVERSION', guardrailMetrics: [], method: 'FIXED_HORIZON', minGroupSize: 50, breakdowns: [{group: 'A', variantKey: 'c', members: 10, conversions: 1}]}).breakdowns[0].rate === null
 */
export function buildCampaignReport(input: CampaignReportInput): CampaignReport {
  const retentionPrimary = input.primaryMetric === 'RETENTION';
  const variants: VariantAggregate[] = input.arms.map((a) => ({
    key: a.key,
    name: a.name,
    weight: a.weight,
    members: a.members,
    conversions: retentionPrimary ? a.retained : a.conversions,
    revenueSum: a.revenueSum,
    revenueSumOfSquares: a.revenueSumOfSquares,
    covariate: a.covariate,
  }));
  const analysis = analyseExperiment({
    variants,
    controlKey: input.controlKey,
    primaryMetric: input.primaryMetric === 'REVENUE_PER_MEMBER' ? 'revenue' : 'conversion',
    concluded: input.concluded ?? false,
  });
  const control = input.arms.find((a) => a.key === input.controlKey)!;
  const treatments = input.arms.filter((a) => a.key !== input.controlKey);

  const guardrails: GuardrailCheck[] = [];
  for (const metric of input.guardrailMetrics.filter((m) => m !== input.primaryMetric)) {
    for (const t of treatments) {
      const test = metricTest(metric, control, t);
      guardrails.push({
        metric,
        variantKey: t.key,
        lift: test.lift,
        pValue: test.pValue,
        harmed: test.pValue < 0.05 && test.lift.estimate < 0,
      });
    }
  }

  let sequential: SequentialCheck[] | null = null;
  if (input.method === 'SEQUENTIAL') {
    sequential = [];
    for (const t of treatments) {
      const result = sequentialTest(input.primaryMetric, control, t, input.expectedEffect ?? null);
      if (result) sequential.push({ variantKey: t.key, metric: input.primaryMetric, result });
    }
  }

  const breakdowns: BreakdownRow[] = input.breakdowns.map((b) => {
    const members = suppressCount(b.members, input.minGroupSize);
    const suppressed = members.suppressed;
    return {
      group: b.group,
      variantKey: b.variantKey,
      members,
      // A group's conversions are shown only when the group itself is shown.
      conversions: suppressed
        ? { count: null, suppressed: true, threshold: input.minGroupSize }
        : { count: b.conversions, suppressed: false, threshold: input.minGroupSize },
      rate: suppressed ? null : b.conversions / b.members,
      suppressed,
    };
  });

  let summary = retentionPrimary ? analysis.summary.replace(/ on conversion/g, ' on retention') : analysis.summary;
  const harmed = guardrails.filter((g) => g.harmed);
  if (harmed.length > 0 && analysis.trustworthy) {
    summary += `\nGuardrail harmed: ${harmed.map((g) => `${nameOf(input.arms, g.variantKey)} on ${METRIC_WORD[g.metric]} (p = ${formatPValue(g.pValue)})`).join('; ')}`;
  }
  if (sequential && analysis.trustworthy) {
    const lines = sequential.map(
      (s) =>
        `Always-valid p for ${nameOf(input.arms, s.variantKey)} on ${METRIC_WORD[s.metric]}: ${formatPValue(s.result.pValue)}${s.result.rejectNull ? ' (safe to stop now)' : ' (keep watching)'}`,
    );
    summary = [...lines, summary].join('\n');
  }

  return {
    method: input.method,
    primaryMetric: input.primaryMetric,
    analysis,
    retention: input.arms.map((a) => ({ variantKey: a.key, retained: a.retained, rate: a.members > 0 ? a.retained / a.members : 0 })),
    guardrails,
    sequential,
    breakdowns,
    srmFlagged: analysis.sampleRatioMismatch.flagged,
    summary,
  };
}

function nameOf(arms: readonly CampaignArmAggregate[], key: string): string {
  return arms.find((a) => a.key === key)?.name ?? key;
}

function metricTest(metric: CampaignMetric, c: CampaignArmAggregate, t: CampaignArmAggregate): { lift: IntervalEstimate; pValue: number } {
  if (metric === 'REVENUE_PER_MEMBER') {
    const r = welchTTest(
      summaryFromSums(c.members, c.revenueSum, c.revenueSumOfSquares),
      summaryFromSums(t.members, t.revenueSum, t.revenueSumOfSquares),
    );
    return { lift: r.difference, pValue: r.pValue };
  }
  const pick = (a: CampaignArmAggregate) => ({ successes: metric === 'RETENTION' ? a.retained : a.conversions, n: a.members });
  const r = twoProportionZTest(pick(c), pick(t));
  return { lift: r.absoluteLift, pValue: Number.isFinite(r.pValue) ? r.pValue : 1 };
}

function sequentialTest(
  metric: CampaignMetric,
  c: CampaignArmAggregate,
  t: CampaignArmAggregate,
  expected: number | null,
): MsprtResult | null {
  try {
    if (metric === 'REVENUE_PER_MEMBER') {
      const a = summaryFromSums(c.members, c.revenueSum, c.revenueSumOfSquares);
      const b = summaryFromSums(t.members, t.revenueSum, t.revenueSumOfSquares);
      const tau = expected && expected > 0 ? expected : Math.max(Math.abs(a.mean) * DEFAULT_RELATIVE_EFFECT, 1e-6);
      return msprtTwoMeans(a, b, { mixtureVariance: tau * tau });
    }
    const pick = (x: CampaignArmAggregate) => ({ successes: metric === 'RETENTION' ? x.retained : x.conversions, n: x.members });
    const p0 = pick(c).successes / Math.max(1, c.members);
    const tau = expected && expected > 0 ? expected : Math.max(p0 * DEFAULT_RELATIVE_EFFECT, 1e-4);
    return msprtTwoProportions(pick(c), pick(t), { mixtureVariance: tau * tau });
  } catch {
    // No variance yet (e.g. no conversions in either arm): nothing to say sequentially.
    return null;
  }
}
