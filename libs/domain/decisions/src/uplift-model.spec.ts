import { SeededRandom } from '@crosslane/domain-demo-world';
import { describe, expect, it } from 'vitest';
import { HILLSTROM_FEATURES, hillstromExamples, loadHillstrom } from '../../../../benchmarks/decisions/hillstrom-rows';
import { evaluateUpliftModel, holdOutSplit } from './evaluate-uplift';
import { fitLogisticRegression, predictProbability } from './logistic-regression';
import { qiniAucScore, qiniCurve, upliftAtK } from './uplift-metrics';
import { featureEncoder, predictUplift, trainUpliftModel, type UpliftExample } from './uplift-model';

describe('fitLogisticRegression', () => {
  it('gives the doc example: symmetric data, P = 0.5 at the centre', () => {
    const m = fitLogisticRegression([[0], [1], [2], [3]], [0, 0, 1, 1], { l2: 1 });
    expect(m.converged).toBe(true);
    expect(m.coefficients[0]).toBeGreaterThan(0);
    expect(predictProbability(m, [1.5])).toBeCloseTo(0.5, 10);
  });

  it('recovers generating coefficients on a large sample with a small penalty', () => {
    const rng = new SeededRandom(3, 'logistic');
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const a = rng.normal();
      const b = rng.normal();
      rows.push([a, b]);
      y.push(rng.next() < 1 / (1 + Math.exp(-(-1 + 0.8 * a - 0.5 * b))) ? 1 : 0);
    }
    const copy = rows.map((r) => [...r]);
    const m = fitLogisticRegression(rows, y, { l2: 1e-6 });
    // Standardised coefficients divided by scale give the raw slopes.
    expect(m.coefficients[0]! / m.scales[0]!).toBeCloseTo(0.8, 1);
    expect(m.coefficients[1]! / m.scales[1]!).toBeCloseTo(-0.5, 1);
    expect(rows).toEqual(copy);
  });
});

describe('uplift metrics (sklift definitions)', () => {
  it('scores a perfect ranking 1 and the reverse below 0', () => {
    // The perfect order: treated converter, then the non-converters (tied), then the control converter.
    expect(qiniAucScore([1, 0, 1, 0], [0.9, 0.5, 0.1, 0.5], [1, 1, 0, 0])).toBeCloseTo(1, 12);
    expect(qiniAucScore([1, 0, 1, 0], [0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBeLessThan(0);
  });

  it('builds the curve with one point per distinct score, from 0', () => {
    // sklift: qini_curve([1,0,1,0,1],[.9,.9,.5,.2,.2],[1,0,1,0,0]) -> x [0,2,3,5], y [0,1,2,2-1*2/3... ]
    const c = qiniCurve([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.2, 0.2], [1, 0, 1, 0, 0]);
    expect(c.x).toEqual([0, 2, 3, 5]);
    expect(c.y[1]).toBeCloseTo(1, 12); // 1 treated converter - 0 control converters
    expect(c.y[2]).toBeCloseTo(2, 12);
    expect(c.y[3]).toBeCloseTo(2 - (1 * 2) / 3, 12);
  });

  it('uplift@k overall compares rates within the top k of all units', () => {
    // top 2 of 4 by score: a treated converter and a control non-converter -> 1 - 0
    expect(upliftAtK([1, 0, 0, 1], [0.9, 0.8, 0.2, 0.1], [1, 0, 1, 0], 0.5)).toBe(1);
  });
});

describe('uplift models', () => {
  const encoderSpec = { numeric: ['x'], categorical: ['band'] };
  /** Four bands; treatment works only in band C. */
  function planted(seed: number, n: number): { band: string; example: UpliftExample }[] {
    const rng = new SeededRandom(seed, 'planted-uplift');
    const out: { band: string; example: UpliftExample }[] = [];
    const bands = ['A', 'B', 'C', 'D'];
    const encoder = featureEncoder(
      encoderSpec,
      bands.map((band) => ({ x: 0, band })),
    );
    for (let i = 0; i < n; i += 1) {
      const band = rng.pick(bands);
      const x = rng.normal();
      const treated = rng.chance(0.5);
      const p = 0.08 + 0.02 * x * 0 + (treated && band === 'C' ? 0.08 : 0);
      out.push({ band, example: { features: encoder.encode({ x, band }), treated, outcome: rng.next() < p ? 1 : 0 } });
    }
    return out;
  }

  for (const learner of ['T_LEARNER', 'TRANSFORMED_OUTCOME'] as const) {
    it(`${learner}: ranks the band with the planted effect first and beats random on held-out units`, () => {
      const data = planted(5, 24_000);
      const { train, test } = holdOutSplit(data);
      const model = trainUpliftModel(
        train.map((d) => d.example),
        learner,
      );
      const meanByBand = new Map<string, { sum: number; n: number }>();
      for (const d of test) {
        const m = meanByBand.get(d.band) ?? { sum: 0, n: 0 };
        m.sum += predictUplift(model, d.example.features);
        m.n += 1;
        meanByBand.set(d.band, m);
      }
      const ranked = [...meanByBand].sort((a, b) => b[1].sum / b[1].n - a[1].sum / a[1].n).map(([band]) => band);
      expect(ranked[0]).toBe('C');
      const { evaluation } = evaluateUpliftModel(
        train.map((d) => d.example),
        test.map((d) => d.example),
        learner,
        { seed: 1, bootstrapSamples: 100 },
      );
      expect(evaluation.beatsRandom).toBe(true);
    });
  }
});

describe('uplift models on Hillstrom (held-out third)', () => {
  const rows = loadHillstrom();
  // Only the pair where the interval clears 0 on this split; the benchmark
  // reports all four pairs and both learners (Mens visit does not clear it).
  for (const [arm, outcome] of [['Womens E-Mail', 'visit']] as const) {
    it(`${arm} vs No E-Mail, ${outcome}: the T-learner's Qini coefficient beats random with a bootstrap interval above 0`, () => {
      const data = hillstromExamples(rows, arm, outcome);
      const encoder = featureEncoder(
        HILLSTROM_FEATURES,
        data.map((d) => d.row as unknown as Record<string, string | number>),
      );
      const examples = data.map((d) => ({
        features: encoder.encode(d.row as unknown as Record<string, string | number>),
        treated: d.treated,
        outcome: d.outcome,
      }));
      const { train, test } = holdOutSplit(examples);
      const { evaluation } = evaluateUpliftModel(train, test, 'T_LEARNER', { seed: 15, bootstrapSamples: 100 });
      expect(evaluation.qiniCoefficient.lower).toBeGreaterThan(0);
      expect(evaluation.upliftAt30).toBeGreaterThan(0);
    });
  }
});
