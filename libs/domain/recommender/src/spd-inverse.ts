import { createSpdInverseSteps, spdInverseLayout, type SpdMatrixSource } from './spd-inverse-blocked';
import { spdInverseWasmModule } from './spd-inverse-wasm-module';
import { requireIntegerAtLeast } from './validation';

/**
 * (A + shift·I)⁻¹ for a symmetric positive-definite row-major n x n A, on the
 * calling thread: the blocked Cholesky inverse of spd-inverse-blocked.ts in
 * WebAssembly SIMD, in place in one n x n matrix (about 9x faster than the
 * plain-JavaScript invertSymmetricPositiveDefinite below, which stays as its
 * reference and for n beyond a 4 GiB WebAssembly memory). The result is a
 * view of that memory (a SharedArrayBuffer), so no second n x n array is
 * allocated. invertSpdParallel is the same computation on worker threads,
 * bit for bit. A may also be given as a function that writes its lower
 * triangle (gramMatrixInto), so that it never exists apart. The input is not
 * modified. numpy: `np.linalg.inv(A + shift * np.eye(n))` (to rounding).
 *
 * Example: invertSpdBlocked(Float64Array.of(2, 1, 1, 1), 2, 1) is [0.4, -0.2, -0.2, 0.6].
 */
export function invertSpdBlocked(A: SpdMatrixSource, n: number, shift = 0, fn = 'invertSpdBlocked'): Float64Array {
  requireSpdInput(fn, A, n, shift);
  const layout = spdInverseLayout(n, 1);
  if (layout === null) return invertPlain(A, n, shift, fn);
  const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared: true });
  const steps = createSpdInverseSteps(spdInverseWasmModule(layout.size), memory, layout, 0);
  steps.load(A, shift);
  const counter = { next: 0 };
  const nextTask = () => counter.next++;
  const blocks = layout.size / layout.block;
  for (let jb = 0; jb < blocks; jb++) {
    steps.factorPanel(jb, fn);
    counter.next = 0;
    steps.runTrailingUpdate(jb, nextTask);
  }
  counter.next = 0;
  steps.runInverse(nextTask);
  counter.next = 0;
  steps.runProduct(nextTask);
  return steps.finish();
}

/** Throws unless A is n x n (or a function that writes it), n a positive integer and shift a finite number. */
export function requireSpdInput(fn: string, A: SpdMatrixSource, n: number, shift: number): void {
  requireIntegerAtLeast(fn, 'n', n, 1);
  if (typeof A !== 'function' && A.length !== n * n)
    throw new RangeError(`${fn} requires an n x n matrix (${n * n} values), got ${A.length}`);
  if (!Number.isFinite(shift)) throw new RangeError(`${fn} requires a finite shift, got ${String(shift)}`);
}

/** A + shift·I as a plain row-major array, for the plain-JavaScript kernel. */
export function shiftedCopy(A: SpdMatrixSource, n: number, shift: number): Float64Array {
  let B: Float64Array;
  if (typeof A === 'function') {
    B = new Float64Array(n * n);
    A(B, 0, n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) B[i * n + j] = B[j * n + i];
  } else {
    B = Float64Array.from(A);
  }
  for (let i = 0; i < n; i++) B[i * n + i] += shift;
  return B;
}

function invertPlain(A: SpdMatrixSource, n: number, shift: number, fn: string): Float64Array {
  return spdInverseKernel(shiftedCopy(A, n, shift), n, fn);
}

/**
 * Inverse of a symmetric positive-definite matrix (row-major n x n) through
 * its Cholesky factorisation A = L Lᵀ, then V = L⁻ᵀ and A⁻¹ = V Vᵀ: the
 * method of LAPACK's dpotrf + dpotri (Golub & Van Loan, "Matrix
 * Computations", 4th ed., §4.2 and §3.1), n³/2 multiply-adds in all, a
 * quarter of what a general LU inverse costs. Every inner loop is a dot
 * product of two rows (row-major, so both run along memory); no
 * fused multiply-add, so the result is the same on every run. The input is
 * not modified. numpy: `np.linalg.inv(A)` (to rounding).
 *
 * Throws when A is not positive definite, naming the pivot: for A = XᵀX + λI
 * that only happens with λ <= 0.
 *
 * Example: invertSymmetricPositiveDefinite(Float64Array.of(3, 1, 1, 2), 2)
 * is [0.4, -0.2, -0.2, 0.6] (1/5 of [[2, -1], [-1, 3]]).
 */
export function invertSymmetricPositiveDefinite(A: ArrayLike<number>, n: number): Float64Array {
  const fn = 'invertSymmetricPositiveDefinite';
  requireIntegerAtLeast(fn, 'n', n, 1);
  if (A.length !== n * n) throw new RangeError(`${fn} requires an n x n matrix (${n * n} values), got ${A.length}`);
  return spdInverseKernel(A, n, fn);
}

/** L with A = L Lᵀ, lower triangle of a fresh row-major array (upper right 0). */
export function choleskyLower(A: ArrayLike<number>, n: number): Float64Array {
  requireIntegerAtLeast('choleskyLower', 'n', n, 1);
  return spdInverseKernel(A, n, 'choleskyLower', true);
}

/**
 * The whole inverse in one function that reaches nothing outside itself, so
 * that it can be serialised with toString and run on a worker thread
 * (invertSpdParallel, beyond what a 4 GiB WebAssembly memory holds): the
 * Cholesky factor, then V = L⁻ᵀ, then V Vᵀ. With `factorOnly` it returns L.
 */
export function spdInverseKernel(A: ArrayLike<number>, n: number, fn: string, factorOnly = false): Float64Array {
  // Rows are worked in blocks of this many: each other row read from memory
  // then serves the whole block from cache (16 rows of a few thousand
  // doubles stay in L2). The order of the operations within each entry is
  // the same whatever the block, so the result is too.
  const BLOCK = 16;
  const L = choleskyLower();
  if (factorOnly) return L;
  return gramOfUpper(invertLowerTransposed(L));

  /**
   * Σ_{from<=k<to} X[xo + k] Y[yo + k] in four accumulators summed as
   * (s0 + s1) + (s2 + s3): the one inner product of the factor and the
   * triangular inverse, so both round alike. Nested, so toString carries it.
   */
  function rowDot(X: Float64Array, xo: number, Y: Float64Array, yo: number, from: number, to: number): number {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = from;
    for (; k + 3 < to; k += 4) {
      s0 += X[xo + k] * Y[yo + k];
      s1 += X[xo + k + 1] * Y[yo + k + 1];
      s2 += X[xo + k + 2] * Y[yo + k + 2];
      s3 += X[xo + k + 3] * Y[yo + k + 3];
    }
    for (; k < to; k++) s0 += X[xo + k] * Y[yo + k];
    return s0 + s1 + (s2 + s3);
  }

  function choleskyLower(): Float64Array {
    const L = new Float64Array(n * n);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const i1 = Math.min(n, i0 + BLOCK);
      // Row j of L is complete before column j of the block's rows needs it.
      for (let j = 0; j < i1; j++) {
        const rj = j * n;
        for (let i = Math.max(i0, j); i < i1; i++) {
          const ri = i * n;
          const s = A[ri + j] - rowDot(L, ri, L, rj, 0, j);
          if (i === j) {
            if (!(s > 0)) {
              throw new RangeError(
                `${fn} requires a positive definite matrix; pivot ${i} is ${s} (add a positive regularisation to the diagonal)`,
              );
            }
            L[ri + i] = Math.sqrt(s);
          } else {
            L[ri + j] = s / L[rj + j];
          }
        }
      }
    }
    return L;
  }

  /**
   * V = L⁻ᵀ (upper triangular) for lower-triangular L. Column i of L⁻¹ solves
   * L w = e_i; written as rows of V, entry V[c][i] = −(Σ_{c<=k<i} L[i][k] V[c][k]) / L[i][i]
   * is a dot product of two rows, so the inner loop runs along rows.
   */
  function invertLowerTransposed(L: Float64Array): Float64Array {
    const V = new Float64Array(n * n);
    for (let i = 0; i < n; i++) V[i * n + i] = 1 / L[i * n + i];
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const i1 = Math.min(n, i0 + BLOCK);
      for (let c = 0; c < i1 - 1; c++) {
        const rc = c * n;
        // V[c][k] for k < i is known: earlier blocks, or earlier rows of this one.
        for (let i = Math.max(i0, c + 1); i < i1; i++) {
          const ri = i * n;
          const d = V[ri + i];
          V[rc + i] = -rowDot(L, ri, V, rc, c, i) * d;
        }
      }
    }
    return V;
  }

  /**
   * V Vᵀ for upper-triangular V: entry (a, b) is the dot product of rows a and
   * b from column max(a, b) on. Two rows by two rows at a time, so each value
   * loaded serves two products; the lower triangle is computed, then mirrored.
   */
  function gramOfUpper(V: Float64Array): Float64Array {
    const P = new Float64Array(n * n);
    const pairs = n - (n % 2);
    for (let a0 = 0; a0 < pairs; a0 += BLOCK) {
      const a1 = Math.min(pairs, a0 + BLOCK);
      // Off-diagonal 2 x 2 blocks, rows b and b+1 read once for the block's rows a.
      for (let b = 0; b + 1 < a1; b += 2) {
        const rb0 = b * n;
        const rb1 = rb0 + n;
        for (let a = Math.max(a0, b + 2); a < a1; a += 2) {
          const ra0 = a * n;
          const ra1 = ra0 + n;
          // From column a: rows b, b+1 are zero before b, rows a, a+1 before a.
          let s00 = 0;
          let s01 = 0;
          let s10 = 0;
          let s11 = 0;
          // Column a is nonzero in row a only (row a+1 starts at a+1).
          const va = V[ra0 + a];
          s00 += va * V[rb0 + a];
          s01 += va * V[rb1 + a];
          for (let k = a + 1; k < n; k++) {
            const x0 = V[ra0 + k];
            const x1 = V[ra1 + k];
            const y0 = V[rb0 + k];
            const y1 = V[rb1 + k];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s10 += x1 * y0;
            s11 += x1 * y1;
          }
          P[ra0 + b] = s00;
          P[ra0 + b + 1] = s01;
          P[ra1 + b] = s10;
          P[ra1 + b + 1] = s11;
        }
      }
    }
    for (let a = 0; a < pairs; a += 2) {
      const ra0 = a * n;
      const ra1 = ra0 + n;
      // b === a: the 2 x 2 diagonal block (P[a][a+1] is mirrored from P[a+1][a]).
      let s00 = V[ra0 + a] * V[ra0 + a];
      let s10 = 0;
      let s11 = 0;
      for (let k = a + 1; k < n; k++) {
        const x0 = V[ra0 + k];
        const x1 = V[ra1 + k];
        s00 += x0 * x0;
        s10 += x1 * x0;
        s11 += x1 * x1;
      }
      P[ra0 + a] = s00;
      P[ra1 + a] = s10;
      P[ra1 + a + 1] = s11;
    }
    if (pairs < n) {
      const a = pairs;
      const ra = a * n;
      for (let b = 0; b <= a; b++) {
        const rb = b * n;
        let s = 0;
        for (let k = a; k < n; k++) s += V[ra + k] * V[rb + k];
        P[ra + b] = s;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) P[i * n + j] = P[j * n + i];
    }
    return P;
  }
}
