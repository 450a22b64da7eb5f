import { differenceBelow, sketchFingerprint, symmetricDifference, type MemberSetSketch } from './member-set-sketch';

/**
 * The disclosure gate's rule: whether a number derived from partner data
 * (or a set released to a partner) may be released, given what was already
 * released for the same partner. Aggregation threshold plus difference
 * checks, as Google Ads Data Hub does ("Privacy checks": aggregation,
 * difference and noise), with the member sets kept as sketches
 * (member-set-sketch.ts) so the check is exact for differences under k.
 *
 * Two sets describe a release: the population asked about (a segment, all
 * members: what the asker can already see) and the members behind the
 * released number (the partner-derived part). The rule, in order:
 *
 * THRESHOLD mode
 *  1. fewer than k members behind the number: SUPPRESS ("< k").
 *  2. same question (metric, population and members) as an earlier release:
 *     REPEAT its answer (nothing new is learnt).
 *  3. the population differs from an earlier release of the same metric by
 *     fewer than k members: CARRY the earlier answer, dated (a segment that
 *     grows by a few members a day keeps its last figure until it has
 *     changed by k; the decision reads only the population, which the asker
 *     sees anyway, so it says nothing about partner customers).
 *  4. the population of any other earlier release, or the members behind
 *     any earlier release, differ from this one's by 1 to k - 1: WITHHOLD,
 *     naming the earlier result.
 *  5. otherwise RELEASE.
 *
 * NOISE mode (differential privacy, see discrete-laplace.ts)
 *  2'. same metric, population and data version: REPEAT the earlier noisy
 *      answer (a fresh draw would let averaging remove the noise).
 *  3'. as 3: CARRY (saves budget; the decision reads only public facts).
 *  5'. otherwise RELEASE with fresh noise, charging the budget; a noisy
 *      value below k reads "< k" (post-processing).
 *  Members behind a result are not compared in NOISE mode: a decision that
 *  reads them would itself leak, and the noise covers differences.
 *
 * Example: a first overlap of 30 members releases; asking again for the
 * same segment minus one member gives CARRY with the rule
 * "differs from an earlier result of 2026-12-06 by fewer than 10 members".
 */

export type PrivacyMode = 'THRESHOLD' | 'NOISE';

export interface SketchedSet {
  size: number;
  sketch: MemberSetSketch;
}

export interface DisclosureCandidate {
  /** What is counted, e.g. "overlap", "car-interested", "export-row". */
  metric: string;
  population: SketchedSet;
  /** The members behind the number (its exact count is members.size). */
  members: SketchedSet;
  /** What the partner-side data was when asked (e.g. the customer list's last import): same data, same noisy answer. */
  dataVersion: string;
  /** Exports cannot carry an earlier figure: a file row is either released or not. */
  carryAllowed: boolean;
  /**
   * Members the partner has already been told to delete (its suppression list: consent withdrawn or erased).
   * A set that differs from an earlier one only by these members missing tells the partner nothing new, so
   * that difference is not refused; any other difference below k still is.
   */
  leftKnown?: ReadonlySet<bigint>;
}

export interface EarlierRelease {
  id: string;
  releasedAt: Date;
  metric: string;
  population: SketchedSet;
  members: SketchedSet;
  dataVersion: string;
  /** What was released (noisy in NOISE mode). */
  value: number | null;
  noisy: boolean;
  errorBound: number | null;
}

export interface DisclosurePolicy {
  mode: PrivacyMode;
  k: number;
}

export type DisclosureRule = 'GROUP_TOO_SMALL' | 'DIFFERENCE_CHECK';

export type DisclosureDecision =
  | { action: 'RELEASE'; noisy: boolean }
  | { action: 'SUPPRESS'; rule: 'GROUP_TOO_SMALL'; message: string }
  | { action: 'REPEAT'; earlier: EarlierRelease }
  | { action: 'CARRY'; earlier: EarlierRelease; rule: 'DIFFERENCE_CHECK'; difference: number; message: string }
  | {
      action: 'WITHHOLD';
      earlier: EarlierRelease;
      rule: 'DIFFERENCE_CHECK';
      difference: number;
      compared: 'population' | 'members';
      message: string;
    };

/** The sentence a refusal is worded with (also what the screens show). */
export function differenceMessage(earlier: Pick<EarlierRelease, 'releasedAt'>, k: number): string {
  return `differs from an earlier result of ${earlier.releasedAt.toISOString().slice(0, 10)} by fewer than ${k} members`;
}

export function disclosureDecision(
  candidate: DisclosureCandidate,
  earlier: readonly EarlierRelease[],
  policy: DisclosurePolicy,
): DisclosureDecision {
  const { k } = policy;
  if (!Number.isInteger(k) || k < 1) throw new Error(`disclosureDecision requires a positive integer k; got ${k}`);
  const byNewest = [...earlier].sort((a, b) => b.releasedAt.getTime() - a.releasedAt.getTime());
  const samePopulation = (e: EarlierRelease) =>
    e.population.size === candidate.population.size &&
    sketchFingerprint(e.population.sketch) === sketchFingerprint(candidate.population.sketch);
  const sameMembers = (e: EarlierRelease) =>
    e.members.size === candidate.members.size && sketchFingerprint(e.members.sketch) === sketchFingerprint(candidate.members.sketch);

  if (policy.mode === 'THRESHOLD') {
    if (candidate.members.size < k) {
      return { action: 'SUPPRESS', rule: 'GROUP_TOO_SMALL', message: `fewer than ${k} members: below the minimum group size` };
    }
    const repeat = byNewest.find((e) => e.metric === candidate.metric && samePopulation(e) && sameMembers(e));
    if (repeat) return { action: 'REPEAT', earlier: repeat };
  } else {
    const repeat = byNewest.find((e) => e.metric === candidate.metric && e.dataVersion === candidate.dataVersion && samePopulation(e));
    if (repeat) return { action: 'REPEAT', earlier: repeat };
  }

  // True when this set differs from the earlier one only by members the partner was told to delete (exact decode).
  const onlyKnownLeft = (mine: SketchedSet, theirs: SketchedSet) => {
    if (!candidate.leftKnown || candidate.leftKnown.size === 0) return false;
    const diff = symmetricDifference(mine.sketch, theirs.sketch);
    return diff.decoded && diff.onlyInFirst.length === 0 && diff.onlyInSecond.every((id) => candidate.leftKnown!.has(id));
  };

  for (const e of byNewest) {
    const d = differenceBelow(candidate.population.sketch, e.population.sketch, k);
    if (d === null || d === 0 || onlyKnownLeft(candidate.population, e.population)) continue;
    if (candidate.carryAllowed && e.metric === candidate.metric) {
      return { action: 'CARRY', earlier: e, rule: 'DIFFERENCE_CHECK', difference: d, message: differenceMessage(e, k) };
    }
    if (policy.mode === 'THRESHOLD') {
      return {
        action: 'WITHHOLD',
        earlier: e,
        rule: 'DIFFERENCE_CHECK',
        difference: d,
        compared: 'population',
        message: differenceMessage(e, k),
      };
    }
  }
  if (policy.mode === 'NOISE') return { action: 'RELEASE', noisy: true };

  for (const e of byNewest) {
    const d = differenceBelow(candidate.members.sketch, e.members.sketch, k);
    if (d === null || d === 0 || onlyKnownLeft(candidate.members, e.members)) continue;
    return {
      action: 'WITHHOLD',
      earlier: e,
      rule: 'DIFFERENCE_CHECK',
      difference: d,
      compared: 'members',
      message: differenceMessage(e, k),
    };
  }
  return { action: 'RELEASE', noisy: false };
}

/** Only earlier releases whose sizes are within k of the candidate's can be within k of it: what the store is asked for. */
export function sizeWindow(size: number, k: number): { min: number; max: number } {
  return { min: Math.max(0, size - k + 1), max: size + k - 1 };
}
