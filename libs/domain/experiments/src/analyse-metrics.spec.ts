import { describe, expect, it } from 'vitest';
import { analyseMetrics, type MetricArmInput } from './analyse-metrics';
import type { MetricDefinition } from './metric-definition';

const binary = (successes: number) => ({ sum: successes, sumOfSquares: successes });
const conversion: MetricDefinition = { name: 'conversion', kind: 'binary', direction: 'increase', role: 'primary' };
const arms = (c: number[], t: number[]): MetricArmInput[] => [
  { key: 'c', name: 'Control', weight: 1, units: 1000, metrics: c.map(binary) },
  { key: 't', name: 'New page', weight: 1, units: 1000, metrics: t.map(binary) },
];

describe('analyseMetrics', () => {
  it('reports the raw p as the headline of a one-metric, one-treatment test (no padded family)', () => {
    const report = analyseMetrics({ arms: arms([100], [130]), controlKey: 'c', metrics: [conversion], concluded: true });
    const c = report.metrics[0].comparisons[0];
    // scipy: pooled z = 2.102740605622114, 2 * norm.sf(z) = 0.03548845046647471.
    expect(c.test.value).toBeCloseTo(2.102740605622114, 12);
    expect(c.test.pTwoSided / 0.03548845046647471).toBeCloseTo(1, 10);
    expect(c.adjustedPValue).toBe(c.test.pTwoSided);
    expect(report.decisions[0].headlinePValue).toBe(c.test.pTwoSided);
    expect(report.summary).toBe(
      'New page vs Control on conversion: 13.00% (130 of 1,000) vs 10.00% (100 of 1,000), +3.00 pp [95% CI 0.21, 5.79], p = 0.035 (1 comparison, no adjustment); New page beats Control on conversion; safe to ship',
    );
  });

  it('uses the one-sided p when the hypothesis was fixed one-sided, in the good direction', () => {
    const report = analyseMetrics({
      arms: arms([100], [130]),
      controlKey: 'c',
      metrics: [{ ...conversion, hypothesis: 'one-sided' }],
      concluded: true,
    });
    const c = report.metrics[0].comparisons[0];
    expect(c.pValue / 0.017744225233237355).toBeCloseTo(1, 10);
    const lower = analyseMetrics({
      arms: arms([100], [130]),
      controlKey: 'c',
      metrics: [{ ...conversion, direction: 'decrease', hypothesis: 'one-sided' }],
      concluded: true,
    });
    expect(lower.metrics[0].comparisons[0].pValue).toBeCloseTo(1 - 0.017744225233237355, 10);
  });

  it('adjusts over primary metrics x treatments (Holm), keeps secondaries apart as exploratory, and never counts a guardrail', () => {
    const metrics: MetricDefinition[] = [
      conversion,
      { name: 'signup', kind: 'binary', direction: 'increase', role: 'primary' },
      { name: 'clicks', kind: 'binary', direction: 'increase', role: 'secondary' },
      { name: 'refunds', kind: 'binary', direction: 'decrease', role: 'guardrail' },
    ];
    const report = analyseMetrics({ arms: arms([100, 200, 300, 50], [130, 215, 360, 52]), controlKey: 'c', metrics, concluded: true });
    expect(report.families.primary.label).toBe('Holm over 2 comparisons');
    expect(report.families.secondary?.label).toBe('1 comparison, no adjustment, exploratory');
    const [conv, signup, clicks, refunds] = report.metrics.map((m) => m.comparisons[0]);
    // Holm over {0.0355, 0.408}: 2 x 0.0355 = 0.0710, then max(0.0710, 0.408).
    expect(conv.adjustedPValue).toBeCloseTo(2 * 0.03548845046647471, 10);
    expect(signup.adjustedPValue).toBeCloseTo(0.40817007156337226, 10);
    expect(clicks.adjustedPValue).toBe(clicks.pValue);
    expect(refunds.adjustedPValue).toBe(refunds.pValue);
    expect(report.decisions[0].verdict).toBe('inconclusive');
    expect(report.summary.split('\n')[0]).toContain(
      '(Holm over 2 comparisons: adjusted p = 0.071); no significant difference; concluded: New page is not shown to beat Control',
    );
  });

  it('says keep running only while the test runs', () => {
    const report = analyseMetrics({ arms: arms([100], [110]), controlKey: 'c', metrics: [conversion], concluded: false });
    expect(report.verdict).toBe('keep-running');
    expect(report.summary).toMatch(/not significant yet; inconclusive, keep running$/);
  });

  it('claims CUPED only with a covariate, and states the variance reduction it achieved', () => {
    const mean = (ys: number[], xs?: number[]) => ({
      sum: ys.reduce((s, y) => s + y, 0),
      sumOfSquares: ys.reduce((s, y) => s + y * y, 0),
      ...(xs
        ? {
            covariate: {
              sum: xs.reduce((s, x) => s + x, 0),
              sumOfSquares: xs.reduce((s, x) => s + x * x, 0),
              crossProductSum: xs.reduce((s, x, i) => s + x * ys[i], 0),
            },
          }
        : {}),
    });
    const yc = [2, 4, 6, 8];
    const yt = [3, 5, 8, 9];
    const xc = [1, 2, 3, 4];
    const xt = [1, 2, 4, 4];
    const metric: MetricDefinition = { name: 'minutes', kind: 'mean', direction: 'increase', role: 'primary' };
    const plain = analyseMetrics({
      arms: [
        { key: 'c', weight: 1, units: 4, metrics: [mean(yc)] },
        { key: 't', weight: 1, units: 4, metrics: [mean(yt)] },
      ],
      controlKey: 'c',
      metrics: [metric],
      concluded: true,
    });
    expect(plain.metrics[0].comparisons[0].cuped).toBeNull();
    expect(plain.summary).not.toContain('CUPED');
    const adjusted = analyseMetrics({
      arms: [
        { key: 'c', weight: 1, units: 4, metrics: [mean(yc, xc)] },
        { key: 't', weight: 1, units: 4, metrics: [mean(yt, xt)] },
      ],
      controlKey: 'c',
      metrics: [{ ...metric, covariate: true }],
      concluded: true,
    });
    const cuped = adjusted.metrics[0].comparisons[0].cuped!;
    expect(cuped.varianceReduction).toBeGreaterThan(0.5);
    expect(cuped.withoutCuped.value).toBeCloseTo(plain.metrics[0].comparisons[0].test.value, 12);
    expect(adjusted.summary).toContain(`CUPED on the pre-period value (variance ${(cuped.varianceReduction * 100).toFixed(1)}% lower)`);
  });

  it('flags a sample ratio mismatch before any metric', () => {
    const report = analyseMetrics({
      arms: [
        { key: 'c', weight: 1, units: 52_000, metrics: [binary(5000)] },
        { key: 't', weight: 1, units: 48_000, metrics: [binary(6000)] },
      ],
      controlKey: 'c',
      metrics: [conversion],
      concluded: true,
    });
    expect(report.verdict).toBe('do-not-trust');
    expect(report.sampleRatioMismatch.chiSquare).toBeCloseTo(160, 9);
  });

  it('does not change its input', () => {
    const input = { arms: arms([100], [130]), controlKey: 'c', metrics: [conversion], concluded: true };
    const copy = JSON.parse(JSON.stringify(input));
    analyseMetrics(input);
    expect(input).toEqual(copy);
  });
});
