import type { AlsLayout, AlsSideLayout } from './als-state';
import type { AlsWasmExports } from './als-wasm-module';

// The driver of one thread's share of an ALS half-sweep, shared verbatim by
// the single-thread trainer and every worker thread. `createAlsKernel` is
// serialised with Function.prototype.toString and evaluated inside each
// worker, so it must stay self-contained: no imports at run time (the ones
// above are types only), nothing from outside its own body, and only syntax
// that needs no compiler helpers (no classes, spreads or destructuring
// defaults). Both trainers run this code and the same WebAssembly on the same
// blocks of rows, so they produce bit-identical factors.

export interface AlsKernel {
  /** Writes block `block`'s partial Gram matrix of the side's factors. */
  gramBlock(side: AlsSideLayout, block: number): void;
  /**
   * Sums the other side's partial Grams in block order (plus reg·I), then
   * solves blocks of `own` from nextBlock() until it passes the last block,
   * writing each block's partial Gram as soon as its rows are final.
   */
  runPhase(own: AlsSideLayout, other: AlsSideLayout, regularization: number, nextBlock: () => number): void;
}

/**
 * Builds the ALS driver for scratch slot `slot` of `layout`, over its own
 * instance of the kernel module on the shared `memory`.
 *
 * Method: per row u, layout.cgSteps steps of conjugate gradient on
 * (YᵀY + reg·I + Yᵤᵀ diag(c_u − 1) Yᵤ) x_u = Yᵤᵀ c_u, warm-started from the
 * previous x_u (Takács, Pilászy & Tikk 2011, "Applications of the conjugate
 * gradient method for implicit feedback collaborative filtering", RecSys; as
 * benfred/implicit's CPU ALS and als_ref.py). The residual's right-hand side
 * and sparse term share one pass: r = Σ_t (c_t − w_t y_t·x) y_t − G x. Rows go
 * four at a time so that each pass over the Gram matrix G serves four vectors.
 *
 * Example: createAlsKernel(alsWasmModule(64, 64), state.memory, state.layout, 0)
 * returns {gramBlock, runPhase} (factorizeImplicit calls runPhase per half-sweep).
 */
export function createAlsKernel(module: WebAssembly.Module, memory: WebAssembly.Memory, layout: AlsLayout, slot: number): AlsKernel {
  const ex = new WebAssembly.Instance(module, { env: { memory: memory } }).exports as unknown as AlsWasmExports;
  const heap64 = new Float64Array(memory.buffer);
  const heap32 = new Int32Array(memory.buffer);
  const kp = layout.stride;
  const laneBytes = kp * 8;
  const blockSize = layout.blockSize;
  const cgSteps = layout.cgSteps;
  const scratch = layout.scratch[slot];
  const gram = scratch.gram;
  const xs = scratch.xs;
  const rs = scratch.rs;
  const ps = scratch.ps;
  const aps = scratch.aps;
  const rsq = new Float64Array(4);
  const laneRow = new Int32Array(4);
  const laneStart = new Int32Array(4);
  const laneLength = new Int32Array(4);

  function reduceGram(other: AlsSideLayout, regularization: number): void {
    const size = kp * kp;
    const g = gram >>> 3;
    heap64.fill(0, g, g + size);
    for (let b = 0; b < other.blockCount; b++) ex.add_into(gram, other.gramPartials + b * size * 8, size * 8);
    for (let i = 0; i < kp; i++) {
      // Padding dimensions get reg too; their solution component stays 0 either way.
      heap64[g + i * kp + i] += regularization;
      for (let j = i + 1; j < kp; j++) heap64[g + j * kp + i] = heap64[g + i * kp + j];
    }
  }

  // Lane v's sparse term (sparse_apply over its row's entries), as both the residual and every CG step need it.
  function sparseTerm(
    own: AlsSideLayout,
    other: AlsSideLayout,
    v: number,
    V: number,
    dst: number,
    src: number,
    sign: number,
    residual: number,
  ): void {
    const s = laneStart[v];
    ex.sparse_apply(
      other.factors32,
      own.indices + 4 * s,
      own.weight + 8 * s,
      own.confidence + 8 * s,
      laneLength[v],
      V,
      dst,
      src,
      sign,
      residual,
      scratch.coef,
      scratch.base,
      scratch.dots,
      scratch.v32,
    );
  }

  function solveGroup(own: AlsSideLayout, other: AlsSideLayout, first: number, last: number): void {
    const indptr = own.indptr >>> 2;
    for (let v = 0; v < 4; v++) {
      const row = first + v;
      const lane = (xs >>> 3) + v * kp;
      laneRow[v] = row < last ? row : -1;
      laneLength[v] = 0;
      if (row < last) {
        laneStart[v] = heap32[indptr + row];
        laneLength[v] = heap32[indptr + row + 1] - laneStart[v];
      }
      if (laneLength[v] > 0) {
        const from = (own.factors >>> 3) + row * kp;
        heap64.copyWithin(lane, from, from + kp);
      } else {
        // No data: the solution is 0 (as implicit and als_ref.py set it).
        heap64.fill(0, lane, lane + kp);
      }
    }
    ex.gemm4(gram, xs, aps);
    for (let v = 0; v < 4; v++) {
      rsq[v] = 0;
      if (laneLength[v] === 0) continue;
      const o = v * laneBytes;
      sparseTerm(own, other, v, xs + o, rs + o, aps + o, -1, 1);
      rsq[v] = ex.copy_dot(ps + o, rs + o);
    }
    for (let step = 0; step < cgSteps; step++) {
      ex.gemm4(gram, ps, aps);
      const lastStep = step === cgSteps - 1 ? 1 : 0;
      for (let v = 0; v < 4; v++) {
        if (laneLength[v] === 0) continue;
        const o = v * laneBytes;
        sparseTerm(own, other, v, ps + o, aps + o, aps + o, 1, 0);
        rsq[v] = ex.cg_update(xs + o, rs + o, ps + o, aps + o, rsq[v], lastStep);
      }
    }
    for (let v = 0; v < 4; v++) {
      const row = laneRow[v];
      if (row < 0) continue;
      const lane = (xs >>> 3) + v * kp;
      heap64.copyWithin((own.factors >>> 3) + row * kp, lane, lane + kp);
    }
  }

  function gramBlock(side: AlsSideLayout, block: number): void {
    const first = block * blockSize;
    const rows = Math.min(blockSize, side.rowCount - first);
    ex.gram_block(
      side.factors + first * laneBytes,
      rows,
      scratch.colT,
      side.gramPartials + block * kp * kp * 8,
      side.factors32 + first * kp * 4,
    );
  }

  function runPhase(own: AlsSideLayout, other: AlsSideLayout, regularization: number, nextBlock: () => number): void {
    reduceGram(other, regularization);
    for (;;) {
      const block = nextBlock();
      if (block >= own.blockCount) return;
      const first = block * blockSize;
      const last = Math.min(first + blockSize, own.rowCount);
      for (let g = first; g < last; g += 4) solveGroup(own, other, g, last);
      gramBlock(own, block);
    }
  }

  return { gramBlock: gramBlock, runPhase: runPhase };
}
