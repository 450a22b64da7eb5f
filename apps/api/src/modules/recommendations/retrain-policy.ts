import type { RetrainCadence } from '@crosslane/contracts';

const PERIOD_MS: Record<Exclude<RetrainCadence, 'off'>, number> = { daily: 24 * 3600_000, weekly: 7 * 24 * 3600_000 };

export interface RetrainInputs {
  cadence: RetrainCadence;
  now: Date;
  /** The active model of the scope, or null. */
  active: { createdAt: Date; maxInteractionId: bigint; containsErasedMembers?: boolean } | null;
  /** Largest interaction id stored now. */
  maxInteractionId: bigint;
}

export type RetrainDecision = { retrain: true; slot: string } | { retrain: false; why: string };

/**
 * Whether the cron should queue a retraining: the cadence is on, the active
 * model is at least one period old, and interactions arrived after its
 * snapshot, or an erasure removed members from it (containsErasedMembers:
 * their interactions are gone, so the largest id may not have moved, yet the
 * model must be replaced by one trained without them). The slot (the period's index since the epoch) deduplicates the
 * job across worker processes and cron ticks within one period.
 */
export function decideRetraining({ cadence, now, active, maxInteractionId }: RetrainInputs): RetrainDecision {
  if (cadence === 'off') return { retrain: false, why: 'retraining is off' };
  if (!active) return { retrain: false, why: 'no active model to refresh' };
  if (maxInteractionId <= active.maxInteractionId && !active.containsErasedMembers)
    return { retrain: false, why: 'no new interactions since the active model' };
  const period = PERIOD_MS[cadence];
  if (now.getTime() - active.createdAt.getTime() < period)
    return { retrain: false, why: `the active model is less than one ${cadence === 'daily' ? 'day' : 'week'} old` };
  return { retrain: true, slot: `${cadence}-${Math.floor(now.getTime() / period)}` };
}
