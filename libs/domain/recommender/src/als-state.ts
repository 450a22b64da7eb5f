import type { ResolvedImplicitAlsParams } from './implicit-als-params';
import type { CsrMatrix, InteractionMatrix } from './interaction-matrix';
import { createNumpyRandom } from './numpy-pcg64-random';

/** Rows per work unit: small enough to balance two threads, large enough that the Gram partials stay few. */
export const ALS_BLOCK_SIZE = 64;

/** Byte offsets of one side's arrays in the shared memory. */
export interface AlsSideLayout {
  readonly rowCount: number;
  readonly blockCount: number;
  /** Int32 x (rowCount + 1). */
  readonly indptr: number;
  /** Int32 x nnz: the other side's row of each stored interaction. */
  readonly indices: number;
  /** Float64 x nnz: c = 1 + alpha r (right-hand side weights). */
  readonly confidence: number;
  /** Float64 x nnz: c − 1 (the extra weight on top of the Gram matrix). */
  readonly weight: number;
  /** Float64 x rowCount x stride: the factors, padding columns kept at 0. */
  readonly factors: number;
  /** Float32 x rowCount x stride: their copy for the other side's sparse terms, refreshed per solved block. */
  readonly factors32: number;
  /** Float64 x blockCount x stride²: each block's partial Gram matrix. */
  readonly gramPartials: number;
}

/** Byte offsets of one thread's scratch space. */
export interface AlsScratchLayout {
  readonly gram: number;
  readonly xs: number;
  readonly rs: number;
  readonly ps: number;
  readonly aps: number;
  readonly coef: number;
  readonly base: number;
  /** 16 bytes per interaction of a row: partial dot products. */
  readonly dots: number;
  /** Float32 x stride: the sparse term's input vector. */
  readonly v32: number;
  readonly colT: number;
}

/** Where everything of one training run sits in its WebAssembly memory. */
export interface AlsLayout {
  readonly factors: number;
  /** Row stride in doubles: factors rounded up to a multiple of 16 (the kernels' unroll). */
  readonly stride: number;
  readonly blockSize: number;
  readonly cgSteps: number;
  readonly users: AlsSideLayout;
  readonly items: AlsSideLayout;
  /** One per thread that solves rows. */
  readonly scratch: readonly AlsScratchLayout[];
  readonly bytes: number;
}

export interface AlsState {
  readonly layout: AlsLayout;
  readonly memory: WebAssembly.Memory;
}

const PAGE = 65536;
const MAX_PAGES = 65536;

/**
 * Row stride in doubles for `factors` latent dimensions: rounded up to 16 so
 * every kernel loop runs whole 128-byte chunks.
 *
 * Example: alsStride(64) === 64 and alsStride(3) === 16.
 */
export function alsStride(factors: number): number {
  return Math.ceil(factors / 16) * 16;
}

/**
 * Lays out a training run in one shared WebAssembly memory: both CSR sides
 * with their confidence weights (c = 1 + alpha r, Hu, Koren & Volinsky 2008
 * eq. 6), the factors, the Gram partials and `threads` scratch areas.
 *
 * The factors start bit-identical to als_ref.py's for the same seed:
 * `(default_rng(seed).random((n, k)) * 0.01).astype(float32)` for the users,
 * then the same for the items, row-major, drawn with createNumpyRandom and
 * rounded to float32. So our trainer and the numpy reference start from the
 * same point and differ only in how they train.
 *
 * Example: prepareAlsState('factorizeImplicit', m, params, 1).layout.stride === 16 for 3 factors.
 */
export function prepareAlsState(fn: string, matrix: InteractionMatrix, params: ResolvedImplicitAlsParams, threads: number): AlsState {
  const stride = alsStride(params.factors);
  const blockSize = ALS_BLOCK_SIZE;
  let bytes = 0;
  const reserve = (size: number): number => {
    const at = bytes;
    bytes += Math.ceil(size / 64) * 64;
    return at;
  };
  const side = (csr: CsrMatrix): AlsSideLayout => {
    const nnz = csr.indptr[csr.rowCount];
    const blockCount = Math.ceil(csr.rowCount / blockSize);
    return {
      rowCount: csr.rowCount,
      blockCount,
      indptr: reserve(4 * (csr.rowCount + 1)),
      indices: reserve(4 * nnz),
      confidence: reserve(8 * nnz),
      weight: reserve(8 * nnz),
      factors: reserve(8 * csr.rowCount * stride),
      factors32: reserve(4 * csr.rowCount * stride),
      gramPartials: reserve(8 * Math.max(blockCount, 1) * stride * stride),
    };
  };
  const users = side(matrix.byUser);
  const items = side(matrix.byItem);
  const longest = Math.max(maxRowLength(matrix.byUser), maxRowLength(matrix.byItem)) + 1;
  const scratch: AlsScratchLayout[] = [];
  for (let t = 0; t < threads; t++) {
    scratch.push({
      gram: reserve(8 * stride * stride),
      xs: reserve(8 * 4 * stride),
      rs: reserve(8 * 4 * stride),
      ps: reserve(8 * 4 * stride),
      aps: reserve(8 * 4 * stride),
      coef: reserve(8 * longest),
      base: reserve(4 * longest),
      dots: reserve(16 * longest),
      v32: reserve(4 * stride),
      colT: reserve(8 * stride * blockSize),
    });
  }
  const pages = Math.ceil(bytes / PAGE) + 1;
  if (pages > MAX_PAGES) {
    throw new RangeError(
      `${fn} requires the interactions and factors to fit in 4 GiB of WebAssembly memory; ` +
        `this problem needs ${(bytes / 2 ** 30).toFixed(1)} GiB (use fewer factors or split the data)`,
    );
  }
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const layout: AlsLayout = {
    factors: params.factors,
    stride,
    blockSize,
    cgSteps: params.cgSteps,
    users,
    items,
    scratch,
    bytes,
  };
  fill(memory, matrix.byUser, users, params.alpha);
  fill(memory, matrix.byItem, items, params.alpha);
  const heap = new Float64Array(memory.buffer);
  const numpyRandom = createNumpyRandom(params.seed);
  for (const s of [users, items]) {
    for (let r = 0; r < s.rowCount; r++) {
      const row = s.factors / 8 + r * stride;
      for (let j = 0; j < params.factors; j++) heap[row + j] = Math.fround(numpyRandom() * 0.01);
    }
  }
  return { layout, memory };
}

/** Copies one side's factors out of the memory into a compact rows x factors array. */
export function readFactors(state: AlsState, side: AlsSideLayout): Float64Array {
  const { stride, factors } = state.layout;
  const heap = new Float64Array(state.memory.buffer);
  const out = new Float64Array(side.rowCount * factors);
  for (let r = 0; r < side.rowCount; r++) {
    const from = side.factors / 8 + r * stride;
    out.set(heap.subarray(from, from + factors), r * factors);
  }
  return out;
}

/** A view of one side's padded factors (row stride layout.stride), for the loss. */
export function factorView(state: AlsState, side: AlsSideLayout): Float64Array {
  return new Float64Array(state.memory.buffer, side.factors, side.rowCount * state.layout.stride);
}

function fill(memory: WebAssembly.Memory, csr: CsrMatrix, side: AlsSideLayout, alpha: number): void {
  const nnz = csr.indptr[csr.rowCount];
  new Int32Array(memory.buffer, side.indptr, csr.rowCount + 1).set(csr.indptr.subarray(0, csr.rowCount + 1));
  new Int32Array(memory.buffer, side.indices, nnz).set(csr.indices.subarray(0, nnz));
  const confidence = new Float64Array(memory.buffer, side.confidence, nnz);
  const weight = new Float64Array(memory.buffer, side.weight, nnz);
  for (let t = 0; t < nnz; t++) {
    const c = 1 + alpha * csr.values[t];
    confidence[t] = c;
    weight[t] = c - 1;
  }
}

function maxRowLength(csr: CsrMatrix): number {
  let max = 0;
  for (let r = 0; r < csr.rowCount; r++) max = Math.max(max, csr.indptr[r + 1] - csr.indptr[r]);
  return max;
}
