import { describe, expect, it } from 'vitest';
import { implicitAlsLoss } from './implicit-loss';
import { buildInteractionMatrix } from './interaction-matrix';

describe('implicitAlsLoss', () => {
  it('is 0 when the prediction matches (the doc example)', () => {
    const m = buildInteractionMatrix({ userIndices: [0], itemIndices: [0] });
    expect(implicitAlsLoss(m, Float64Array.of(1), Float64Array.of(1), 1, 1, 0).total).toBe(0);
  });

  it('equals the objective summed over every user-item pair', () => {
    const m = buildInteractionMatrix({
      userIndices: [0, 0, 1, 2],
      itemIndices: [0, 2, 1, 2],
      values: [1, 3, 2, 1],
      userCount: 3,
      itemCount: 4,
    });
    const k = 2;
    const X = Float64Array.of(0.3, -0.2, 0.5, 0.1, -0.4, 0.7);
    const Y = Float64Array.of(0.2, 0.4, -0.1, 0.3, 0.6, 0.2, 0.05, -0.3);
    const alpha = 2;
    const reg = 0.5;
    let total = 0;
    let mass = 0;
    for (let u = 0; u < 3; u++) {
      for (let i = 0; i < 4; i++) {
        let r = 0;
        for (let t = m.byUser.indptr[u]; t < m.byUser.indptr[u + 1]; t++) if (m.byUser.indices[t] === i) r = m.byUser.values[t];
        const c = 1 + alpha * r;
        const p = r > 0 ? 1 : 0;
        const s = X[u * k] * Y[i * k] + X[u * k + 1] * Y[i * k + 1];
        total += c * (p - s) ** 2;
        mass += c;
      }
    }
    total += reg * [...X, ...Y].reduce((sum, x) => sum + x * x, 0);
    const loss = implicitAlsLoss(m, X, Y, k, alpha, reg);
    expect(loss.total).toBeCloseTo(total, 14);
    expect(loss.normalised).toBeCloseTo(total / mass, 14);
  });
});
