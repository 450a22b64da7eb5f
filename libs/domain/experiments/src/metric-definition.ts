/**
 * A named metric of a campaign, declared in the plan before launch (or in
 * the mapping of a finished-test import).
 *
 * - kind: `binary` (a proportion: each unit 0 or 1), `mean` (a count or a
 *   continuous value per unit: rounds played, spend), `ratio` (Σnumerator /
 *   Σdenominator over units: revenue per session).
 * - direction: whether an increase or a decrease is good.
 * - role: `primary` metrics make the decision (Holm over primary metrics x
 *   treatment arms); `secondary` ones are exploratory (Holm among
 *   themselves); `guardrail` ones stop a ship when significantly worse.
 * - hypothesis: `one-sided` tests only the good direction (fixed before
 *   launch, never after seeing the data); default `two-sided`.
 * - covariate: the metric has a pre-period value per unit, used for CUPED.
 */
export const METRIC_KINDS = ['binary', 'mean', 'ratio'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const METRIC_DIRECTIONS = ['increase', 'decrease'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];
export const METRIC_ROLES = ['primary', 'secondary', 'guardrail'] as const;
export type MetricRole = (typeof METRIC_ROLES)[number];
export const METRIC_HYPOTHESES = ['two-sided', 'one-sided'] as const;
export type MetricHypothesis = (typeof METRIC_HYPOTHESES)[number];

export interface MetricDefinition {
  readonly name: string;
  readonly kind: MetricKind;
  readonly direction: MetricDirection;
  readonly role: MetricRole;
  readonly hypothesis?: MetricHypothesis;
  /** A pre-period covariate exists for this metric (CUPED); not for ratio metrics. */
  readonly covariate?: boolean;
}

export interface MetricDefinitionProblem {
  readonly field: string;
  readonly message: string;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.\-/()%]{0,63}$/u;

/**
 * Checks a campaign's metric list; every problem names its field
 * (`metrics[1].kind`). At least one primary metric, unique names.
 *
 * Example: validateMetricDefinitions([{name: 'conversion', kind: 'binary', direction: 'increase', role: 'primary'}]) -> [].
 */
export function validateMetricDefinitions(metrics: unknown, field = 'metrics'): MetricDefinitionProblem[] {
  if (!Array.isArray(metrics) || metrics.length === 0)
    return [{ field, message: `${field} must be a non-empty array of metric definitions` }];
  if (metrics.length > 50) return [{ field, message: `${field} may hold at most 50 metrics, got ${metrics.length}` }];
  const problems: MetricDefinitionProblem[] = [];
  const seen = new Set<string>();
  metrics.forEach((m: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!m || typeof m !== 'object') {
      problems.push({ field: at, message: `${at} must be an object` });
      return;
    }
    const d = m as Record<string, unknown>;
    if (typeof d.name !== 'string' || !NAME.test(d.name))
      problems.push({ field: `${at}.name`, message: `${at}.name must be 1-64 letters, digits, spaces or _ . - / ( ) %` });
    else if (seen.has(d.name)) problems.push({ field: `${at}.name`, message: `${at}.name "${d.name}" is used twice` });
    else seen.add(d.name);
    if (!METRIC_KINDS.includes(d.kind as MetricKind))
      problems.push({ field: `${at}.kind`, message: `${at}.kind must be one of ${METRIC_KINDS.join(', ')}` });
    if (!METRIC_DIRECTIONS.includes(d.direction as MetricDirection))
      problems.push({ field: `${at}.direction`, message: `${at}.direction must be one of ${METRIC_DIRECTIONS.join(', ')}` });
    if (!METRIC_ROLES.includes(d.role as MetricRole))
      problems.push({ field: `${at}.role`, message: `${at}.role must be one of ${METRIC_ROLES.join(', ')}` });
    if (d.hypothesis !== undefined && !METRIC_HYPOTHESES.includes(d.hypothesis as MetricHypothesis)) {
      problems.push({ field: `${at}.hypothesis`, message: `${at}.hypothesis must be one of ${METRIC_HYPOTHESES.join(', ')}` });
    }
    if (d.covariate !== undefined && typeof d.covariate !== 'boolean')
      problems.push({ field: `${at}.covariate`, message: `${at}.covariate must be true or false` });
    if (d.covariate === true && d.kind === 'ratio')
      problems.push({ field: `${at}.covariate`, message: `${at}.covariate is not supported for a ratio metric` });
  });
  if (problems.length === 0 && !metrics.some((m) => (m as MetricDefinition).role === 'primary')) {
    problems.push({ field, message: `${field} must name at least one primary metric (role: primary)` });
  }
  return problems;
}

/** Where each metric's numbers sit in a unit's value vector: value, then denominator (ratio), then covariate. */
export interface MetricSlots {
  readonly value: number;
  readonly denominator: number | null;
  readonly covariate: number | null;
}

/**
 * The slot layout of `experiment_unit.values` for a metric list: one slot
 * per value read, in metric order.
 *
 * Example: metricSlots([{kind: 'ratio'}, {kind: 'mean', covariate: true}]) -> [{value: 0, denominator: 1, covariate: null}, {value: 2, denominator: null, covariate: 3}].
 */
export function metricSlots(metrics: readonly Pick<MetricDefinition, 'kind' | 'covariate'>[]): MetricSlots[] {
  let next = 0;
  return metrics.map((m) => {
    const value = next++;
    const denominator = m.kind === 'ratio' ? next++ : null;
    const covariate = m.covariate && m.kind !== 'ratio' ? next++ : null;
    return { value, denominator, covariate };
  });
}
