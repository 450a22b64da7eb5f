import { describe, expect, it } from 'vitest';
import { gramMatrix, gramMatrixInto } from './gram-matrix';
import { buildInteractionMatrix } from './interaction-matrix';

describe('gramMatrix', () => {
  it('counts co-occurrences (the doc example)', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 0, 1], itemIndices: [0, 1, 0] });
    expect(Array.from(gramMatrix(m.byUser))).toEqual([2, 1, 1, 1]);
  });

  it('is XᵀX with weights, symmetric, for items nobody shares too', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 0, 1, 1], itemIndices: [0, 2, 2, 0], values: [2, 3, 1, 5], itemCount: 4 });
    // X = [[2, 0, 3, 0], [5, 0, 1, 0]]
    expect(Array.from(gramMatrix(m.byUser))).toEqual([29, 0, 11, 0, 0, 0, 0, 0, 11, 0, 10, 0, 0, 0, 0, 0]);
  });

  it('writes the lower triangle alone into a wider matrix (gramMatrixInto, as the EASE inverse takes it)', () => {
    const m = buildInteractionMatrix({ userIndices: [0, 0, 1, 1], itemIndices: [0, 2, 2, 0], values: [2, 3, 1, 5], itemCount: 3 });
    // Stride 4 from offset 1: row i of G is target[1 + 4i .. 1 + 4i + 3].
    const target = new Float64Array(13);
    gramMatrixInto(m.byUser, target, 1, 4, true);
    expect(Array.from(target)).toEqual([0, 29, 0, 0, 0, 0, 0, 0, 0, 11, 0, 10, 0]);
  });
});
