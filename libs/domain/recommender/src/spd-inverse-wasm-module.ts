import { ValueType, WasmFunction, wasmModuleBytes } from './wasm-assembler';
import { dotTile2x4, forRange, horizontalSum, tileLocals } from './wasm-loops';

// The one inner loop of the blocked SPD inverse (spd-inverse-blocked.ts) as
// WebAssembly SIMD: every flop-heavy step of Cholesky, triangular inverse and
// the final product is C ∓= X Yᵀ over row-major panels, i.e. dot products of
// two rows that both run along memory. Float64 in two lanes, no fused
// multiply-add, so every thread and every run rounds alike. Pointers are byte
// offsets into the shared memory; the row stride is built into the module.

const { i32, f64 } = ValueType;

/**
 * gemm_nt(x, y, c, rows, cols, kBytes, alpha, accumulate):
 * C[i][j] = (accumulate ? C[i][j] : 0) + alpha · Σ_k X[i][k] Y[j][k]
 * for i < rows (even), j < cols (a multiple of 4), k < kBytes / 8 (even).
 * A 2 x 4 tile of C is held in eight f64x2 accumulators while the two X rows
 * and four Y rows stream past: six loads per eight multiply-adds of two lanes
 * (the shape of the ALS kernel's gemm4, which V8 keeps in registers).
 */
function gemmNt(strideBytes: number): WasmFunction {
  const f = new WasmFunction('gemm_nt', [i32, i32, i32, i32, i32, i32, f64, i32]);
  const [x, y, c, rows, cols, kBytes, alpha, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7];
  const i = f.local(i32);
  const j = f.local(i32);
  const xi = f.local(i32);
  const ci = f.local(i32);
  const yj = f.local(i32);
  const co = f.local(i32);
  const tile = tileLocals(f);
  forRange(
    f,
    i,
    () => f.i32(0),
    () => f.get(rows),
    2,
    () => {
      f.get(x).get(i).i32(strideBytes).i32Mul().i32Add().set(xi);
      f.get(c).get(i).i32(strideBytes).i32Mul().i32Add().set(ci);
      forRange(
        f,
        j,
        () => f.i32(0),
        () => f.get(cols),
        4,
        () => {
          f.get(y).get(j).i32(strideBytes).i32Mul().i32Add().set(yj);
          dotTile2x4(f, tile, xi, yj, () => f.get(kBytes), strideBytes);
          f.get(ci).get(j).i32(3).i32Shl().i32Add().set(co);
          for (let r = 0; r < 2; r++) {
            for (let v = 0; v < 4; v++) {
              const offset = r * strideBytes + 8 * v;
              const t = tile.acc[4 * r + v];
              f.get(co);
              // select, not a multiply by 0: C may hold anything when not accumulating.
              f.get(co).f64Load(offset).f64(0).get(accumulate).select();
              horizontalSum(f, t);
              f.get(alpha).f64Mul();
              f.f64Add().f64Store(offset);
            }
          }
        },
      );
    },
  );
  return f;
}

/** Exports of the compiled module, as the JavaScript side calls them (pointers in bytes). */
export interface SpdInverseWasmExports {
  gemm_nt(x: number, y: number, c: number, rows: number, cols: number, kBytes: number, alpha: number, accumulate: number): void;
}

const compiled = new Map<number, WebAssembly.Module>();

/**
 * The SPD-inverse kernel module for matrices of `size` columns (the padded
 * row stride), assembled and compiled once per process and size: the stride
 * is built in, so the four rows of a tile are constant offsets from one
 * address. Its memory is imported (env.memory, shared), so worker threads
 * instantiate the same module over the same matrix.
 *
 * Example: WebAssembly.Module.exports(spdInverseWasmModule(64)).map((e) => e.name) is ['gemm_nt'].
 */
export function spdInverseWasmModule(size: number): WebAssembly.Module {
  if (!Number.isInteger(size) || size < 4 || size % 4 !== 0) {
    throw new RangeError(`spdInverseWasmModule requires a size that is a positive multiple of 4, got ${size}`);
  }
  let module = compiled.get(size);
  if (module === undefined) {
    module = new WebAssembly.Module(wasmModuleBytes([gemmNt(size * 8)]));
    compiled.set(size, module);
  }
  return module;
}
