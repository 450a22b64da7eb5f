/**
 * The dot product of factor row `xo` of X with factor row `yo` of Y, both `k`
 * long: two accumulators (even and odd j) summed in a fixed order. The one
 * definition of an ALS score, so that scoreItems and the API's serving index
 * give the same score bit for bit (a stored Float32 factor promoted to
 * Float64 multiplies exactly as the Float64 copy of it does).
 *
 * Example: factorDot(Float64Array.of(1, 2, 3), 0, Float64Array.of(4, 5, 6), 0, 3) is 32.
 */
export function factorDot(X: Float32Array | Float64Array, xo: number, Y: Float32Array | Float64Array, yo: number, k: number): number {
  let s0 = 0;
  let s1 = 0;
  let j = 0;
  for (; j + 1 < k; j += 2) {
    s0 += X[xo + j] * Y[yo + j];
    s1 += X[xo + j + 1] * Y[yo + j + 1];
  }
  if (j < k) s0 += X[xo + j] * Y[yo + j];
  return s0 + s1;
}
