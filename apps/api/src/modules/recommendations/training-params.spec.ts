import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_PARAMS, sampleTuningGrid } from './training-params';

describe('sampleTuningGrid', () => {
  const start = { factors: DEFAULT_TRAINING_PARAMS.factors, alpha: DEFAULT_TRAINING_PARAMS.alpha, regularization: DEFAULT_TRAINING_PARAMS.regularization };

  it('tries the starting parameters first, then distinct grid points', () => {
    const trials = sampleTuningGrid(start, 6, 1);
    expect(trials).toHaveLength(6);
    expect(trials[0]).toEqual(start);
    expect(new Set(trials.map((t) => `${t.factors}/${t.alpha}/${t.regularization}`)).size).toBe(6);
  });

  it('draws the same search for the same seed and another for another seed', () => {
    expect(sampleTuningGrid(start, 5, 7)).toEqual(sampleTuningGrid(start, 5, 7));
    expect(sampleTuningGrid(start, 5, 7)).not.toEqual(sampleTuningGrid(start, 5, 8));
  });
});
