import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';
import { spdInverseWasmModule, type SpdInverseWasmExports } from './spd-inverse-wasm-module';

describe('spdInverseWasmModule', () => {
  it('exports gemm_nt (the doc example)', () => {
    expect(WebAssembly.Module.exports(spdInverseWasmModule(64)).map((e) => e.name)).toEqual(['gemm_nt']);
  });

  it('computes C = (C or 0) + alpha X Yᵀ over row-major panels of the built-in stride', () => {
    const N = 16;
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const ex = new WebAssembly.Instance(spdInverseWasmModule(N), { env: { memory } }).exports as unknown as SpdInverseWasmExports;
    const H = new Float64Array(memory.buffer);
    const random = createSeededRandom(11);
    // X at rows 0-15, Y at rows 16-31, C at rows 32-47, all of stride 16.
    for (let t = 0; t < 48 * N; t++) H[t] = Math.round(random() * 20) - 10;
    const before = H.slice(32 * N, 48 * N);
    const [rows, cols, k, alpha] = [4, 8, 6, -0.5];
    // Start at column 2 of X and Y and column 4 of C, to check the pointers move by bytes.
    ex.gemm_nt(2 * 8, (16 * N + 2) * 8, (32 * N + 4) * 8, rows, cols, k * 8, alpha, 1);
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < N; j++) {
        let expected = before[i * N + j];
        if (i < rows && j >= 4 && j < 4 + cols) {
          let s = 0;
          for (let q = 0; q < k; q++) s += H[i * N + 2 + q] * H[(16 + j - 4) * N + 2 + q];
          expected += alpha * s;
        }
        expect(H[(32 + i) * N + j]).toBe(expected);
      }
    }
    // Without accumulate, whatever C held is ignored.
    H[32 * N + 4] = Number.NaN;
    ex.gemm_nt(2 * 8, (16 * N + 2) * 8, (32 * N + 4) * 8, 2, 4, 2 * 8, 1, 0);
    expect(H[32 * N + 4]).toBe(H[2] * H[16 * N + 2] + H[3] * H[16 * N + 3]);
  });
});
