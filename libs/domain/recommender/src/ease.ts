import { gramMatrixInto } from './gram-matrix';
import type { CsrMatrix, InteractionMatrix } from './interaction-matrix';
import { invertSpdBlocked } from './spd-inverse';
import { invertSpdParallel } from './spd-inverse-parallel';
import { requireIntegerAtLeast } from './validation';

/** Beyond this many items EASE's dense n x n matrices (two of 8n² bytes while fitting) are not attempted. */
export const EASE_MAX_ITEMS = 20_000;

export interface EaseParams {
  /** λ of the L2 penalty ‖B‖²; Steck found 200-1000 best on his datasets, about 100 on Online Retail. */
  readonly lambda: number;
}

/** A fitted EASE model: item-item weights, plus the rows it scores users from. */
export interface EaseModel {
  readonly kind: 'ease';
  readonly itemCount: number;
  readonly lambda: number;
  /**
   * itemCount x itemCount, row-major: weights[i * n + j] is how much having item i adds to item j's score; the diagonal is 0.
   * From fitEase and friends, a view of the start of the inverse's WebAssembly memory (a SharedArrayBuffer, slightly larger).
   */
  readonly weights: Float64Array;
  /** The users x items rows a user index is scored from (the training matrix). */
  readonly history: CsrMatrix;
}

/**
 * Why EASE is not fitted on a catalogue of this size, or null when it is.
 *
 * Example: easeSkipReason(25_000) starts with "EASE skipped: 25000 items".
 */
export function easeSkipReason(itemCount: number, maxItems = EASE_MAX_ITEMS): string | null {
  if (itemCount <= maxItems) return null;
  const gib = (2 * 8 * itemCount * itemCount) / 2 ** 30;
  return `EASE skipped: ${itemCount} items is more than the ${maxItems} it is fitted on (two dense ${itemCount} x ${itemCount} matrices, ${gib.toFixed(1)} GiB)`;
}

/**
 * EASE, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck 2019,
 * WWW, §3.1): the item-item matrix B minimising ‖X − XB‖² + λ‖B‖² with
 * diag(B) = 0 has the closed form B = I − P·diag(1/diag P), where
 * P = (XᵀX + λI)⁻¹; a user's score for item j is Σ_i x_ui B_ij. P comes from
 * a blocked Cholesky factorisation of the symmetric positive-definite
 * XᵀX + λI in WebAssembly SIMD (invertSpdBlocked; fitEaseOffThread runs the
 * same kernel on worker threads). The inputs are not modified; the result
 * depends on nothing else (no randomness). numpy, as in the paper:
 * `G = X.T @ X; G[d] += lam; P = inv(G); B = P / -diag(P); B[d] = 0`.
 *
 * Example: users {0, 1} and {0} with λ = 1 give B = [[0, 1/3], [1/2, 0]].
 */
export function fitEase(train: InteractionMatrix, params: EaseParams): EaseModel {
  const fn = 'fitEase';
  requireLambda(fn, params.lambda);
  const reason = easeSkipReason(train.itemCount);
  if (reason !== null) throw new RangeError(`${fn}: ${reason}`);
  requireIntegerAtLeast(fn, 'itemCount', train.itemCount, 1);
  // XᵀX's lower triangle, all the factorisation reads, goes straight into the inverse's memory.
  const P = invertSpdBlocked(gramWriter(train), train.itemCount, params.lambda, fn);
  return easeFromInverse(P, train.byUser, params.lambda);
}

export interface EaseOffThreadOptions {
  /** Worker threads that share the inverse; default 2 (the machine's cores, as numpy's BLAS uses them). */
  readonly threads?: number;
}

/** fitEase with the inverse on worker threads (see easeFromGramOffThread): the same weights bit for bit. */
export async function fitEaseOffThread(
  train: InteractionMatrix,
  params: EaseParams,
  options: EaseOffThreadOptions = {},
): Promise<EaseModel> {
  const fn = 'fitEaseOffThread';
  requireLambda(fn, params.lambda);
  const reason = easeSkipReason(train.itemCount);
  if (reason !== null) throw new RangeError(`${fn}: ${reason}`);
  requireIntegerAtLeast(fn, 'itemCount', train.itemCount, 1);
  const P = await invertSpdParallel(gramWriter(train), train.itemCount, params.lambda, { threads: options.threads ?? 2 }, fn);
  return easeFromInverse(P, train.byUser, params.lambda);
}

function gramWriter(train: InteractionMatrix): (target: Float64Array, offset: number, stride: number) => void {
  return (target, offset, stride) => gramMatrixInto(train.byUser, target, offset, stride, true);
}

/**
 * EASE from a Gram matrix already computed (a search over λ computes XᵀX
 * once and calls this per λ). `gram` is not modified.
 */
export function easeFromGram(gram: Float64Array, history: CsrMatrix, lambda: number): EaseModel {
  const fn = 'easeFromGram';
  requireGram(fn, gram, history, lambda);
  return easeFromInverse(invertSpdBlocked(gram, history.columnCount, lambda, fn), history, lambda);
}

/**
 * easeFromGram with the inverse computed on worker threads
 * (invertSpdParallel), so that a queue job's event loop stays free to renew
 * its lock while the tiles are computed (the calling thread only copies the
 * matrix in and out and factors the narrow 64-column panels): the same
 * kernel in the same order, so the same weights bit for bit.
 *
 * Example: (await easeFromGramOffThread(g, h, 100)).weights equals easeFromGram(g, h, 100).weights.
 */
export async function easeFromGramOffThread(
  gram: Float64Array,
  history: CsrMatrix,
  lambda: number,
  options: EaseOffThreadOptions = {},
): Promise<EaseModel> {
  const fn = 'easeFromGramOffThread';
  requireGram(fn, gram, history, lambda);
  const P = await invertSpdParallel(gram, history.columnCount, lambda, { threads: options.threads ?? 2 }, fn);
  return easeFromInverse(P, history, lambda);
}

function requireGram(fn: string, gram: Float64Array, history: CsrMatrix, lambda: number): void {
  requireLambda(fn, lambda);
  const n = history.columnCount;
  if (gram.length !== n * n) throw new RangeError(`${fn} requires a ${n} x ${n} Gram matrix (${n * n} values), got ${gram.length}`);
}

function easeFromInverse(P: Float64Array, history: CsrMatrix, lambda: number): EaseModel {
  const n = history.columnCount;
  // B_ij = −P_ij / P_jj off the diagonal, 0 on it; written over P (P is ours).
  const inverseDiagonal = new Float64Array(n);
  for (let j = 0; j < n; j++) inverseDiagonal[j] = -1 / P[j * n + j];
  for (let i = 0; i < n; i++) {
    const r = i * n;
    for (let j = 0; j < n; j++) P[r + j] *= inverseDiagonal[j];
    P[r + i] = 0;
  }
  return { kind: 'ease', itemCount: n, lambda, weights: P, history };
}

/**
 * EASE scores of every item for a history given as item indices and values
 * (binary feedback: values 1): the sum of the history items' rows of B.
 *
 * Example: with B = [[0, 1/3], [1/2, 0]], easeScores(B, 2, [0], [1]) is [0, 1/3].
 */
export function easeScores(
  weights: ArrayLike<number>,
  itemCount: number,
  itemIndices: ArrayLike<number>,
  values: ArrayLike<number> | null,
  out?: Float64Array,
): Float64Array {
  const scores = out ?? new Float64Array(itemCount);
  scores.fill(0);
  for (let t = 0; t < itemIndices.length; t++) {
    const v = values === null ? 1 : values[t];
    const r = itemIndices[t] * itemCount;
    for (let j = 0; j < itemCount; j++) scores[j] += v * weights[r + j];
  }
  return scores;
}

function requireLambda(fn: string, lambda: number): void {
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda <= 0) {
    throw new RangeError(`${fn} requires lambda > 0 (a finite number), got ${String(lambda)}`);
  }
}
