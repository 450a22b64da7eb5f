import { normalQuantile } from './distributions';
import { requireOpenUnitInterval, requirePositiveInteger, requirePositiveNumber } from './validation';

export interface PowerOptions {
  /** Two-sided significance level; default 0.05. */
  readonly alpha?: number;
  /** Probability of detecting the effect when it is there; default 0.8. */
  readonly power?: number;
}

/** A planned test with known arm sizes: what effect can it detect? */
export type DetectableEffectInput =
  | {
      readonly kind: 'proportion';
      /** Control conversion rate, e.g. 0.0057. */
      readonly baselineRate: number;
      readonly controlSize: number;
      readonly treatmentSize: number;
    }
  | {
      readonly kind: 'mean';
      /** Per-member standard deviation of the metric (e.g. revenue). */
      readonly standardDeviation: number;
      readonly controlSize: number;
      readonly treatmentSize: number;
      /** Control mean, to report the effect relative to it; optional. */
      readonly baselineMean?: number;
    };

export interface MinimumDetectableEffect {
  /** Smallest upward absolute difference detectable; null if none is (even a 100 % rate). */
  readonly absolute: number | null;
  /** absolute / baseline; null without a positive baseline. */
  readonly relative: number | null;
}

/** A planned effect: how many members does the test need? */
export type SampleSizeInput =
  | {
      readonly kind: 'proportion';
      readonly baselineRate: number;
      /** Absolute lift to detect, e.g. 0.005 for +0.5 pp. */
      readonly minimumDetectableEffect: number;
      /** Treatment members per control member (weight_treatment / weight_control); default 1. */
      readonly allocationRatio?: number;
    }
  | {
      readonly kind: 'mean';
      readonly standardDeviation: number;
      readonly minimumDetectableEffect: number;
      readonly allocationRatio?: number;
    };

export interface SampleSizeResult {
  readonly control: number;
  readonly treatment: number;
  readonly total: number;
}

function criticalValues(fn: string, options: PowerOptions): { zAlpha: number; zBeta: number } {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  requireOpenUnitInterval(fn, 'alpha', alpha);
  requireOpenUnitInterval(fn, 'power', power);
  return { zAlpha: normalQuantile(1 - alpha / 2), zBeta: normalQuantile(power) };
}

/**
 * Power z-score reached for proportions p0 -> p0 + delta with arm sizes nC, nT:
 * the Fleiss formula, pooled variance under the null (as the z-test uses) and
 * unpooled under the alternative.
 */
function proportionPowerZ(p0: number, delta: number, nC: number, nT: number, zAlpha: number): number {
  const p1 = p0 + delta;
  const pBar = (nC * p0 + nT * p1) / (nC + nT);
  const nullSe = Math.sqrt(pBar * (1 - pBar) * (1 / nC + 1 / nT));
  const altSe = Math.sqrt((p0 * (1 - p0)) / nC + (p1 * (1 - p1)) / nT);
  return (delta - zAlpha * nullSe) / altSe;
}

/**
 * Minimum detectable effect of a two-arm test at given arm sizes, level and
 * power (two-sided test, upward effect; the far rejection tail is ignored).
 *
 * Method: proportions, the Fleiss formula with unequal allocation, solved for
 * the difference by bisection: Fleiss, Levin & Paik, Statistical Methods for
 * Rates and Proportions (3rd ed., 2003), §4.2 eq. 4.14, the same power
 * function as R's power.prop.test. Means, the normal approximation
 * delta = (z_{1-α/2} + z_{power}) · sd · sqrt(1/nC + 1/nT); Chow, Shao & Wang,
 * Sample Size Calculations in Clinical Research (2nd ed., 2008), §3.2. At
 * campaign sizes (thousands per arm) the t correction is negligible.
 *
 * Example: minimumDetectableEffect({kind: 'proportion', baselineRate: 0.0057, controlSize: 21306, treatmentSize: 21307}).absolute ≈ 0.002233
 * (Hillstrom-sized arms: about +0.22 pp, a 39 % relative lift).
 */
export function minimumDetectableEffect(input: DetectableEffectInput, options: PowerOptions = {}): MinimumDetectableEffect {
  const fn = 'minimumDetectableEffect';
  requirePositiveInteger(fn, 'controlSize', input.controlSize);
  requirePositiveInteger(fn, 'treatmentSize', input.treatmentSize);
  const { zAlpha, zBeta } = criticalValues(fn, options);
  const { controlSize: nC, treatmentSize: nT } = input;

  if (input.kind === 'mean') {
    requirePositiveNumber(fn, 'standardDeviation', input.standardDeviation);
    const absolute = (zAlpha + zBeta) * input.standardDeviation * Math.sqrt(1 / nC + 1 / nT);
    const base = input.baselineMean;
    return { absolute, relative: base !== undefined && base > 0 ? absolute / base : null };
  }

  requireOpenUnitInterval(fn, 'baselineRate', input.baselineRate);
  const p0 = input.baselineRate;
  const maxDelta = 1 - p0;
  if (proportionPowerZ(p0, maxDelta, nC, nT, zAlpha) < zBeta) return { absolute: null, relative: null };
  // The power z-score rises with delta; 100 halvings reach machine precision.
  let lo = 0;
  let hi = maxDelta;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (proportionPowerZ(p0, mid, nC, nT, zAlpha) < zBeta) lo = mid;
    else hi = mid;
  }
  return { absolute: hi, relative: hi / p0 };
}

/**
 * Members needed per arm to detect a given absolute effect (two-sided test).
 *
 * Method: proportions, Fleiss, Levin & Paik (2003) eq. 4.14 with allocation
 * ratio r = nT/nC:
 *   nC = [z_{1-α/2} sqrt(p̄ q̄ (1 + 1/r)) + z_{power} sqrt(p0 q0 + p1 q1 / r)]² / delta²,
 *   p̄ = (p0 + r p1) / (1 + r); for r = 1 this is the n of R's power.prop.test.
 * Means, nC = (z_{1-α/2} + z_{power})² sd² (1 + 1/r) / delta² (Chow, Shao &
 * Wang 2008, §3.2). Sizes are rounded up.
 *
 * Example: requiredSampleSize({kind: 'proportion', baselineRate: 0.1, minimumDetectableEffect: 0.02}) -> { control: 3841, treatment: 3841, total: 7682 }.
 */
export function requiredSampleSize(input: SampleSizeInput, options: PowerOptions = {}): SampleSizeResult {
  const fn = 'requiredSampleSize';
  const { zAlpha, zBeta } = criticalValues(fn, options);
  const r = input.allocationRatio ?? 1;
  requirePositiveNumber(fn, 'allocationRatio', r);
  requirePositiveNumber(fn, 'minimumDetectableEffect', input.minimumDetectableEffect);
  const delta = input.minimumDetectableEffect;

  let control: number;
  if (input.kind === 'mean') {
    requirePositiveNumber(fn, 'standardDeviation', input.standardDeviation);
    const sd = input.standardDeviation;
    control = ((zAlpha + zBeta) ** 2 * sd * sd * (1 + 1 / r)) / (delta * delta);
  } else {
    requireOpenUnitInterval(fn, 'baselineRate', input.baselineRate);
    const p0 = input.baselineRate;
    const p1 = p0 + delta;
    if (p1 >= 1) {
      throw new RangeError(`${fn} requires baselineRate + minimumDetectableEffect < 1, got ${p1}`);
    }
    const pBar = (p0 + r * p1) / (1 + r);
    const root = zAlpha * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / r)) + zBeta * Math.sqrt(p0 * (1 - p0) + (p1 * (1 - p1)) / r);
    control = (root * root) / (delta * delta);
  }
  // Subtracting a hair before ceil keeps 3841.0000000001 (rounding noise) at 3841.
  const up = (x: number): number => Math.ceil(x - 1e-9);
  const c = up(control);
  const t = up(control * r);
  return { control: c, treatment: t, total: c + t };
}

export interface ExpectedDuration {
  /** Days of traffic needed to enrol the sample. */
  readonly days: number;
  /** days rounded up to whole weeks, so every weekday is sampled equally often. */
  readonly fullWeekDays: number;
}

/**
 * Days a test must run to enrol `totalSampleSize` members when
 * `dailyEligibleMembers` new eligible members arrive per day.
 *
 * Method: ceil(total / daily). Running whole weeks follows Kohavi, Tang & Xu,
 * Trustworthy Online Controlled Experiments (2020), ch. 2 and 17: weekday
 * and weekend members behave differently, and a partial week over-weights
 * some days.
 *
 * Example: expectedDuration(7682, 900) -> { days: 9, fullWeekDays: 14 }.
 */
export function expectedDuration(totalSampleSize: number, dailyEligibleMembers: number): ExpectedDuration {
  const fn = 'expectedDuration';
  requirePositiveInteger(fn, 'totalSampleSize', totalSampleSize);
  requirePositiveNumber(fn, 'dailyEligibleMembers', dailyEligibleMembers);
  const days = Math.ceil(totalSampleSize / dailyEligibleMembers - 1e-9);
  return { days, fullWeekDays: Math.ceil(days / 7) * 7 };
}
