import type { FunnelDefinition } from './funnel-types';
import type { FunnelSqlRow } from './funnel-sql';
import { describeStep } from './validate-funnel';
import { wilsonInterval, type ProportionInterval } from './wilson-interval';

export interface FunnelStepResult {
  index: number;
  label: string;
  /** Members who reached this step. */
  reached: number;
  /** Members lost between the previous step and this one (0 for step 1). */
  dropped: number;
  /** From the previous step (step 1: 1 when anyone entered). */
  fromPrevious: ProportionInterval;
  /** From entering (step 1). */
  overall: ProportionInterval;
  /** Seconds from the previous step (strict) or from entering (any order); null on step 1 or when no one reached it. */
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface FunnelGroupResult {
  key: string;
  entered: number;
  steps: FunnelStepResult[];
  /** The step (index >= 1) that loses the largest share of those who reached the one before; null when no one entered or there is one step. */
  biggestDropOff: { index: number; label: string; lost: number; share: number } | null;
}

/**
 * Shapes the funnel query's rows (one per breakdown key) into per-step
 * results: conversion from the previous step and overall with Wilson 95%
 * intervals, the time between steps, and the biggest drop-off, the step
 * whose step-to-step conversion is lowest (ties: the earlier step, where a
 * fix reaches more members). A key with no row (a date range with no data)
 * gives zeros, not an error.
 * Method: counts and Wilson intervals (wilson-interval.ts); nothing fitted.
 *
 * Example: rows `[{ key: 'all', c1: 100, c2: 40, c3: 10, ... }]` name step 3 as
 * the biggest drop-off (lost 30 of 40, 75%).
 */
export function shapeFunnel(
  funnel: FunnelDefinition,
  rows: readonly FunnelSqlRow[],
  keys: readonly string[] = ['all'],
): FunnelGroupResult[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const allKeys = [...keys, ...rows.map((r) => r.key).filter((k) => !keys.includes(k))];
  return allKeys.map((key) => shapeGroup(funnel, key, byKey.get(key)));
}

function shapeGroup(funnel: FunnelDefinition, key: string, row: FunnelSqlRow | undefined): FunnelGroupResult {
  const counts = funnel.steps.map((_, j) => Number(row?.[`c${j + 1}`] ?? 0));
  const entered = counts[0];
  const steps = funnel.steps.map((step, j): FunnelStepResult => {
    const before = j === 0 ? entered : counts[j - 1];
    return {
      index: j,
      label: describeStep(step),
      reached: counts[j],
      dropped: j === 0 ? 0 : before - counts[j],
      fromPrevious: wilsonInterval(counts[j], before),
      overall: wilsonInterval(counts[j], entered),
      medianSeconds: j === 0 ? null : numberOrNull(row?.[`p50_${j + 1}`]),
      p90Seconds: j === 0 ? null : numberOrNull(row?.[`p90_${j + 1}`]),
    };
  });
  return { key, entered, steps, biggestDropOff: biggestDropOff(steps) };
}

/** The step after which the largest share of members is lost (lowest step-to-step conversion); earlier wins ties. */
export function biggestDropOff(steps: readonly FunnelStepResult[]): FunnelGroupResult['biggestDropOff'] {
  let best: FunnelGroupResult['biggestDropOff'] = null;
  for (const step of steps.slice(1)) {
    const before = step.reached + step.dropped;
    if (before === 0) continue;
    const share = step.dropped / before;
    if (!best || share > best.share) best = { index: step.index, label: step.label, lost: step.dropped, share };
  }
  return best;
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
