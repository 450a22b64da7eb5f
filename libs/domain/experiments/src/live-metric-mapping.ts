import type { MetricSums } from './analyse-metrics';
import { validateMetricDefinitions, type MetricDefinition, type MetricDefinitionProblem } from './metric-definition';

/**
 * How a live (member) campaign computes a named metric from its events.
 *
 * A live campaign stores events (`campaign_event`: member, type, optional
 * value); each declared metric says which event type it reads and how:
 *
 * - `binary`: 1 when the member has any event of `eventType`, else 0
 *   (converted, clicked, retained).
 * - `mean`: per member, the `count` of `eventType` events or the `sum` of
 *   their values (clicks per member, revenue per member); members with no
 *   such event count as 0, so the mean is over every assigned member.
 * - `ratio`: Σ numerator / Σ denominator over members, each side a count
 *   or a sum of one event type (revenue per click: sum of REVENUE over
 *   count of CLICK), analysed with the delta method.
 *
 * The unit is the assigned member, as in the built-in metrics, so a
 * member who never acted still counts in the denominator.
 */
export const CAMPAIGN_EVENT_TYPES = ['EXPOSURE', 'CLICK', 'CONVERSION', 'REVENUE', 'RETENTION'] as const;
export type CampaignEventType = (typeof CAMPAIGN_EVENT_TYPES)[number];
export const EVENT_MEASURES = ['count', 'sum'] as const;
/** `count`: number of events; `sum`: Σ of their values (an event without a value adds 0). */
export type EventMeasure = (typeof EVENT_MEASURES)[number];

export interface LiveMetricDefinition extends MetricDefinition {
  readonly eventType: CampaignEventType;
  /** mean and ratio (numerator): count or sum; ignored for binary. */
  readonly measure?: EventMeasure;
  /** ratio only: the event type summed or counted in the denominator. */
  readonly denominatorEventType?: CampaignEventType;
  readonly denominatorMeasure?: EventMeasure;
}

/** One member's events, totalled per type: how many, and Σ value. Types the member has no event of may be absent. */
export type UnitEventTotals = Readonly<Partial<Record<CampaignEventType, { readonly count: number; readonly sum: number }>>>;

/**
 * Checks a live campaign's metric plan: everything validateMetricDefinitions
 * checks, plus the event mapping. Every problem names its field.
 * A covariate (CUPED) is refused: live campaigns keep no pre-period value
 * per named metric.
 *
 * Example: validateLiveMetricDefinitions([{name: 'converted', kind: 'binary', direction: 'increase', role: 'primary', eventType: 'CONVERSION'}]) -> [].
 */
export function validateLiveMetricDefinitions(metrics: unknown, field = 'metrics'): MetricDefinitionProblem[] {
  const problems = validateMetricDefinitions(metrics, field);
  if (!Array.isArray(metrics)) return problems;
  metrics.forEach((m: unknown, i) => {
    if (!m || typeof m !== 'object') return;
    const at = `${field}[${i}]`;
    const d = m as Record<string, unknown>;
    const isType = (v: unknown) => CAMPAIGN_EVENT_TYPES.includes(v as CampaignEventType);
    const isMeasure = (v: unknown) => EVENT_MEASURES.includes(v as EventMeasure);
    if (!isType(d.eventType))
      problems.push({ field: `${at}.eventType`, message: `${at}.eventType must be one of ${CAMPAIGN_EVENT_TYPES.join(', ')}` });
    if (d.kind === 'mean' || d.kind === 'ratio') {
      if (!isMeasure(d.measure))
        problems.push({
          field: `${at}.measure`,
          message: `${at}.measure must be one of ${EVENT_MEASURES.join(', ')} for a ${d.kind} metric`,
        });
    } else if (d.measure !== undefined && d.measure !== null) {
      problems.push({ field: `${at}.measure`, message: `${at}.measure applies only to mean and ratio metrics` });
    }
    if (d.kind === 'ratio') {
      if (!isType(d.denominatorEventType))
        problems.push({
          field: `${at}.denominatorEventType`,
          message: `${at}.denominatorEventType must be one of ${CAMPAIGN_EVENT_TYPES.join(', ')} for a ratio metric`,
        });
      if (!isMeasure(d.denominatorMeasure))
        problems.push({
          field: `${at}.denominatorMeasure`,
          message: `${at}.denominatorMeasure must be one of ${EVENT_MEASURES.join(', ')} for a ratio metric`,
        });
    } else if ((d.denominatorEventType ?? null) !== null || (d.denominatorMeasure ?? null) !== null) {
      problems.push({
        field: `${at}.denominatorEventType`,
        message: `${at}.denominatorEventType and denominatorMeasure apply only to ratio metrics`,
      });
    }
    if (d.covariate === true)
      problems.push({
        field: `${at}.covariate`,
        message: `${at}.covariate is not available for a live campaign (no pre-period value per metric)`,
      });
  });
  return problems;
}

function measured(totals: UnitEventTotals, type: CampaignEventType, measure: EventMeasure | undefined): number {
  const t = totals[type];
  if (!t) return 0;
  return measure === 'count' ? t.count : t.sum;
}

/**
 * One member's values for a live campaign's metrics, in the slot layout of
 * metricSlots (value, then denominator for a ratio).
 *
 * Example: liveMetricUnitValues([{kind: 'binary', eventType: 'CONVERSION'}, {kind: 'ratio', eventType: 'REVENUE', measure: 'sum', denominatorEventType: 'CLICK', denominatorMeasure: 'count'}],
 *   {CONVERSION: {count: 2, sum: 0}, REVENUE: {count: 1, sum: 30}, CLICK: {count: 3, sum: 0}}) -> [1, 30, 3].
 */
export function liveMetricUnitValues(metrics: readonly LiveMetricDefinition[], totals: UnitEventTotals): number[] {
  const values: number[] = [];
  for (const m of metrics) {
    if (m.kind === 'binary') values.push((totals[m.eventType]?.count ?? 0) > 0 ? 1 : 0);
    else values.push(measured(totals, m.eventType, m.measure));
    if (m.kind === 'ratio') values.push(measured(totals, m.denominatorEventType as CampaignEventType, m.denominatorMeasure));
  }
  return values;
}

/**
 * Accumulates members' values into the per-arm sums analyseMetrics reads
 * (Σ value, Σ value², and for a ratio the denominator's Σ, Σ² and Σ
 * value·denominator). `times` lets a caller add many members with the same
 * totals at once (a GROUP BY over identical totals).
 */
export class LiveMetricSumsAccumulator {
  private units = 0;
  private readonly sums: { sum: number; sumOfSquares: number; d: { sum: number; sumOfSquares: number; crossProductSum: number } | null }[];

  constructor(private readonly metrics: readonly LiveMetricDefinition[]) {
    this.sums = metrics.map((m) => ({
      sum: 0,
      sumOfSquares: 0,
      d: m.kind === 'ratio' ? { sum: 0, sumOfSquares: 0, crossProductSum: 0 } : null,
    }));
  }

  add(totals: UnitEventTotals, times = 1): void {
    const values = liveMetricUnitValues(this.metrics, totals);
    let k = 0;
    this.units += times;
    for (const s of this.sums) {
      const v = values[k++];
      s.sum += v * times;
      s.sumOfSquares += v * v * times;
      if (s.d) {
        const x = values[k++];
        s.d.sum += x * times;
        s.d.sumOfSquares += x * x * times;
        s.d.crossProductSum += v * x * times;
      }
    }
  }

  /** Units added so far and one MetricSums per metric, in metric order. */
  result(): { units: number; metrics: MetricSums[] } {
    return {
      units: this.units,
      metrics: this.sums.map((s) => ({ sum: s.sum, sumOfSquares: s.sumOfSquares, ...(s.d ? { denominator: { ...s.d } } : {}) })),
    };
  }
}

/** The part of a live metric plan that is frozen at launch, in a form two plans can be compared by (key order and absent-vs-undefined fields do not matter). */
export function metricPlanKey(metrics: readonly LiveMetricDefinition[] | null | undefined): string {
  if (!metrics || metrics.length === 0) return '[]';
  return JSON.stringify(
    metrics.map((m) => [
      m.name,
      m.kind,
      m.direction,
      m.role,
      m.hypothesis ?? 'two-sided',
      m.covariate ?? false,
      m.eventType,
      m.measure ?? null,
      m.denominatorEventType ?? null,
      m.denominatorMeasure ?? null,
    ]),
  );
}
