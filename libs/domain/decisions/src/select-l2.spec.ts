import { SeededRandom } from '@crosslane/domain-demo-world';
import { describe, expect, it } from 'vitest';
import { HILLSTROM_FEATURES, hillstromExamples, loadHillstrom } from '../../../../benchmarks/decisions/hillstrom-rows';
import { holdOutSplit } from './evaluate-uplift';
import { L2_GRID, selectL2OnValidation } from './select-l2';
import { featureEncoder, type UpliftExample } from './uplift-model';

describe('selectL2OnValidation', () => {
  it('with one feature every penalty ranks the validation units alike, so the smallest penalty wins the tie', () => {
    const rng = new SeededRandom(7, 'select-l2');
    const examples: UpliftExample[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const x = rng.normal();
      const treated = i % 2 === 0;
      const p = 1 / (1 + Math.exp(-(treated ? -1 + 1.5 * x : -1 - 0.5 * x)));
      examples.push({ features: [x], treated, outcome: rng.next() < p ? 1 : 0 });
    }
    const copy = examples.map((e) => ({ ...e, features: [...e.features] }));
    const chosen = selectL2OnValidation(examples, 'TRANSFORMED_OUTCOME');
    expect(chosen.validation.map((v) => v.l2)).toEqual(L2_GRID);
    expect(new Set(chosen.validation.map((v) => v.qini.toFixed(12))).size).toBe(1);
    expect(chosen.l2).toBe(0.1);
    expect(examples).toEqual(copy);
  });

  it('refuses an empty grid or a penalty that is not positive', () => {
    const examples: UpliftExample[] = [0, 1, 2, 3, 4, 5].map((i) => ({
      features: [i],
      treated: i % 2 === 0,
      outcome: (i % 3 === 0 ? 1 : 0) as 0 | 1,
    }));
    expect(() => selectL2OnValidation(examples, 'T_LEARNER', { grid: [] })).toThrow('a non-empty grid of positive, finite penalties');
    expect(() => selectL2OnValidation(examples, 'T_LEARNER', { grid: [1, 0] })).toThrow('positive, finite');
  });

  it('Hillstrom, Mens E-Mail vs No E-Mail, visit: the T-learner validates at λ = 1000, as the numpy reference does on the same split', () => {
    const data = hillstromExamples(loadHillstrom(), 'Mens E-Mail', 'visit');
    const { train: trainRows } = holdOutSplit(data);
    const encoder = featureEncoder(
      HILLSTROM_FEATURES,
      trainRows.map((d) => d.row as unknown as Record<string, string | number>),
    );
    const { train } = holdOutSplit(
      data.map((d) => ({
        features: encoder.encode(d.row as unknown as Record<string, string | number>),
        treated: d.treated,
        outcome: d.outcome,
      })),
    );
    const chosen = selectL2OnValidation(train, 'T_LEARNER');
    expect(chosen.l2).toBe(1000);
    // benchmarks/decisions/uplift_ref.py select_l2 on the same rows: validation Qini 0.0423 at λ = 1000.
    expect(chosen.validation.find((v) => v.l2 === 1000)!.qini).toBeCloseTo(0.0423, 4);
    expect(Math.max(...chosen.validation.map((v) => v.qini))).toBe(chosen.validation.find((v) => v.l2 === 1000)!.qini);
  });
});
