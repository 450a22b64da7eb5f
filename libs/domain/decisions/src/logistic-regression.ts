import { Matrix, solve } from 'ml-matrix';

export interface LogisticRegressionOptions {
  /** L2 penalty λ on the standardised coefficients (never on the intercept); 1 unless told. */
  readonly l2?: number;
  /** Per-row weights (e.g. inverse propensity); all 1 unless given. */
  readonly weights?: ArrayLike<number>;
  readonly maxIterations?: number;
  /** Stop when no coefficient moves by more than this in a Newton step. */
  readonly tolerance?: number;
}

/** A fitted model: features are standardised with the training means and scales before the linear predictor. */
export interface LogisticRegressionModel {
  readonly intercept: number;
  readonly coefficients: readonly number[];
  readonly means: readonly number[];
  readonly scales: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * L2-regularised logistic regression fitted by Newton-Raphson (iteratively
 * reweighted least squares).
 *
 * Method: features are standardised (mean 0, population sd 1; a constant
 * column keeps scale 1) so one λ means the same for every feature; the
 * objective is -Σ wᵢ[yᵢ log pᵢ + (1 - yᵢ) log(1 - pᵢ)] + λ/2 ‖β‖², the
 * intercept unpenalised. Each step solves (XᵀWX + λI₀) Δ = Xᵀw(y - p) - λβ₀
 * with ml-matrix. Source: Hastie, Tibshirani & Friedman, The Elements of
 * Statistical Learning (2nd ed.), §4.4.1 (IRLS) and §4.4.4 (L2 penalty).
 * Same objective as scikit-learn's LogisticRegression(C = 1/λ) on
 * standardised features; benchmarks/decisions/uplift_ref.py repeats it in numpy.
 *
 * Example: x = [0, 1, 2, 3], y = [0, 0, 1, 1], λ = 1 gives a positive
 * slope and P(y = 1 | x = 1.5) = 0.5 by symmetry (asserted in the spec).
 */
export function fitLogisticRegression(
  rows: readonly (readonly number[])[],
  outcomes: ArrayLike<number>,
  options: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  const n = rows.length;
  if (n === 0 || outcomes.length !== n) throw new Error('fitLogisticRegression requires one outcome per row and at least 1 row');
  const p = rows[0]!.length;
  const lambda = options.l2 ?? 1;
  if (!(lambda >= 0)) throw new Error(`fitLogisticRegression requires l2 >= 0, got ${lambda}`);
  const weights = options.weights;
  if (weights && weights.length !== n) throw new Error('fitLogisticRegression requires one weight per row');
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;

  const means = new Array<number>(p).fill(0);
  const scales = new Array<number>(p).fill(0);
  for (const r of rows) for (let j = 0; j < p; j += 1) means[j]! += r[j]! / n;
  for (const r of rows) for (let j = 0; j < p; j += 1) scales[j]! += (r[j]! - means[j]!) ** 2 / n;
  for (let j = 0; j < p; j += 1) scales[j] = scales[j]! > 0 ? Math.sqrt(scales[j]!) : 1;
  // Row-major standardised design with a leading 1 for the intercept.
  const d = p + 1;
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i += 1) {
    x[i * d] = 1;
    const r = rows[i]!;
    for (let j = 0; j < p; j += 1) x[i * d + j + 1] = (r[j]! - means[j]!) / scales[j]!;
  }

  const beta = new Float64Array(d);
  let iterations = 0;
  let converged = false;
  const hessian = new Float64Array(d * d);
  const gradient = new Float64Array(d);
  while (iterations < maxIterations && !converged) {
    iterations += 1;
    hessian.fill(0);
    gradient.fill(0);
    for (let i = 0; i < n; i += 1) {
      const o = i * d;
      let eta = 0;
      for (let j = 0; j < d; j += 1) eta += x[o + j]! * beta[j]!;
      const prob = 1 / (1 + Math.exp(-eta));
      const w = weights ? weights[i]! : 1;
      const h = w * prob * (1 - prob);
      const g = w * (outcomes[i]! - prob);
      for (let j = 0; j < d; j += 1) {
        const xj = x[o + j]!;
        gradient[j]! += g * xj;
        const hx = h * xj;
        // Upper triangle only; mirrored below.
        for (let k = j; k < d; k += 1) hessian[j * d + k]! += hx * x[o + k]!;
      }
    }
    for (let j = 1; j < d; j += 1) {
      hessian[j * d + j]! += lambda;
      gradient[j]! -= lambda * beta[j]!;
    }
    const h = new Matrix(d, d);
    for (let j = 0; j < d; j += 1) for (let k = j; k < d; k += 1) h.set(j, k, hessian[j * d + k]!).set(k, j, hessian[j * d + k]!);
    const step = solve(h, Matrix.columnVector(Array.from(gradient))).getColumn(0);
    let largest = 0;
    for (let j = 0; j < d; j += 1) {
      beta[j]! += step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (!Number.isFinite(largest)) throw new Error('fitLogisticRegression diverged; raise l2 (perfectly separable data needs a penalty)');
    converged = largest < tolerance;
  }
  return { intercept: beta[0]!, coefficients: Array.from(beta.subarray(1)), means, scales, iterations, converged };
}

/** P(y = 1 | x) under a fitted model. */
export function predictProbability(model: LogisticRegressionModel, row: readonly number[]): number {
  let eta = model.intercept;
  for (let j = 0; j < model.coefficients.length; j += 1) {
    eta += (model.coefficients[j]! * (row[j]! - model.means[j]!)) / model.scales[j]!;
  }
  return 1 / (1 + Math.exp(-eta));
}
