import { describe, expect, it } from 'vitest';
import { alsStride, prepareAlsState, readFactors } from './als-state';
import { factorizeImplicit } from './factorize-implicit';
import { buildInteractionMatrix } from './interaction-matrix';

const matrix = buildInteractionMatrix({ userIndices: [0, 1, 1], itemIndices: [1, 0, 2] });
const params = { factors: 3, iterations: 1, alpha: 2, regularization: 1, cgSteps: 3, seed: 1 };

describe('ALS memory layout', () => {
  it('pads rows to a multiple of 16 doubles (the doc examples)', () => {
    expect(alsStride(64)).toBe(64);
    expect(alsStride(3)).toBe(16);
    expect(prepareAlsState('factorizeImplicit', matrix, params, 1).layout.stride).toBe(16);
  });

  it('stores c = 1 + alpha r and c - 1 per interaction, and zero padding in the factors', () => {
    const { layout, memory } = prepareAlsState('factorizeImplicit', matrix, params, 2);
    const conf = new Float64Array(memory.buffer, layout.users.confidence, 3);
    const weight = new Float64Array(memory.buffer, layout.users.weight, 3);
    expect(Array.from(conf)).toEqual([3, 3, 3]);
    expect(Array.from(weight)).toEqual([2, 2, 2]);
    const row = new Float64Array(memory.buffer, layout.items.factors, 16);
    expect(row.subarray(0, 3).every((x) => x > 0 && x < 0.01)).toBe(true);
    expect(Array.from(row.subarray(3))).toEqual(new Array(13).fill(0));
    expect(layout.scratch).toHaveLength(2);
  });

  it('refuses problems beyond 4 GiB of WebAssembly memory with a clear error', () => {
    expect(() => factorizeImplicit(matrix, { ...params, factors: 30000 })).toThrow(
      'factorizeImplicit requires the interactions and factors to fit in 4 GiB of WebAssembly memory',
    );
  });
});

describe('prepareAlsState initial factors', () => {
  it("equal als_ref.py's (default_rng(seed).random((n, k)) * 0.01).astype(float32), users then items", () => {
    // numpy 2.4.6: r = np.random.default_rng(1)
    //   X = (r.random((2, 3)) * 0.01).astype(np.float32); Y = (r.random((3, 3)) * 0.01).astype(np.float32)
    const state = prepareAlsState('factorizeImplicit', matrix, params, 1);
    expect(Array.from(readFactors(state, state.layout.users))).toEqual([
      0.005118216387927532, 0.009504636749625206, 0.0014415960758924484, 0.009486494585871696, 0.0031183145474642515, 0.004233264364302158,
    ]);
    expect(Array.from(readFactors(state, state.layout.items))).toEqual([
      0.008277026005089283, 0.004091991577297449, 0.005495937075465918, 0.0002755911264102906, 0.007535131182521582, 0.005381433293223381,
      0.003297317074611783, 0.007884287275373936, 0.003031948348507285,
    ]);
  });
});
