import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING_TRIALS, defaultModelName, splitTrialBudget } from './training-params';

describe('splitTrialBudget', () => {
  it('gives EASE a quarter of the trials, at most 6 and at least 1, and ALS the rest', () => {
    expect(splitTrialBudget(DEFAULT_TUNING_TRIALS, true, true)).toEqual({ als: 30, ease: 6 });
    expect(splitTrialBudget(3, true, true)).toEqual({ als: 2, ease: 1 });
    expect(splitTrialBudget(12, true, true)).toEqual({ als: 9, ease: 3 });
  });

  it('gives every trial to the one algorithm searched', () => {
    expect(splitTrialBudget(10, true, false)).toEqual({ als: 10, ease: 0 });
    expect(splitTrialBudget(10, false, true)).toEqual({ als: 0, ease: 10 });
  });
});

describe('defaultModelName', () => {
  it('names what was trained', () => {
    const at = new Date('2026-12-06T17:20:00Z');
    expect(defaultModelName('ALL', true, at, 'auto')).toBe('tuned ALS+EASE all 2026-12-06 17:20');
    expect(defaultModelName('PARTNER', false, at)).toBe('ALS partner 2026-12-06 17:20');
  });
});
