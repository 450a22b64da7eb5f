import { describe, expect, it } from 'vitest';
import { TrainingCancelledError } from './training-cancelled-error';

describe('TrainingCancelledError', () => {
  it('carries the trainer and its completed iterations (the doc example)', () => {
    const error = new TrainingCancelledError('factorizeImplicit', 3);
    expect(error.completedIterations).toBe(3);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TrainingCancelledError');
    expect(error.message).toBe('factorizeImplicit was cancelled after 3 completed iteration(s)');
  });
});
