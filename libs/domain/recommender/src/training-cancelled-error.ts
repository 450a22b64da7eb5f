/**
 * Thrown when a trainer's shouldCancel() returns true. A job catches it by
 * type to report "cancelled" rather than "failed".
 *
 * Example: new TrainingCancelledError('factorizeImplicit', 3).completedIterations === 3
 */
export class TrainingCancelledError extends Error {
  override readonly name = 'TrainingCancelledError';

  constructor(
    readonly trainer: string,
    /** Full iterations finished before the cancellation was seen. */
    readonly completedIterations: number,
  ) {
    super(`${trainer} was cancelled after ${completedIterations} completed iteration(s)`);
  }
}
