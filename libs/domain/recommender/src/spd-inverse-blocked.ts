import type { SpdInverseWasmExports } from './spd-inverse-wasm-module';

// The blocked inverse of a symmetric positive-definite matrix, as steps that
// one thread runs in order (invertSpdBlocked) or worker threads share
// (invertSpdParallel). `createSpdInverseSteps` is serialised with
// Function.prototype.toString and evaluated inside each worker, so it must
// stay self-contained: no imports at run time (the one above is a type),
// nothing from outside its own body, no syntax that needs compiler helpers.
// Every entry is computed by the same sequence of kernel calls whichever
// thread runs its task, so the result is bit-identical for any thread count.

/** Where the matrix and the scratch panels sit in the shared memory. */
export interface SpdInverseLayout {
  /** The caller's n. */
  readonly n: number;
  /** n rounded up to a whole number of blocks: the row stride of the matrix. */
  readonly size: number;
  /** Rows and columns per block. */
  readonly block: number;
  /**
   * The one size x size matrix, from byte 0: A, then L in its lower triangle
   * with V = L⁻ᵀ in its strict upper triangle, then P = A⁻¹ in its lower
   * blocks, and finally P compacted to n x n.
   */
  readonly a: number;
  /** Byte offset of V's diagonal (size values). */
  readonly vDiagonal: number;
  /** Byte offset of the scratch panels, one per thread: block x size values each. */
  readonly scratch: number;
  /** WebAssembly pages (64 KiB) of the memory. */
  readonly pages: number;
}

/** 64 x 64 tiles: a panel of 64 rows of a few thousand values stays in L2 across a tile's columns. */
export const SPD_INVERSE_BLOCK = 64;

/** Most pages a WebAssembly memory can have (4 GiB). */
const MAX_PAGES = 65536;

/**
 * The layout for an n x n matrix and `threads` scratch panels: n padded to
 * whole blocks, where the padding is the identity (so the padded matrix is
 * diag(A, I), still positive definite, and its inverse is diag(A⁻¹, I)); no
 * kernel call has a ragged edge. Null when it does not fit a 4 GiB memory
 * (n above about 23,000).
 *
 * Example: spdInverseLayout(100, 1)!.size is 128.
 */
export function spdInverseLayout(n: number, threads: number): SpdInverseLayout | null {
  const block = SPD_INVERSE_BLOCK;
  const size = Math.ceil(n / block) * block;
  const vDiagonal = size * size * 8;
  const scratch = vDiagonal + size * 8;
  const pages = Math.max(1, Math.ceil((scratch + threads * block * size * 8) / 65536));
  return pages > MAX_PAGES ? null : { n, size, block, a: 0, vDiagonal, scratch, pages };
}

/** What load copies in: a row-major n x n array, or a function that writes at least the lower triangle into zeros. */
export type SpdMatrixSource = ArrayLike<number> | ((target: Float64Array, offset: number, stride: number) => void);

export interface SpdInverseSteps {
  /** Copies the source into A (fresh memory, all zeros), padded with the identity, adding `shift` to the diagonal. */
  load(source: SpdMatrixSource, shift: number): void;
  /** Cholesky of block column `jb` (rows jb·block on), after the updates of the columns before it. */
  factorPanel(jb: number, fn: string): void;
  /** How many 64 x 64 tiles the update after panel `jb` has. */
  trailingTileCount(jb: number): number;
  /** Tiles of A's lower trailing triangle −= L_panel L_panelᵀ, claimed from nextTask() until none is left. */
  runTrailingUpdate(jb: number, nextTask: () => number): void;
  /** Row blocks of V = L⁻ᵀ, each independent of the others, claimed from nextTask(). */
  runInverse(nextTask: () => number): void;
  /** Row blocks of the lower tiles of P = V Vᵀ (= A⁻¹), claimed from nextTask(). */
  runProduct(nextTask: () => number): void;
  /** P, both triangles, compacted in place to a row-major n x n view of the memory's first n² values. */
  finish(): Float64Array;
}

/**
 * Builds the steps over its own instance of the kernel module on the shared
 * `memory`, with scratch panel `slot`.
 *
 * Method: LAPACK's dpotrf, dtrtri and dlauum (Golub & Van Loan, "Matrix
 * Computations", 4th ed., §4.2.9 and §3.1), blocked for the kernel's
 * C ∓= X Yᵀ with both panels row-major, in place in one matrix: (1)
 * right-looking Cholesky A = L Lᵀ, each 64-wide panel factored in 4-column
 * steps, then the trailing triangle updated tile by tile (the parallel
 * part); (2) V = L⁻ᵀ row block by row block in a scratch panel,
 * V[c][i] = −(Σ_{c≤k<i} V[c][k] L[i][k]) / L[i][i], each row of V depending
 * only on itself and L (so the row blocks need no synchronisation), written
 * back into the strict upper triangle, its diagonal aside; (3) P = V Vᵀ,
 * lower tiles only, over L, each row block with its own clean copy of V's
 * diagonal block. n³/2 multiply-adds in all, a quarter of a general LU
 * inverse's.
 *
 * Example: invertSpdBlocked (spd-inverse.ts) runs load, factorPanel and
 * runTrailingUpdate per panel, runInverse, runProduct, then finish.
 */
export function createSpdInverseSteps(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  layout: SpdInverseLayout,
  slot: number,
): SpdInverseSteps {
  const ex = new WebAssembly.Instance(module, { env: { memory: memory } }).exports as unknown as SpdInverseWasmExports;
  const H = new Float64Array(memory.buffer);
  const n = layout.n;
  const N = layout.size;
  const NB = layout.block;
  const blocks = N / NB;
  const ld = N * 8;
  const A = layout.a;
  const a0 = A / 8;
  const vd = layout.vDiagonal / 8;
  const S = layout.scratch + slot * NB * ld;
  const s0v = S / 8;
  // Long dot products go in chunks of this many terms, so the tile's panels
  // (2 x 64 rows of 256 values, 256 KiB) stay in L2 while a tile row is computed.
  const KC = 256;

  /** Byte address of entry (row, col) of the matrix at `base`: may pass 2³¹, which the i32 parameter wraps to the same bits. */
  function at(base: number, row: number, col: number): number {
    return base + row * ld + col * 8;
  }

  function load(source: SpdMatrixSource, shift: number): void {
    if (typeof source === 'function') {
      source(H, a0, N);
    } else if (Object.prototype.toString.call(source) === '[object Float64Array]') {
      // A memcpy per row. (Not instanceof: a compiler for old targets replaces it with a helper this serialised body cannot reach.)
      const typed = source as Float64Array;
      for (let i = 0; i < n; i++) H.set(typed.subarray(i * n, i * n + n), a0 + i * N);
    } else {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[a0 + i * N + j] = source[i * n + j];
    }
    for (let i = 0; i < n; i++) H[a0 + i * N + i] += shift;
    for (let i = n; i < N; i++) H[a0 + i * N + i] = 1;
  }

  function factorPanel(jb: number, fn: string): void {
    const J0 = jb * NB;
    const J1 = J0 + NB;
    for (let s0 = J0; s0 < J1; s0 += 4) {
      const s1 = s0 + 4;
      // Columns s0..s1 of every row below, less their products with the panel's columns before s0.
      if (s0 > J0) ex.gemm_nt(at(A, s0, J0), at(A, s0, J0), at(A, s0, s0), N - s0, 4, (s0 - J0) * 8, -1, 1);
      for (let j = s0; j < s1; j++) {
        const rj = a0 + j * N;
        let d = H[rj + j];
        for (let k = s0; k < j; k++) d -= H[rj + k] * H[rj + k];
        if (!(d > 0)) {
          throw new RangeError(
            `${fn} requires a positive definite matrix; pivot ${j} is ${d} (add a positive regularisation to the diagonal)`,
          );
        }
        const l = Math.sqrt(d);
        H[rj + j] = l;
        for (let i = j + 1; i < s1; i++) {
          const ri = a0 + i * N;
          let s = H[ri + j];
          for (let k = s0; k < j; k++) s -= H[ri + k] * H[rj + k];
          H[ri + j] = s / l;
        }
      }
      for (let i = s1; i < N; i++) {
        const ri = a0 + i * N;
        for (let j = s0; j < s1; j++) {
          const rj = a0 + j * N;
          let s = H[ri + j];
          for (let k = s0; k < j; k++) s -= H[ri + k] * H[rj + k];
          H[ri + j] = s / H[rj + j];
        }
      }
    }
  }

  function trailingTileCount(jb: number): number {
    const m = blocks - jb - 1;
    return (m * (m + 1)) / 2;
  }

  function runTrailingUpdate(jb: number, nextTask: () => number): void {
    const J0 = jb * NB;
    const count = trailingTileCount(jb);
    for (let t = nextTask(); t < count; t = nextTask()) {
      // Tile t of the lower triangle, row by row: row ib holds ib − jb tiles.
      let ib = jb + 1;
      let rest = t;
      while (rest >= ib - jb) {
        rest -= ib - jb;
        ib++;
      }
      const kb = jb + 1 + rest;
      ex.gemm_nt(at(A, ib * NB, J0), at(A, kb * NB, J0), at(A, ib * NB, kb * NB), NB, NB, NB * 8, -1, 1);
    }
  }

  function inverseRowBlock(cb: number): void {
    const C0 = cb * NB;
    // Row c of V is scratch row c − C0, columns as in the matrix; only columns C0 on are read.
    for (let r = 0; r < NB; r++) H.fill(0, s0v + r * N + C0, s0v + r * N + C0 + NB);
    for (let r = 0; r < NB; r++) H[s0v + r * N + C0 + r] = 1 / H[a0 + (C0 + r) * N + C0 + r];
    for (let ib = cb; ib < blocks; ib++) {
      const I0 = ib * NB;
      // V[C][I] = −Σ_{k<I0} V[C][k] L[I][k]; V[c][k] is 0 for k < c, so k starts at C0.
      for (let k0 = C0; k0 < I0; k0 += KC) {
        const k1 = Math.min(I0, k0 + KC);
        ex.gemm_nt(at(S, 0, k0), at(A, I0, k0), at(S, 0, I0), NB, NB, (k1 - k0) * 8, -1, k0 > C0 ? 1 : 0);
      }
      // Then the block's own columns, four at a time, as the panel factor does.
      for (let s0 = I0; s0 < I0 + NB; s0 += 4) {
        const s1 = s0 + 4;
        if (s0 > I0) ex.gemm_nt(at(S, 0, I0), at(A, s0, I0), at(S, 0, s0), NB, 4, (s0 - I0) * 8, -1, 1);
        const rEnd = Math.min(NB, s1 - 1 - C0);
        for (let r = 0; r < rEnd; r++) {
          const c = C0 + r;
          const rc = s0v + r * N;
          for (let i = Math.max(s0, c + 1); i < s1; i++) {
            const ri = a0 + i * N;
            let s = H[rc + i];
            for (let k = s0; k < i; k++) s -= H[rc + k] * H[ri + k];
            H[rc + i] = s / H[ri + i];
          }
        }
      }
    }
    // Back into the matrix: the strict upper triangle is free (L is below), the diagonal goes aside.
    for (let r = 0; r < NB; r++) {
      const c = C0 + r;
      H[vd + c] = H[s0v + r * N + c];
      H.set(H.subarray(s0v + r * N + c + 1, s0v + r * N + N), a0 + c * N + c + 1);
    }
  }

  function runInverse(nextTask: () => number): void {
    for (let cb = nextTask(); cb < blocks; cb = nextTask()) inverseRowBlock(cb);
  }

  function productRowBlock(ab: number): void {
    const A0 = ab * NB;
    const A1 = A0 + NB;
    // V's diagonal block, clean (zeros below, its diagonal back in place), in
    // the scratch panel: in the matrix it shares the block with L and, once
    // this task writes it, with P.
    for (let r = 0; r < NB; r++) {
      const a = A0 + r;
      const row = s0v + r * N;
      H.fill(0, row + A0, row + a);
      H[row + a] = H[vd + a];
      H.set(H.subarray(a0 + a * N + a + 1, a0 + a * N + A1), row + a + 1);
    }
    for (let bb = 0; bb <= ab; bb++) {
      const B0 = bb * NB;
      // P[a][b] = Σ_{k>=a} V[a][k] V[b][k]: the diagonal block's columns, then the rest in chunks.
      const c = at(A, A0, B0);
      ex.gemm_nt(at(S, 0, A0), bb === ab ? at(S, 0, A0) : at(A, B0, A0), c, NB, NB, NB * 8, 1, 0);
      for (let k0 = A1; k0 < N; k0 += KC) {
        const k1 = Math.min(N, k0 + KC);
        ex.gemm_nt(at(A, A0, k0), at(A, B0, k0), c, NB, NB, (k1 - k0) * 8, 1, 1);
      }
    }
  }

  function runProduct(nextTask: () => number): void {
    for (let ab = nextTask(); ab < blocks; ab = nextTask()) productRowBlock(ab);
  }

  function finish(): Float64Array {
    // Mirror P's lower blocks into the upper ones (V is no longer needed), in
    // 64 x 64 tiles so that the transposed reads stay in cache ...
    for (let ib = 0; ib < blocks; ib++) {
      for (let jb = ib; jb < blocks; jb++) {
        for (let i = ib * NB; i < ib * NB + NB; i++) {
          const o = a0 + i * N;
          for (let j = Math.max(jb * NB, i + 1); j < jb * NB + NB; j++) H[o + j] = H[a0 + j * N + i];
        }
      }
    }
    // ... then close the rows up from stride N to n (each row moves down, never over a row not yet moved).
    for (let i = 1; i < n; i++) H.copyWithin(a0 + i * n, a0 + i * N, a0 + i * N + n);
    return new Float64Array(memory.buffer, A, n * n);
  }

  return {
    load: load,
    factorPanel: factorPanel,
    trailingTileCount: trailingTileCount,
    runTrailingUpdate: runTrailingUpdate,
    runInverse: runInverse,
    runProduct: runProduct,
    finish: finish,
  };
}
