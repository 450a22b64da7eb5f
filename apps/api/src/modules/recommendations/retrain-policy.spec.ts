import { describe, expect, it } from 'vitest';
import { decideRetraining } from './retrain-policy';

const now = new Date('2025-06-30T12:00:00Z');
const dayOld = new Date('2025-06-29T11:00:00Z');

describe('decideRetraining', () => {
  it('queues a daily retraining when new interactions arrived and a day has passed', () => {
    const decision = decideRetraining({
      cadence: 'daily',
      now,
      active: { createdAt: dayOld, maxInteractionId: 100n },
      maxInteractionId: 150n,
    });
    expect(decision).toEqual({ retrain: true, slot: `daily-${Math.floor(now.getTime() / 86_400_000)}` });
  });

  it('does nothing without new interactions, before the period, when off, or without an active model', () => {
    expect(
      decideRetraining({ cadence: 'daily', now, active: { createdAt: dayOld, maxInteractionId: 150n }, maxInteractionId: 150n }),
    ).toMatchObject({ retrain: false, why: 'no new interactions since the active model' });
    expect(
      decideRetraining({ cadence: 'weekly', now, active: { createdAt: dayOld, maxInteractionId: 1n }, maxInteractionId: 150n }),
    ).toMatchObject({ retrain: false });
    expect(
      decideRetraining({ cadence: 'off', now, active: { createdAt: dayOld, maxInteractionId: 1n }, maxInteractionId: 150n }),
    ).toMatchObject({ retrain: false, why: 'retraining is off' });
    expect(decideRetraining({ cadence: 'daily', now, active: null, maxInteractionId: 150n })).toMatchObject({ retrain: false });
  });

  it('gives every tick within one period the same slot, so workers queue one job', () => {
    const later = new Date(now.getTime() + 15 * 60_000);
    const a = decideRetraining({ cadence: 'daily', now, active: { createdAt: dayOld, maxInteractionId: 1n }, maxInteractionId: 2n });
    const b = decideRetraining({ cadence: 'daily', now: later, active: { createdAt: dayOld, maxInteractionId: 1n }, maxInteractionId: 2n });
    expect(a).toEqual(b);
  });

  it('retrains a model an erasure stripped at its next period even without new interactions, but not before', () => {
    const stripped = { createdAt: dayOld, maxInteractionId: 150n, containsErasedMembers: true };
    expect(decideRetraining({ cadence: 'daily', now, active: stripped, maxInteractionId: 120n })).toEqual({
      retrain: true,
      slot: `daily-${Math.floor(now.getTime() / 86_400_000)}`,
    });
    expect(decideRetraining({ cadence: 'weekly', now, active: stripped, maxInteractionId: 120n })).toMatchObject({
      retrain: false,
      why: 'the active model is less than one week old',
    });
    expect(decideRetraining({ cadence: 'off', now, active: stripped, maxInteractionId: 120n })).toMatchObject({ retrain: false });
  });
});
