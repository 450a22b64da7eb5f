import { describe, expect, it } from 'vitest';
import { analyseMetrics } from './analyse-metrics';
import {
  LiveMetricSumsAccumulator,
  liveMetricUnitValues,
  metricPlanKey,
  validateLiveMetricDefinitions,
  type LiveMetricDefinition,
} from './live-metric-mapping';

const converted: LiveMetricDefinition = {
  name: 'converted',
  kind: 'binary',
  direction: 'increase',
  role: 'primary',
  eventType: 'CONVERSION',
};
const clicked: LiveMetricDefinition = { name: 'clicked', kind: 'binary', direction: 'increase', role: 'secondary', eventType: 'CLICK' };
const spend: LiveMetricDefinition = {
  name: 'spend',
  kind: 'mean',
  direction: 'increase',
  role: 'guardrail',
  eventType: 'REVENUE',
  measure: 'sum',
};
const clicks: LiveMetricDefinition = {
  name: 'clicks per member',
  kind: 'mean',
  direction: 'increase',
  role: 'secondary',
  eventType: 'CLICK',
  measure: 'count',
};
const perClick: LiveMetricDefinition = {
  name: 'revenue per click',
  kind: 'ratio',
  direction: 'increase',
  role: 'secondary',
  eventType: 'REVENUE',
  measure: 'sum',
  denominatorEventType: 'CLICK',
  denominatorMeasure: 'count',
};

describe('liveMetricUnitValues', () => {
  it('maps the doc example: any conversion is 1, revenue per click puts Σrevenue then the click count', () => {
    expect(
      liveMetricUnitValues([converted, perClick], {
        CONVERSION: { count: 2, sum: 0 },
        REVENUE: { count: 1, sum: 30 },
        CLICK: { count: 3, sum: 0 },
      }),
    ).toEqual([1, 30, 3]);
  });

  it('gives a member with no events 0 on every metric, so they stay in every denominator', () => {
    expect(liveMetricUnitValues([converted, clicked, spend, clicks, perClick], {})).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('counts events or sums their values as the metric says', () => {
    const totals = { CLICK: { count: 4, sum: 0 }, REVENUE: { count: 2, sum: 12.5 } };
    expect(liveMetricUnitValues([clicks, spend], totals)).toEqual([4, 12.5]);
  });

  it('does not change the totals it reads', () => {
    const totals = { CLICK: { count: 4, sum: 0 } };
    const copy = JSON.parse(JSON.stringify(totals));
    liveMetricUnitValues([clicks], totals);
    expect(totals).toEqual(copy);
  });
});

describe('LiveMetricSumsAccumulator', () => {
  it('sums values, squares and ratio cross-products; adding a member twice equals add(..., 2)', () => {
    const a = new LiveMetricSumsAccumulator([converted, spend, perClick]);
    a.add({ CONVERSION: { count: 1, sum: 0 }, REVENUE: { count: 1, sum: 10 }, CLICK: { count: 2, sum: 0 } }, 2);
    a.add({ CLICK: { count: 1, sum: 0 } });
    a.add({});
    expect(a.result()).toEqual({
      units: 4,
      metrics: [
        { sum: 2, sumOfSquares: 2 },
        { sum: 20, sumOfSquares: 200 },
        { sum: 20, sumOfSquares: 200, denominator: { sum: 5, sumOfSquares: 9, crossProductSum: 40 } },
      ],
    });
  });

  it('feeds analyseMetrics: 3 of 10 converted against 6 of 10 gives the pooled z-test (z = 1.3484, two-sided p = 0.1775)', () => {
    const arm = (conv: number) => {
      const acc = new LiveMetricSumsAccumulator([converted]);
      acc.add({ CONVERSION: { count: 1, sum: 0 } }, conv);
      acc.add({}, 10 - conv);
      return acc.result();
    };
    const report = analyseMetrics({
      arms: [
        { key: 'c', name: 'Control', weight: 1, ...arm(3) },
        { key: 't', name: 'Offer', weight: 1, ...arm(6) },
      ],
      controlKey: 'c',
      metrics: [converted],
      concluded: true,
    });
    // pooled p = 0.45, se = sqrt(0.45 * 0.55 * 0.2) = 0.22249, z = 0.3 / 0.22249
    expect(report.metrics[0].comparisons[0].test.value).toBeCloseTo(1.3484, 4);
    expect(report.metrics[0].comparisons[0].pValue).toBeCloseTo(0.17752, 4);
  });
});

describe('validateLiveMetricDefinitions', () => {
  it('accepts a plan of binary, mean and ratio metrics', () => {
    expect(validateLiveMetricDefinitions([converted, clicked, spend, clicks, perClick])).toEqual([]);
  });

  it('names the field of each missing mapping', () => {
    const problems = validateLiveMetricDefinitions([
      { name: 'a', kind: 'binary', direction: 'increase', role: 'primary' },
      { name: 'b', kind: 'mean', direction: 'increase', role: 'secondary', eventType: 'CLICK' },
      { name: 'c', kind: 'ratio', direction: 'increase', role: 'secondary', eventType: 'REVENUE', measure: 'sum' },
      { name: 'd', kind: 'mean', direction: 'increase', role: 'secondary', eventType: 'CLICK', measure: 'count', covariate: true },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'metrics[0].eventType',
      'metrics[1].measure',
      'metrics[2].denominatorEventType',
      'metrics[2].denominatorMeasure',
      'metrics[3].covariate',
    ]);
  });

  it('keeps the shared rules: a plan needs a primary metric', () => {
    expect(validateLiveMetricDefinitions([clicked])).toEqual([
      { field: 'metrics', message: 'metrics must name at least one primary metric (role: primary)' },
    ]);
  });
});

describe('metricPlanKey', () => {
  it('sees a change of hypothesis, and ignores an explicit two-sided default', () => {
    expect(metricPlanKey([converted])).toBe(metricPlanKey([{ ...converted, hypothesis: 'two-sided' }]));
    expect(metricPlanKey([converted])).not.toBe(metricPlanKey([{ ...converted, hypothesis: 'one-sided' }]));
  });
});
