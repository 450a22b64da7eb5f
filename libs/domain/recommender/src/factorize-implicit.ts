import { createAlsKernel, type AlsKernel } from './als-kernel';
import { factorView, prepareAlsState, readFactors, type AlsState } from './als-state';
import { alsWasmModule } from './als-wasm-module';
import {
  resolveImplicitAlsParams,
  type FactorizeImplicitOptions,
  type ImplicitAlsParams,
  type ResolvedImplicitAlsParams,
} from './implicit-als-params';
import { implicitAlsLoss } from './implicit-loss';
import type { InteractionMatrix } from './interaction-matrix';
import type { ImplicitAlsModel } from './recommender-model';
import { TrainingCancelledError } from './training-cancelled-error';

/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu,
 * Koren & Volinsky 2008, "Collaborative Filtering for Implicit Feedback
 * Datasets", ICDM), each row solved by a few conjugate-gradient steps
 * warm-started from the previous sweep (Takács, Pilászy & Tikk 2011): the
 * method of benfred/implicit's CPU ALS and of shared/tools/als_ref.py.
 * Confidence is c = 1 + alpha·r; rows without interactions get zero factors.
 * Runs on the calling thread (synchronously); factorizeImplicitParallel gives
 * the same model on worker threads.
 *
 * Example: on the rank-1 matrix [[1, 1], [1, 1]] with factors 1, alpha 1 and
 * regularization 0, every score x_u·y_i converges to 1
 * (factorizeImplicit(m, {factors: 1, iterations: 10, alpha: 1, regularization: 0, seed: 1})).
 */
export function factorizeImplicit(
  matrix: InteractionMatrix,
  params: ImplicitAlsParams,
  options: FactorizeImplicitOptions = {},
): ImplicitAlsModel {
  const fn = 'factorizeImplicit';
  const p = resolveImplicitAlsParams(fn, params);
  const state = prepareAlsState(fn, matrix, p, 1);
  const kernel = createAlsKernel(alsWasmModule(state.layout.stride, state.layout.blockSize), state.memory, state.layout, 0);
  seedItemGram(kernel, state);
  const losses: number[] = [];
  const { users, items } = state.layout;
  for (let iteration = 0; iteration < p.iterations; iteration++) {
    for (const [own, other] of [
      [users, items],
      [items, users],
    ] as const) {
      if (options.shouldCancel?.()) throw new TrainingCancelledError(fn, iteration);
      let next = 0;
      kernel.runPhase(own, other, p.regularization, () => next++);
    }
    reportIteration(matrix, state, p, options, iteration, losses);
  }
  return finishModel(matrix, state, p, options.computeLoss ? losses : null);
}

/** Gram partials of the initial item factors, which the first user sweep needs. */
export function seedItemGram(kernel: AlsKernel, state: AlsState): void {
  for (let b = 0; b < state.layout.items.blockCount; b++) kernel.gramBlock(state.layout.items, b);
}

export function reportIteration(
  matrix: InteractionMatrix,
  state: AlsState,
  p: ResolvedImplicitAlsParams,
  options: FactorizeImplicitOptions,
  iteration: number,
  losses: number[],
): void {
  let loss: number | undefined;
  if (options.computeLoss) {
    loss = implicitAlsLoss(
      matrix,
      factorView(state, state.layout.users),
      factorView(state, state.layout.items),
      p.factors,
      p.alpha,
      p.regularization,
      state.layout.stride,
    ).normalised;
    losses.push(loss);
  }
  options.onIteration?.(iteration + 1, loss);
}

export function finishModel(
  matrix: InteractionMatrix,
  state: AlsState,
  p: ResolvedImplicitAlsParams,
  loss: number[] | null,
): ImplicitAlsModel {
  return {
    kind: 'implicit-als',
    userCount: matrix.userCount,
    itemCount: matrix.itemCount,
    factors: p.factors,
    userFactors: readFactors(state, state.layout.users),
    itemFactors: readFactors(state, state.layout.items),
    params: p,
    loss,
  };
}
