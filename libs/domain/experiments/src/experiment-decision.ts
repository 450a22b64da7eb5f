export type ExperimentMetric = 'conversion' | 'revenue';

/**
 * - ship: the primary metric is significantly better and no guardrail is significantly worse.
 * - guardrail-harmed: the primary metric is better but a guardrail is significantly worse.
 * - do-not-ship: the primary metric is significantly worse.
 * - keep-running: no significant difference on the primary metric yet.
 * - do-not-trust: the split of members does not match the weights (sample ratio mismatch).
 */
export type Verdict = 'ship' | 'guardrail-harmed' | 'do-not-ship' | 'keep-running' | 'do-not-trust';

export interface MetricEvidence {
  readonly metric: ExperimentMetric;
  /** Absolute lift of treatment over control with its (unadjusted) confidence interval. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** p-value after the multiple-testing adjustment across arms and metrics. */
  readonly adjustedPValue: number;
}

export interface DecisionInput {
  /** How the treatment is named in the sentence, e.g. "Mens E-Mail". */
  readonly label: string;
  readonly primary: MetricEvidence;
  readonly guardrails: readonly MetricEvidence[];
  /** Significance level for the adjusted p-values, e.g. 0.05. */
  readonly alpha: number;
  /** Level of the intervals shown, e.g. 0.95. */
  readonly confidence: number;
  readonly sampleRatioMismatch: { readonly flagged: boolean; readonly pValue: number };
  /** Posterior chance that the treatment beats control on conversion; quoted when inconclusive. */
  readonly chanceToBeatControl?: number | null;
  /** How the control is named, e.g. "No E-Mail"; default "control". */
  readonly controlLabel?: string;
  /** Counts and the family behind the figure, e.g. "267 of 21,307 vs 122 of 21,306; Holm over 2 comparisons". */
  readonly evidence?: string;
  /** The test is over: an inconclusive result is final ("concluded"), not "keep running". */
  readonly concluded?: boolean;
  /** Comparisons in the primary family; with 1 the p-value is raw and is not called adjusted. */
  readonly familySize?: number;
}

export interface Decision {
  readonly verdict: Verdict;
  readonly summary: string;
}

function formatLift(metric: ExperimentMetric, value: number, signed: boolean): string {
  // Conversion differences read best in percentage points, revenue in money per member.
  const scaled = metric === 'conversion' ? value * 100 : value;
  let text = scaled.toFixed(2);
  if (text === '-0.00') text = '0.00';
  if (signed && !text.startsWith('-')) text = `+${text}`;
  return text;
}

function describeLift(e: MetricEvidence, confidence: number): string {
  const unit = e.metric === 'conversion' ? ' pp' : ' per member';
  const level = `${Number((confidence * 100).toFixed(2))}%`;
  return `${formatLift(e.metric, e.estimate, true)}${unit} [${level} CI ${formatLift(e.metric, e.lower, false)}, ${formatLift(e.metric, e.upper, false)}]`;
}

/**
 * p-values in prose: two significant digits, and a floor so 1e-13 does not
 * pretend to a precision that the normal tail (and the model) lack.
 *
 * Example: formatPValue(0.0123) === '0.012'.
 */
export function formatPValue(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return Number(p.toPrecision(2)).toString();
}

/** "p = 0.012" or "p < 0.0001". */
export function pEquals(p: number): string {
  const text = formatPValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/**
 * Turns the evidence of one treatment-vs-control comparison into a verdict and
 * a sentence an analyst can paste into a report.
 *
 * Rules, applied in order (simple on purpose, so a reader can predict them):
 * 1. Sample ratio mismatch flagged -> do-not-trust, whatever the metrics say
 *    (Fabijan et al. 2019: a broken split invalidates every comparison).
 * 2. Primary metric not significant (adjusted p >= alpha) -> keep-running:
 *    inconclusive; collect the planned sample before deciding.
 * 3. Primary metric significantly worse -> do-not-ship.
 * 4. Primary metric significantly better, but a guardrail significantly worse
 *    (adjusted p < alpha, estimate < 0) -> guardrail-harmed.
 * 5. Otherwise -> ship.
 * Significance uses Holm-adjusted p-values; the interval quoted is the
 * per-comparison interval, so at the margin it can exclude 0 while the
 * adjusted p-value does not reach alpha.
 *
 * Example: decideComparison({label: 'Mens E-Mail', primary: {metric: 'conversion', estimate: 0.0068, lower: 0.0050, upper: 0.0086, adjustedPValue: 1e-12}, guardrails: [], alpha: 0.05, confidence: 0.95, sampleRatioMismatch: {flagged: false, pValue: 0.9}}).summary
 *   === 'Mens E-Mail beats control on conversion by +0.68 pp [95% CI 0.50, 0.86]; safe to ship'.
 */
export function decideComparison(input: DecisionInput): Decision {
  const { label, primary, alpha, confidence } = input;
  const control = input.controlLabel ?? 'control';
  const evidence = input.evidence ? ` (${input.evidence})` : '';
  if (input.sampleRatioMismatch.flagged) {
    return {
      verdict: 'do-not-trust',
      summary: `${label}: do not trust these results; sample ratio mismatch (${pEquals(input.sampleRatioMismatch.pValue)}), check assignment and event logging`,
    };
  }
  const primaryText = `${primary.metric} by ${describeLift(primary, confidence)}${evidence}`;
  if (!(primary.adjustedPValue < alpha)) {
    const chance =
      input.chanceToBeatControl === undefined || input.chanceToBeatControl === null
        ? ''
        : `, chance to beat ${control} ${(input.chanceToBeatControl * 100).toFixed(1)}%`;
    const facts = input.evidence ? `${input.evidence}, ` : '';
    const which = input.familySize === 1 ? '' : 'adjusted ';
    return {
      verdict: 'keep-running',
      summary: input.concluded
        ? `${label} vs ${control} on ${primary.metric}: ${describeLift(primary, confidence)}, not significant (${facts}${which}${pEquals(primary.adjustedPValue)}${chance}); concluded without a significant difference`
        : `${label} vs ${control} on ${primary.metric}: ${describeLift(primary, confidence)}, not significant (${facts}${which}${pEquals(primary.adjustedPValue)}${chance}); inconclusive, keep running`,
    };
  }
  if (primary.estimate < 0) {
    return { verdict: 'do-not-ship', summary: `${label} loses to ${control} on ${primaryText}; do not ship` };
  }
  const harmed = input.guardrails.filter((g) => g.adjustedPValue < alpha && g.estimate < 0);
  if (harmed.length > 0) {
    const harms = harmed.map((g) => `${g.metric} by ${describeLift(g, confidence)}`).join(' and ');
    return {
      verdict: 'guardrail-harmed',
      summary: `${label} beats ${control} on ${primaryText} but harms ${harms}; do not ship`,
    };
  }
  return { verdict: 'ship', summary: `${label} beats ${control} on ${primaryText}; safe to ship` };
}
