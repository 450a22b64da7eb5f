import { describe, expect, it } from 'vitest';
import { analyseExperiment, type AnalyseExperimentInput, type VariantAggregate } from './analyse-experiment';
import { cupedStatisticsFromArrays } from './cuped';

/** Aggregates of an arm whose revenue has the given mean and sample standard deviation. */
function arm(key: string, members: number, conversions: number, mean: number, sd: number, weight = 1): VariantAggregate {
  return {
    key,
    weight,
    members,
    conversions,
    revenueSum: mean * members,
    revenueSumOfSquares: (members - 1) * sd * sd + members * mean * mean,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('analyseExperiment', () => {
  it('refuses to read a 52/48 split of 100,000 members meant to be 50/50', () => {
    const a = analyseExperiment({
      controlKey: 'control',
      variants: [arm('control', 52000, 1040, 5, 20), arm('kit', 48000, 1100, 5.2, 20)],
    });
    expect(a.sampleRatioMismatch.flagged).toBe(true);
    expect(a.trustworthy).toBe(false);
    expect(a.verdict).toBe('do-not-trust');
    expect(a.comparisons[0]?.decision.verdict).toBe('do-not-trust');
    expect(a.summary).toBe(
      'Do not trust this experiment: sample ratio mismatch (p < 0.0001; members split 52.0% / 48.0%, intended 50.0% / 50.0%); check assignment and event logging',
    );
  });

  it('says keep running when nothing is significant, and "concluded" once the test is over', () => {
    const over = analyseExperiment({
      controlKey: 'control',
      concluded: true,
      variants: [arm('control', 5000, 100, 5, 20), arm('kit', 5000, 110, 5.1, 20)],
    });
    expect(over.comparisons[0]?.decision.summary).toMatch(/; concluded without a significant difference$/);
    const a = analyseExperiment({
      controlKey: 'control',
      variants: [arm('control', 5000, 100, 5, 20), arm('kit', 5000, 110, 5.1, 20)],
    });
    expect(a.sampleRatioMismatch.flagged).toBe(false);
    expect(a.verdict).toBe('keep-running');
    expect(a.comparisons[0]?.decision.summary).toMatch(
      /^kit vs control on conversion: \+0\.20 pp \[95% CI -0\.36, 0\.76\], not significant \(110 of 5,000 vs 100 of 5,000; 1 comparison, no adjustment, p = 0\.49, chance to beat control 75\.\d%\); inconclusive, keep running$/,
    );
  });

  it('blocks a conversion win that costs revenue, and a conversion loss', () => {
    const harmed = analyseExperiment({
      controlKey: 'control',
      variants: [arm('control', 20000, 400, 5, 10), arm('kit', 20000, 520, 4.5, 10)],
    });
    expect(harmed.verdict).toBe('guardrail-harmed');
    expect(harmed.comparisons[0]?.decision.summary).toBe(
      'kit beats control on conversion by +0.60 pp [95% CI 0.31, 0.89] (520 of 20,000 vs 400 of 20,000; 1 comparison, no adjustment) but harms revenue by -0.50 per member [95% CI -0.70, -0.30]; do not ship',
    );
    const worse = analyseExperiment({
      controlKey: 'control',
      variants: [arm('control', 20000, 520, 5, 10), arm('kit', 20000, 400, 5, 10)],
    });
    expect(worse.verdict).toBe('do-not-ship');
  });

  it('can decide on revenue with conversion as the guardrail', () => {
    const a = analyseExperiment({
      controlKey: 'control',
      primaryMetric: 'revenue',
      variants: [arm('control', 20000, 400, 5, 10), arm('kit', 20000, 410, 5.4, 10)],
    });
    expect(a.comparisons[0]?.decision.summary).toBe(
      'kit beats control on revenue by +0.40 per member [95% CI 0.20, 0.60] (n 20,000 vs 20,000; 1 comparison, no adjustment); safe to ship',
    );
  });

  it('adjusts the primary metric with Holm over the treatments, the guardrail apart (no padded family)', () => {
    const a = analyseExperiment({
      controlKey: 'control',
      variants: [arm('control', 20000, 400, 5, 10), arm('a', 20000, 440, 5.1, 10), arm('b', 20000, 470, 5.3, 10)],
    });
    const raw = a.comparisons.map((c) => c.conversion.result.pValue);
    const adjusted = a.comparisons.map((c) => c.conversion.adjustedPValue);
    expect(Math.min(...adjusted)).toBeCloseTo(2 * Math.min(...raw), 15);
    adjusted.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(raw[i] as number));
    expect(a.comparisons[0]?.decision.summary).toContain('Holm over 2 comparisons');
    // One treatment, one primary metric: the headline p is the raw p, whatever the guardrail.
    const single = analyseExperiment({
      controlKey: 'control',
      variants: [arm('control', 20000, 400, 5, 10), arm('a', 20000, 440, 5.1, 10)],
    });
    expect(single.comparisons[0]?.conversion.adjustedPValue).toBe(single.comparisons[0]?.conversion.result.pValue);
    expect(a.variants.reduce((s, v) => s + v.probabilityToBeBest, 0)).toBeCloseTo(1, 7);
  });

  it('uses CUPED on revenue when every variant has a covariate', () => {
    const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
    const xa = range(40).map((i) => ((i * 37) % 101) / 10);
    const ya = range(40).map((i) => 2 + 0.8 * (xa[i] as number) + ((i * 53) % 17) / 5);
    const xb = range(35).map((j) => ((j * 41 + 7) % 97) / 10);
    const yb = range(35).map((j) => 2.5 + 0.8 * (xb[j] as number) + ((j * 29) % 19) / 5);
    const withCovariate = (key: string, y: number[], x: number[], conversions: number): VariantAggregate => {
      const s = cupedStatisticsFromArrays(y, x);
      return {
        key,
        weight: y.length,
        members: s.n,
        conversions,
        revenueSum: s.sumY,
        revenueSumOfSquares: s.sumYSquares,
        covariate: { sum: s.sumX, sumOfSquares: s.sumXSquares, crossProductSum: s.sumXY },
      };
    };
    const a = analyseExperiment({
      controlKey: 'A',
      primaryMetric: 'revenue',
      variants: [withCovariate('A', ya, xa, 4), withCovariate('B', yb, xb, 5)],
    });
    const c = a.comparisons[0]!;
    // Same data as cuped.spec.ts: scipy Welch t 0.889 raw, 3.057 after CUPED.
    expect(a.cupedTheta).toBeCloseTo(0.8027308980698675, 10);
    expect(c.revenue.cuped).toBe(true);
    expect(c.revenue.result.t).toBeCloseTo(3.057178051865404, 8);
    expect(c.revenueWithoutCuped?.t).toBeCloseTo(0.8892331647364163, 9);
    expect(c.cupedVarianceReduction).toBeGreaterThan(0.8);
  });

  it('copes with a fresh experiment that has no conversions or revenue yet', () => {
    const a = analyseExperiment({
      controlKey: 'control',
      variants: [arm('control', 40, 0, 0, 0), arm('kit', 38, 0, 0, 0)],
    });
    expect(a.verdict).toBe('keep-running');
    expect(a.comparisons[0]?.conversion.result.pValue).toBe(1);
    expect(a.comparisons[0]?.revenue.result.pValue).toBe(1);
    expect(a.comparisons[0]?.conversion.result.relativeLift).toBeNull();
    expect(a.comparisons[0]?.chanceToBeatControl).toBeCloseTo(0.5, 1);
  });

  it('does not mutate its input', () => {
    const input: AnalyseExperimentInput = deepFreeze({
      controlKey: 'control',
      variants: [arm('control', 5000, 100, 5, 20), arm('kit', 5000, 130, 5.1, 20)],
    });
    const copy = JSON.parse(JSON.stringify(input));
    expect(() => analyseExperiment(input)).not.toThrow();
    expect(input).toEqual(copy);
  });

  it('says what it requires', () => {
    const ok = [arm('control', 100, 5, 1, 1), arm('kit', 100, 6, 1, 1)];
    expect(() => analyseExperiment({ controlKey: 'nope', variants: ok })).toThrow(
      "analyseExperiment requires controlKey to name a variant, got 'nope' (variants: control, kit)",
    );
    expect(() => analyseExperiment({ controlKey: 'control', variants: [ok[0]!] })).toThrow(
      'analyseExperiment requires at least 2 variants (a control and a treatment)',
    );
    expect(() => analyseExperiment({ controlKey: 'control', variants: [ok[0]!, arm('kit', 1, 0, 1, 0)] })).toThrow(
      "analyseExperiment requires at least 2 members in each variant, got 1 in 'kit'",
    );
    expect(() => analyseExperiment({ controlKey: 'control', variants: [ok[0]!, arm('kit', 10, 11, 1, 1)] })).toThrow(
      "analyseExperiment requires conversions <= members, got 11 > 10 in 'kit'",
    );
    expect(() =>
      analyseExperiment({
        controlKey: 'control',
        variants: [{ ...ok[0]!, covariate: { sum: 1, sumOfSquares: 1, crossProductSum: 1 } }, ok[1]!],
      }),
    ).toThrow('analyseExperiment requires a covariate for every variant or for none, got 1 of 2');
  });
});
