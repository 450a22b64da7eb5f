import { describe, expect, it } from 'vitest';
import { createAlsKernel } from './als-kernel';
import { prepareAlsState } from './als-state';
import { alsWasmModule } from './als-wasm-module';
import { buildInteractionMatrix } from './interaction-matrix';

describe('createAlsKernel', () => {
  const matrix = buildInteractionMatrix({ userIndices: [0, 1, 1, 2], itemIndices: [1, 0, 2, 2] });
  const params = { factors: 64, iterations: 1, alpha: 2, regularization: 1, cgSteps: 3, seed: 1 };

  it('returns the two entry points the trainers call (the doc example)', () => {
    const state = prepareAlsState('factorizeImplicit', matrix, params, 1);
    const kernel = createAlsKernel(alsWasmModule(64, 64), state.memory, state.layout, 0);
    expect(Object.keys(kernel).sort()).toEqual(['gramBlock', 'runPhase']);
  });

  it('solves the blocks it is handed to the same factors in any order (why threads may race)', () => {
    // 150 users: three blocks of 64 rows.
    const users = Array.from({ length: 400 }, (_, t) => t % 150);
    const items = Array.from({ length: 400 }, (_, t) => (t * 13) % 37);
    const big = buildInteractionMatrix({ userIndices: users, itemIndices: items });
    const run = (order: number[]): Float64Array => {
      const state = prepareAlsState('factorizeImplicit', big, params, 1);
      const kernel = createAlsKernel(alsWasmModule(64, 64), state.memory, state.layout, 0);
      for (let b = 0; b < state.layout.items.blockCount; b++) kernel.gramBlock(state.layout.items, b);
      const queue = [...order];
      kernel.runPhase(state.layout.users, state.layout.items, 1, () => queue.shift() ?? Number.MAX_SAFE_INTEGER);
      return new Float64Array(state.memory.buffer, state.layout.users.factors, 150 * 64).slice();
    };
    const inOrder = run([0, 1, 2]);
    expect(inOrder.some((x) => x !== 0)).toBe(true);
    expect(run([2, 0, 1])).toEqual(inOrder);
  });
});
