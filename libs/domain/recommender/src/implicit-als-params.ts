import { requireInteger, requireIntegerAtLeast, requireNonNegativeFinite } from './validation';

/** Hyper-parameters of implicit ALS; tune alpha and regularization per dataset. */
export interface ImplicitAlsParams {
  /** Latent dimensions, >= 1. */
  readonly factors: number;
  /** Full sweeps (users, then items), >= 1. */
  readonly iterations: number;
  /** Confidence slope: c_ui = 1 + alpha * r_ui. */
  readonly alpha: number;
  /** L2 penalty on every factor vector (not scaled by row counts, as in implicit). */
  readonly regularization: number;
  /** Conjugate-gradient steps per row and sweep, >= 1; default 3 (implicit's default). */
  readonly cgSteps?: number;
  /** Seeds the initial factors, an integer >= 0 (numpy's default_rng rule): same seed, same model. */
  readonly seed: number;
}

export type ResolvedImplicitAlsParams = Required<ImplicitAlsParams>;

export interface FactorizeImplicitOptions {
  /** Record the normalised loss after each iteration (costs about one extra half-sweep of work). */
  readonly computeLoss?: boolean;
  /** Called after each iteration, 1-based, with its loss when computeLoss is set. */
  readonly onIteration?: (iteration: number, loss?: number) => void;
  /** Polled before each half-iteration; returning true aborts with TrainingCancelledError. */
  readonly shouldCancel?: () => boolean;
}

export function resolveImplicitAlsParams(fn: string, params: ImplicitAlsParams): ResolvedImplicitAlsParams {
  if (params === null || typeof params !== 'object') {
    throw new TypeError(`${fn} requires a params object`);
  }
  const cgSteps = params.cgSteps ?? 3;
  requireIntegerAtLeast(fn, 'factors', params.factors, 1);
  requireIntegerAtLeast(fn, 'iterations', params.iterations, 1);
  requireNonNegativeFinite(fn, 'alpha', params.alpha);
  requireNonNegativeFinite(fn, 'regularization', params.regularization);
  requireIntegerAtLeast(fn, 'cgSteps', cgSteps, 1);
  requireInteger(fn, 'seed', params.seed);
  // The initial factors are numpy's default_rng(seed) draws, and numpy has no negative seeds.
  requireIntegerAtLeast(fn, 'seed', params.seed, 0);
  return {
    factors: params.factors,
    iterations: params.iterations,
    alpha: params.alpha,
    regularization: params.regularization,
    cgSteps,
    seed: params.seed,
  };
}
