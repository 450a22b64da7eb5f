import { describe, expect, it } from 'vitest';
import { canManageModels, modelActions } from './recommender-api';

describe('model actions', () => {
  it('asks for an override only when a version that can be activated loses to popularity', () => {
    expect(modelActions({ status: 'READY', beatsBaseline: true })).toEqual({ activate: true, needsOverride: false, retire: true });
    expect(modelActions({ status: 'READY', beatsBaseline: false })).toEqual({ activate: true, needsOverride: true, retire: true });
    expect(modelActions({ status: 'ACTIVE', beatsBaseline: true })).toEqual({ activate: false, needsOverride: false, retire: true });
    expect(modelActions({ status: 'TRAINING', beatsBaseline: null })).toEqual({ activate: false, needsOverride: false, retire: false });
  });

  it('lets managers and admins change models, not analysts', () => {
    expect([canManageModels('ADMIN'), canManageModels('MANAGER'), canManageModels('ANALYST')]).toEqual([true, true, false]);
  });
});
