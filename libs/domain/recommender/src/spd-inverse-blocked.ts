import type { SpdInverseWasmExports } from './spd-inverse-wasm-module';

// The blocked inverse of a symmetric positive-definite matrix, as steps that
// one thread runs in order (invertSpdBlocked) or worker threads share
// (invertSpdParallel). `createSpdInverseSteps` is serialised with
// Function.prototype.toString and evaluated inside each worker, so it must
// stay self-contained: no imports at run time (the one above is a type),
// nothing from outside its own body, no syntax that needs compiler helpers.
// Every entry is computed by the same sequence of kernel calls whichever
// thread runs its task, so the result is bit-identical for any thread count.

/** Where the matrices sit in the shared memory. */
export interface SpdInverseLayout {
  /** The caller's n. */
  readonly n: number;
  /** n rounded up to a whole number of blocks: the row stride of both matrices. */
  readonly size: number;
  /** Rows and columns per block. */
  readonly block: number;
  /** Byte offset of A, then L (lower triangle, in place), then P = A⁻¹ (lower blocks). */
  readonly a: number;
  /** Byte offset of V = L⁻ᵀ (upper triangle). */
  readonly v: number;
  /** WebAssembly pages (64 KiB) of the memory. */
  readonly pages: number;
}

/** 64 x 64 tiles: a panel of 64 rows of a few thousand values stays in L2 across a tile's columns. */
export const SPD_INVERSE_BLOCK = 64;

/** Largest n whose two padded float64 matrices fit a 4 GiB WebAssembly memory (larger n use the plain kernel). */
export const SPD_INVERSE_WASM_MAX_N = 16_384;

/**
 * The layout for an n x n matrix: n padded to whole blocks, where the padding
 * is the identity (so the padded matrix is diag(A, I), still positive
 * definite, and its inverse is diag(A⁻¹, I)); no kernel call has a ragged edge.
 *
 * Example: spdInverseLayout(100).size is 128.
 */
export function spdInverseLayout(n: number): SpdInverseLayout {
  const block = SPD_INVERSE_BLOCK;
  const size = Math.ceil(n / block) * block;
  const bytes = size * size * 8;
  return { n, size, block, a: 0, v: bytes, pages: Math.max(1, Math.ceil((2 * bytes) / 65536)) };
}

export interface SpdInverseSteps {
  /** Copies the row-major n x n `source` into A, padded with the identity, adding `shift` to the diagonal. */
  load(source: ArrayLike<number>, shift: number): void;
  /** Cholesky of block column `jb` (rows jb·block on), after the updates of the columns before it. */
  factorPanel(jb: number, fn: string): void;
  /** How many 64 x 64 tiles the update after panel `jb` has. */
  trailingTileCount(jb: number): number;
  /** Tiles of A's lower trailing triangle −= L_panel L_panelᵀ, claimed from nextTask() until none is left. */
  runTrailingUpdate(jb: number, nextTask: () => number): void;
  /** Row blocks of V = L⁻ᵀ, each independent of the others, claimed from nextTask(). */
  runInverse(nextTask: () => number): void;
  /** Lower tiles of P = V Vᵀ (= A⁻¹), claimed from nextTask(). */
  runProduct(nextTask: () => number): void;
  /** P as a fresh row-major n x n array, both triangles. */
  extract(): Float64Array;
}

/**
 * Builds the steps over its own instance of the kernel module on the shared
 * `memory`.
 *
 * Method: LAPACK's dpotrf, dtrtri and dlauum (Golub & Van Loan, "Matrix
 * Computations", 4th ed., §4.2.9 and §3.1), blocked for the kernel's
 * C ∓= X Yᵀ with both panels row-major: (1) right-looking Cholesky A = L Lᵀ,
 * each 64-wide panel factored in 4-column steps, then the trailing triangle
 * updated tile by tile (the parallel part); (2) V = L⁻ᵀ row block by row
 * block, V[c][i] = −(Σ_{c≤k<i} V[c][k] L[i][k]) / L[i][i], where each row of
 * V depends only on itself and L, so the row blocks need no synchronisation;
 * (3) P = V Vᵀ, lower tiles only. n³/2 multiply-adds in all, a quarter of a
 * general LU inverse's.
 *
 * Example: invertSpdBlocked (spd-inverse.ts) runs load, factorPanel and
 * runTrailingUpdate per panel, runInverse, runProduct, then extract.
 */
export function createSpdInverseSteps(module: WebAssembly.Module, memory: WebAssembly.Memory, layout: SpdInverseLayout): SpdInverseSteps {
  const ex = new WebAssembly.Instance(module, { env: { memory: memory } }).exports as unknown as SpdInverseWasmExports;
  const H = new Float64Array(memory.buffer);
  const n = layout.n;
  const N = layout.size;
  const NB = layout.block;
  const blocks = N / NB;
  const ld = N * 8;
  const A = layout.a;
  const V = layout.v;
  const a0 = A / 8;
  const v0 = V / 8;
  // Long dot products go in chunks of this many terms, so the tile's panels
  // (2 x 64 rows of 256 values, 256 KiB) stay in L2 while a tile row is computed.
  const KC = 256;

  /** Byte address of entry (row, col) of the matrix at `base`: may pass 2³¹, which the i32 parameter wraps to the same bits. */
  function at(base: number, row: number, col: number): number {
    return base + row * ld + col * 8;
  }

  function load(source: ArrayLike<number>, shift: number): void {
    // A typed source is copied row by row with set (a memcpy); anything else value by value.
    const typed = source instanceof Float64Array ? source : null;
    for (let i = 0; i < N; i++) {
      const r = a0 + i * N;
      H.fill(0, r, r + N);
      if (i < n) {
        if (typed !== null) H.set(typed.subarray(i * n, i * n + n), r);
        else for (let j = 0; j < n; j++) H[r + j] = source[i * n + j];
        H[r + i] += shift;
      } else {
        H[r + i] = 1;
      }
    }
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
    const C1 = C0 + NB;
    for (let c = C0; c < C1; c++) H[v0 + c * N + c] = 1 / H[a0 + c * N + c];
    for (let ib = cb; ib < blocks; ib++) {
      const I0 = ib * NB;
      // V[C][I] = −Σ_{k<I0} V[C][k] L[I][k]; V[c][k] is 0 for k < c, so k starts at C0.
      for (let k0 = C0; k0 < I0; k0 += KC) {
        const k1 = Math.min(I0, k0 + KC);
        ex.gemm_nt(at(V, C0, k0), at(A, I0, k0), at(V, C0, I0), NB, NB, (k1 - k0) * 8, -1, k0 > C0 ? 1 : 0);
      }
      // Then the block's own columns, four at a time, as the panel factor does.
      for (let s0 = I0; s0 < I0 + NB; s0 += 4) {
        const s1 = s0 + 4;
        if (s0 > I0) ex.gemm_nt(at(V, C0, I0), at(A, s0, I0), at(V, C0, s0), NB, 4, (s0 - I0) * 8, -1, 1);
        const cEnd = Math.min(C1, s1 - 1);
        for (let c = C0; c < cEnd; c++) {
          const rc = v0 + c * N;
          for (let i = Math.max(s0, c + 1); i < s1; i++) {
            const ri = a0 + i * N;
            let s = H[rc + i];
            for (let k = s0; k < i; k++) s -= H[rc + k] * H[ri + k];
            // L's diagonal, not V's: row block i's V[i][i] may not be written yet.
            H[rc + i] = s / H[ri + i];
          }
        }
      }
    }
  }

  function runInverse(nextTask: () => number): void {
    for (let cb = nextTask(); cb < blocks; cb = nextTask()) inverseRowBlock(cb);
  }

  function runProduct(nextTask: () => number): void {
    const count = (blocks * (blocks + 1)) / 2;
    // Row ab of the lower tiles holds ab + 1 of them; the first rows have the longest sums, so go first.
    for (let t = nextTask(); t < count; t = nextTask()) {
      let ab = 0;
      let rest = t;
      while (rest > ab) {
        rest -= ab + 1;
        ab++;
      }
      const A0 = ab * NB;
      const B0 = rest * NB;
      // P[a][b] = Σ_{k>=a} V[a][k] V[b][k]; written over L, which step 2 has finished with.
      for (let k0 = A0; k0 < N; k0 += KC) {
        const k1 = Math.min(N, k0 + KC);
        ex.gemm_nt(at(V, A0, k0), at(V, B0, k0), at(A, A0, B0), NB, NB, (k1 - k0) * 8, 1, k0 > A0 ? 1 : 0);
      }
    }
  }

  function extract(): Float64Array {
    const P = new Float64Array(n * n);
    // Lower triangle row by row (a memcpy each), then the upper mirrored in
    // 64 x 64 tiles so that the transposed reads stay in cache.
    for (let i = 0; i < n; i++) P.set(H.subarray(a0 + i * N, a0 + i * N + i + 1), i * n);
    for (let i0 = 0; i0 < n; i0 += NB) {
      const i1 = Math.min(n, i0 + NB);
      for (let j0 = i0; j0 < n; j0 += NB) {
        const j1 = Math.min(n, j0 + NB);
        for (let i = i0; i < i1; i++) {
          const o = i * n;
          for (let j = Math.max(j0, i + 1); j < j1; j++) P[o + j] = P[j * n + i];
        }
      }
    }
    return P;
  }

  return {
    load: load,
    factorPanel: factorPanel,
    trailingTileCount: trailingTileCount,
    runTrailingUpdate: runTrailingUpdate,
    runInverse: runInverse,
    runProduct: runProduct,
    extract: extract,
  };
}
